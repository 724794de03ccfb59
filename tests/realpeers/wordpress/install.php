<?php
// Installs a fresh WordPress site from the command line (there is no wp-cli in Debian) and creates an
// application password for its administrator. Usage:
//   php install.php SITE_DIR URL USER PASSWORD
// Prints one JSON line: {"user": ..., "user_id": ..., "application_password": ...}.
if (PHP_SAPI !== 'cli' || $argc !== 5) {
    fwrite(STDERR, "usage: php install.php SITE_DIR URL USER PASSWORD\n");
    exit(2);
}
[, $site, $url, $user, $password] = $argv;
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
$_SERVER['SERVER_NAME'] = $parts['host'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/translation-install.php';

$result = wp_install('CM Studio test blog', $user, $user . '@example.test', false, '', wp_slash($password), 'en_US');
if (is_wp_error($result)) {
    fwrite(STDERR, 'wp_install failed: ' . $result->get_error_message() . "\n");
    exit(1);
}
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('timezone_string', 'Europe/Paris');
$user_id = (int) $result['user_id'];
wp_update_user(['ID' => $user_id, 'display_name' => 'Rédaction CM Studio']);

if (!wp_is_application_passwords_available()) {
    fwrite(STDERR, "application passwords are not available (WP_ENVIRONMENT_TYPE must be 'local' over http)\n");
    exit(1);
}
$created = WP_Application_Passwords::create_new_application_password($user_id, ['name' => 'cmstudio-tests']);
if (is_wp_error($created)) {
    fwrite(STDERR, 'application password: ' . $created->get_error_message() . "\n");
    exit(1);
}
echo json_encode(['user' => $user, 'user_id' => $user_id, 'application_password' => $created[0]]), "\n";
