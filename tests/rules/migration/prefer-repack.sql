CREATE TABLE orders (id bigint PRIMARY KEY, status text);
CREATE INDEX orders_status_idx ON orders (status);
-- migration
VACUUM FULL orders;
-- expect: warning prefer-repack
CLUSTER orders USING orders_status_idx;
-- expect: warning prefer-repack
VACUUM (ANALYZE) orders;
