CREATE TABLE quotes (id bigint PRIMARY KEY, body text NOT NULL);

SELECT id, body FROM quotes ORDER BY random() LIMIT 1;
-- expect: warning order-by-random

SELECT id, body FROM quotes TABLESAMPLE SYSTEM (1) LIMIT 1;

SELECT id, body FROM quotes ORDER BY id LIMIT 1;
SELECT * FROM orders TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT 10;
