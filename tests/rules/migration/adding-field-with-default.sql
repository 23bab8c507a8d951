CREATE TABLE orders (id bigint PRIMARY KEY);
-- migration
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();
-- expect: warning adding-field-with-default
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD COLUMN note text;
CREATE TABLE notes (id bigint PRIMARY KEY);
ALTER TABLE notes ADD COLUMN token uuid DEFAULT gen_random_uuid();
