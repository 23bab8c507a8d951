CREATE TABLE orders (id bigint PRIMARY KEY, note text);
-- migration
CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE drafts ADD COLUMN body text;
ALTER TABLE orders ADD COLUMN status text;
-- expect: warning require-lock-timeout
ALTER TABLE orders ADD COLUMN kind text;
SELECT count(*) FROM orders;
