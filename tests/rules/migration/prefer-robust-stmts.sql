-- config: [rules]
-- config: enable = ["prefer-robust-stmts"]
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, note text);
-- migration
ALTER TABLE orders ADD COLUMN status text;
-- expect: info prefer-robust-stmts
ALTER TABLE orders ADD COLUMN IF NOT EXISTS kind text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_kind_idx ON orders (kind);
DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;
ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> '');
-- expect: info prefer-robust-stmts
CREATE TYPE order_state AS ENUM ('new', 'paid');
-- expect: info prefer-robust-stmts
CREATE VIEW open_orders AS SELECT id FROM orders;
-- expect: info prefer-robust-stmts
CREATE OR REPLACE VIEW paid_orders AS SELECT id FROM orders;
DROP VIEW open_orders;
-- expect: info prefer-robust-stmts
DROP VIEW IF EXISTS paid_orders;
BEGIN;
ALTER TABLE orders ADD COLUMN extra text;
ALTER TABLE orders ADD CONSTRAINT orders_extra_check CHECK (extra <> '');
COMMIT;
