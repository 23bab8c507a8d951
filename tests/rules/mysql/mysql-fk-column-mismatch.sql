-- dialect: mysql
-- A dump turns key checks off and may create a child before its parent, so
-- mismatched keys load; InnoDB refuses them on the next ALTER or restore.
SET FOREIGN_KEY_CHECKS = 0;
CREATE TABLE `invoices` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `account_id` int NOT NULL, CONSTRAINT `invoices_account_id_fkey` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`)) ENGINE=InnoDB;
-- expect: warning mysql-fk-column-mismatch main.invoices.account_id
CREATE TABLE `payments` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `account_id` bigint NOT NULL, CONSTRAINT `payments_account_id_fkey` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`)) ENGINE=InnoDB;
-- expect: warning mysql-fk-column-mismatch main.payments.account_id
CREATE TABLE `notes` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `account_code` varchar(20) CHARACTER SET latin1 NOT NULL, CONSTRAINT `notes_account_code_fkey` FOREIGN KEY (`account_code`) REFERENCES `accounts` (`code`)) ENGINE=InnoDB;
-- expect: warning mysql-fk-column-mismatch main.notes.account_code
CREATE TABLE `accounts` (`id` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `code` varchar(20) CHARACTER SET utf8mb4 NOT NULL, UNIQUE KEY `accounts_code` (`code`)) ENGINE=InnoDB;
SET FOREIGN_KEY_CHECKS = 1;
CREATE TABLE `refunds` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `account_id` bigint unsigned NOT NULL, CONSTRAINT `refunds_account_id_fkey` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`)) ENGINE=InnoDB;
