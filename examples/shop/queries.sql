-- Queries the shop's application runs (extracted from its code).

-- Order history page.
SELECT * FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT 20 OFFSET 40;

-- Customers who never logged in.
SELECT id, email FROM customers WHERE email NOT IN (SELECT actor FROM audit_log WHERE action = 'login');

-- Featured product on the home page.
SELECT id, name, price FROM products ORDER BY random() LIMIT 1;

-- Nightly clean-up job.
DELETE FROM audit_log;

UPDATE orders SET status = 'cancelled'
WHERE status = 'pending' AND placed_at < now() - interval '30 days';

-- Revenue per day (fine as it is).
SELECT date_trunc('day', placed_at) AS day, sum(total) FROM orders GROUP BY 1 ORDER BY 1;
