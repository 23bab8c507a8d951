-- Queries the SQLite edition of the shop runs.

-- calls: 300
SELECT * FROM orders WHERE customer_id = 1 ORDER BY total DESC LIMIT 5;

-- calls: 50
SELECT id, email FROM customers WHERE lower(email) = 'ada@example.com';

SELECT sum(quantity) FROM order_items WHERE product_id = 3;

SELECT * FROM orders WHERE status = 'paid';
