-- Fixture for implicit-cross-join: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric);
CREATE TABLE products (id bigint PRIMARY KEY, price numeric);

SELECT c.name, o.total FROM customers c, orders o WHERE o.total > 100;
-- expect: warning implicit-cross-join

SELECT c.name, p.price FROM customers c, orders o, products p WHERE o.customer_id = c.id;
-- expect: warning implicit-cross-join

SELECT c.name, o.total FROM customers c, orders o WHERE o.customer_id = c.id;
SELECT c.name, o.total FROM customers c JOIN orders o ON o.customer_id = c.id;
-- Written as meant.
SELECT c.name, p.price FROM customers c CROSS JOIN products p;
-- Unqualified columns resolved through the schema.
SELECT name, total FROM customers, orders WHERE customer_id = customers.id;
