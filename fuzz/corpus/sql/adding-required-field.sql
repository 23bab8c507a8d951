CREATE TABLE orders (id bigint PRIMARY KEY);
-- migration
ALTER TABLE orders ADD COLUMN status text NOT NULL;
-- expect: error adding-required-field
ALTER TABLE orders ADD COLUMN kind text NOT NULL DEFAULT 'web';
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
