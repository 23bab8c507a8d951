CREATE TABLE orders (id integer PRIMARY KEY, note varchar(20), total numeric(10,2), code varchar(10));
-- migration
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
-- expect: warning changing-column-type
ALTER TABLE orders ALTER COLUMN note TYPE varchar(40);
ALTER TABLE orders ALTER COLUMN code TYPE text;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
