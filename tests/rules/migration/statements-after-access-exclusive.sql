CREATE TABLE orders (id bigint PRIMARY KEY, status text);
CREATE TABLE items (id bigint PRIMARY KEY);
-- migration
BEGIN;
ALTER TABLE orders ADD COLUMN kind text;
SELECT count(*) FROM items;
-- expect: warning statements-after-access-exclusive
ALTER TABLE orders ADD COLUMN channel text;
SELECT count(*) FROM items;
COMMIT;
BEGIN;
ALTER TABLE items ADD COLUMN note text;
COMMIT;
