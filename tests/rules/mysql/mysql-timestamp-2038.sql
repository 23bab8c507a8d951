-- dialect: mysql
CREATE TABLE `subscriptions` (
  `id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `expires_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB;
-- expect: warning mysql-timestamp-2038 main.subscriptions.expires_at
-- expect: warning mysql-timestamp-2038 main.subscriptions.updated_at
CREATE TABLE `visits` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `at` datetime(3) NOT NULL) ENGINE=InnoDB;
