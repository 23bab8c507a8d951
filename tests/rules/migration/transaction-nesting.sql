CREATE TABLE orders (id bigint PRIMARY KEY);
-- migration
BEGIN;
ALTER TABLE orders ADD COLUMN a text;
BEGIN;
-- expect: warning transaction-nesting
ALTER TABLE orders ADD COLUMN b text;
COMMIT;
BEGIN;
ALTER TABLE orders ADD COLUMN c text;
COMMIT;
