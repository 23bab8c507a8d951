-- The shop's queries as a MySQL application sends them.
SELECT * FROM `orders` WHERE `customer_id` = 42 ORDER BY `placed_at` DESC LIMIT 20;
SELECT `id`, `total` FROM `orders` WHERE DATE(`placed_at`) = '2024-03-01';
SELECT `id`, `email` FROM `customers` WHERE `email` LIKE '%@example.com';
UPDATE `orders` SET `status` = 'cancelled';
SELECT `id` FROM `orders` ORDER BY RAND() LIMIT 1;
