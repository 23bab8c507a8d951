-- config: [rules]
-- config: enable = ["prefer-robust-stmts"]
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, note text);
-- migration
ALTER TABLE orders ADD COLUMN status text;
-- expect: info prefer-robust-stmts
ALTER TABLE orders ADD COLUMN IF NOT EXISTS kind text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_kind_idx ON orders (kind);
DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;
BEGIN;
ALTER TABLE orders ADD COLUMN extra text;
COMMIT;
