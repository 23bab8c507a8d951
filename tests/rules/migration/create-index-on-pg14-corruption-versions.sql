-- pg-version: 14
CREATE TABLE orders (id bigint PRIMARY KEY, status text);
-- migration
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
-- expect: warning create-index-on-pg14-corruption-versions
CREATE INDEX orders_id_status_idx ON orders (id, status);
