-- dialect: mysql
CREATE TABLE `orders` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE INDEX `orders_missing_idx` ON `orders` (`customer_id`);
-- expect: error statement-fails
CREATE TABLE `orders` (`id` int PRIMARY KEY);
-- expect: error statement-fails
CREATE INDEX `orders_id_idx` ON `orders` (`id`);
