CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE TABLE items (id bigint PRIMARY KEY);
-- migration
ALTER TABLE orders ADD COLUMN a text;
ALTER TABLE orders ADD COLUMN b text;
-- expect: info multiple-alter-table
ALTER TABLE items ADD COLUMN a text, ADD COLUMN b text;
SELECT 1;
ALTER TABLE items ADD CONSTRAINT items_id_check CHECK (id > 0) NOT VALID;
ALTER TABLE items VALIDATE CONSTRAINT items_id_check;
BEGIN;
ALTER TABLE items ADD COLUMN c text;
ALTER TABLE items ADD COLUMN d text;
COMMIT;
