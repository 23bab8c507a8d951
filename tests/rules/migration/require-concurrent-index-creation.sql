CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric);
-- migration
CREATE INDEX orders_status_idx ON orders (status);
-- expect: warning require-concurrent-index-creation
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE INDEX notes_body_idx ON notes (body);
