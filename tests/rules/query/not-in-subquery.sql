CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE bans (id bigint PRIMARY KEY, email text, customer_id bigint NOT NULL);

SELECT id FROM customers WHERE email NOT IN (SELECT email FROM bans);
-- expect: warning not-in-subquery

SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM bans);

SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM bans b WHERE b.email = c.email);

SELECT id FROM customers WHERE email IN (SELECT email FROM bans);

SELECT id FROM customers WHERE id NOT IN (1, 2, 3);
SELECT id FROM customers WHERE email NOT IN (SELECT b.email FROM bans b WHERE b.email IS NOT NULL);

-- NOT NULL reached through a join and through a CTE.
SELECT id FROM customers WHERE id NOT IN (SELECT b.customer_id FROM bans b JOIN customers c ON c.email = b.email);
SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM bans b JOIN customers c ON c.email = b.email);
WITH banned AS (SELECT customer_id FROM bans) SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM banned);
WITH banned AS (SELECT email FROM bans WHERE email IS NOT NULL) SELECT id FROM customers WHERE email NOT IN (SELECT email FROM banned);

-- The NULL-filled side of an outer join, and a CTE over a nullable column.
SELECT id FROM customers WHERE id NOT IN (SELECT b.customer_id FROM customers c LEFT JOIN bans b ON b.email = c.email);
-- expect: warning not-in-subquery
WITH banned AS (SELECT email FROM bans) SELECT id FROM customers WHERE email NOT IN (SELECT email FROM banned);
-- expect: warning not-in-subquery
