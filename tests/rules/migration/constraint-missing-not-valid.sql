CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, qty int);
-- migration
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
-- expect: warning constraint-missing-not-valid
ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;
CREATE TABLE items (id bigint PRIMARY KEY, qty int);
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty > 0);
