CREATE TABLE orders (id bigint PRIMARY KEY);
BEGIN;
ALTER TABLE orders ADD COLUMN a text;
COMMIT;
-- migration
BEGIN;
ALTER TABLE orders ADD COLUMN b text;
-- expect: error ban-uncommitted-transaction
