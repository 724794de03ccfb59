<?php
// Router for PHP's built-in server (php -S 127.0.0.1:PORT -t SITE router.php): existing static files
// are served as they are, PHP files run, everything else (pretty permalinks, /wp-json/...) goes to
// WordPress's front controller, as Apache's rewrite rules would do.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ($path !== '/' && is_file($file)) {
    if (substr($file, -4) !== '.php') {
        return false;
    }
    chdir(dirname($file));
    $_SERVER['SCRIPT_NAME'] = $path;
    $_SERVER['SCRIPT_FILENAME'] = $file;
    require $file;
    return true;
}
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {
    chdir(rtrim($file, '/'));
    require rtrim($file, '/') . '/index.php';
    return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
