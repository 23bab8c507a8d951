-- Fulfillment: track shipping on orders. Written the quick way; dbsage
-- shows which of these statements copy the orders table or block writes.
ALTER TABLE `orders` ADD COLUMN `shipped_at` datetime NULL;
ALTER TABLE `orders` ADD INDEX `orders_shipped_at_idx` (`shipped_at`);
ALTER TABLE `orders` MODIFY `customer_id` bigint NOT NULL;
ALTER TABLE `orders` ADD CONSTRAINT `orders_total_check` CHECK (`total` >= 0);
ALTER TABLE `orders` MODIFY `status` varchar(40) NOT NULL DEFAULT 'pending';
ALTER TABLE `customers` ADD FULLTEXT INDEX `customers_full_name_ft` (`full_name`);
