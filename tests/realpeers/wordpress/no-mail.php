<?php
/*
 * Plugin Name: CM Studio tests: no mail
 * Description: The test site has no sendmail; short-circuit wp_mail() as if the mail had gone out.
 */
add_filter('pre_wp_mail', '__return_true');
