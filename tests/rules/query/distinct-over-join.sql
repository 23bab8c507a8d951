-- Fixture for distinct-over-join: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric);

SELECT DISTINCT c.id, c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.total > 100;
-- expect: info distinct-over-join

SELECT c.id, c.name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.total > 100);
-- Columns of both sides: the pairs themselves are wanted.
SELECT DISTINCT c.name, o.total FROM customers c JOIN orders o ON o.customer_id = c.id;
-- One table.
SELECT DISTINCT name FROM customers;
