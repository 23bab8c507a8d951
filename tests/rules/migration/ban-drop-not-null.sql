CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);
-- migration
ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
-- expect: warning ban-drop-not-null
CREATE TABLE drafts (id bigint PRIMARY KEY, body text NOT NULL);
ALTER TABLE drafts ALTER COLUMN body DROP NOT NULL;
