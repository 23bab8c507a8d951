-- Column changes on an existing InnoDB table: every statement's predicted
-- algorithm and lock must be what the scratch MariaDB accepts first.
CREATE TABLE `accounts` (
  `id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `email` varchar(100) NOT NULL,
  `name` varchar(50) NULL,
  `balance` int NOT NULL DEFAULT 0,
  `note` varchar(20) CHARACTER SET latin1 NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- migration
ALTER TABLE `accounts` ADD COLUMN `created_at` datetime NULL;
ALTER TABLE `accounts` ADD COLUMN `kind` tinyint NOT NULL DEFAULT 0 AFTER `id`;
ALTER TABLE `accounts` DROP COLUMN `kind`;
ALTER TABLE `accounts` ALTER COLUMN `balance` SET DEFAULT 10;
ALTER TABLE `accounts` ALTER COLUMN `balance` DROP DEFAULT;
ALTER TABLE `accounts` RENAME COLUMN `name` TO `full_name`;
ALTER TABLE `accounts` CHANGE `full_name` `display_name` varchar(50) NULL;
ALTER TABLE `accounts` MODIFY `display_name` varchar(60) NULL;
ALTER TABLE `accounts` MODIFY `note` varchar(200) CHARACTER SET latin1 NULL;
ALTER TABLE `accounts` MODIFY `balance` bigint NOT NULL;
ALTER TABLE `accounts` MODIFY `display_name` varchar(60) NOT NULL;
ALTER TABLE `accounts` MODIFY `display_name` varchar(60) NULL;
ALTER TABLE `accounts` ADD COLUMN `total` decimal(10,2) AS (`balance` / 100) STORED;
ALTER TABLE `accounts` ADD COLUMN `half` decimal(10,2) AS (`balance` / 2) VIRTUAL;
ALTER TABLE `accounts` COMMENT = 'customer accounts';
