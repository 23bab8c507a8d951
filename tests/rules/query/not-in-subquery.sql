CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE bans (id bigint PRIMARY KEY, email text, customer_id bigint NOT NULL);

SELECT id FROM customers WHERE email NOT IN (SELECT email FROM bans);
-- expect: warning not-in-subquery

SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM bans);

SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM bans b WHERE b.email = c.email);

SELECT id FROM customers WHERE email IN (SELECT email FROM bans);

SELECT id FROM customers WHERE id NOT IN (1, 2, 3);
SELECT id FROM customers WHERE email NOT IN (SELECT b.email FROM bans b WHERE b.email IS NOT NULL);
