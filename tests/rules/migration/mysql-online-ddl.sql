-- dialect: mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `customer_id` int NOT NULL,
  `status` varchar(20) NOT NULL DEFAULT 'pending',
  `note` varchar(100) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- migration
ALTER TABLE `orders` ADD COLUMN `shipped_at` datetime NULL;
ALTER TABLE `orders` ADD INDEX `orders_status` (`status`);
ALTER TABLE `orders` MODIFY `customer_id` bigint NOT NULL;
-- expect: warning mysql-online-ddl
ALTER TABLE `orders` MODIFY `status` varchar(40) NOT NULL DEFAULT 'pending';
ALTER TABLE `orders` CONVERT TO CHARACTER SET utf8mb3;
-- expect: warning mysql-online-ddl
ALTER TABLE `orders` ADD FULLTEXT INDEX `orders_note_ft` (`note`);
-- expect: warning mysql-online-ddl
CREATE INDEX `orders_customer` ON `orders` (`customer_id`);
ALTER TABLE `orders` RENAME COLUMN `note` TO `remark`;
CREATE TABLE `returns` (`id` int unsigned NOT NULL PRIMARY KEY, `reason` int NOT NULL) ENGINE=InnoDB;
ALTER TABLE `returns` MODIFY `reason` varchar(200) NOT NULL;
