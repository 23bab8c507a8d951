CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric,
    CONSTRAINT orders_total_not_null CHECK (total IS NOT NULL));
-- migration
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
-- expect: warning adding-not-nullable-field
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
ALTER TABLE notes ALTER COLUMN body SET NOT NULL;
