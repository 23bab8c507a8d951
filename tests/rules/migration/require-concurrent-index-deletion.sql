CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_total_idx ON orders (total);
-- migration
DROP INDEX orders_status_idx;
-- expect: warning require-concurrent-index-deletion
DROP INDEX CONCURRENTLY orders_total_idx;
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE INDEX notes_body_idx ON notes (body);
DROP INDEX notes_body_idx;
