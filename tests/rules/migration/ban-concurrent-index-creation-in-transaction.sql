CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric);
-- migration
BEGIN;
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
-- expect: error ban-concurrent-index-creation-in-transaction
COMMIT;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
