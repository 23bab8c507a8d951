CREATE TABLE orders (id bigint PRIMARY KEY, status text);
-- migration
BEGIN;
ALTER TABLE orders ADD COLUMN kind text;
UPDATE orders SET kind = 'web';
-- expect: warning backfill-in-ddl-transaction
UPDATE orders SET status = 'new' WHERE id < 1000;
COMMIT;
