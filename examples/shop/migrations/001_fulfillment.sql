\set ON_ERROR_STOP on
-- Ship orders from several warehouses: the change as first written.
BEGIN;
CREATE TABLE warehouses (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL UNIQUE
);
ALTER TABLE orders ADD COLUMN warehouse_id bigint REFERENCES warehouses (id);
ALTER TABLE orders ADD COLUMN tracking_token uuid DEFAULT gen_random_uuid();
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
CREATE INDEX orders_warehouse_id_idx ON orders (warehouse_id);
UPDATE orders SET status = 'pending';
COMMIT;
