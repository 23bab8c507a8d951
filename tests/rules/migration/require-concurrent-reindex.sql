CREATE TABLE orders (id bigint PRIMARY KEY, status text);
CREATE INDEX orders_status_idx ON orders (status);
-- migration
REINDEX INDEX orders_status_idx;
-- expect: warning require-concurrent-reindex
REINDEX INDEX CONCURRENTLY orders_status_idx;
REINDEX TABLE CONCURRENTLY orders;
