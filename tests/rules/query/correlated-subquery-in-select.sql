-- Fixture for correlated-subquery-in-select: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric);

SELECT c.name, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orders FROM customers c;
-- expect: warning correlated-subquery-in-select

SELECT c.name, n.orders FROM customers c
LEFT JOIN (SELECT customer_id, count(*) AS orders FROM orders GROUP BY customer_id) n ON n.customer_id = c.id;
-- Not correlated: it runs once.
SELECT c.name, (SELECT max(total) FROM orders) AS biggest FROM customers c;
