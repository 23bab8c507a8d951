-- dialect: mysql
CREATE TABLE `events` (`happened_at` datetime NOT NULL, `payload` text) ENGINE=InnoDB;
-- expect: warning innodb-without-primary-key main.events
CREATE TABLE `loose_unique` (`code` varchar(10), UNIQUE KEY `loose_unique_code` (`code`)) ENGINE=InnoDB;
-- expect: warning innodb-without-primary-key main.loose_unique
CREATE TABLE `keyed` (`id` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE `clustered_on_unique` (`code` varchar(10) NOT NULL, UNIQUE KEY `clustered_on_unique_code` (`code`)) ENGINE=InnoDB;
CREATE TABLE `myisam_log` (`line` text) ENGINE=MyISAM;
