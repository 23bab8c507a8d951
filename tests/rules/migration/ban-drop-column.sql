CREATE TABLE orders (id bigint PRIMARY KEY, legacy text);
-- migration
ALTER TABLE orders DROP COLUMN legacy;
-- expect: warning ban-drop-column
CREATE TABLE drafts (id bigint PRIMARY KEY, tmp text);
ALTER TABLE drafts DROP COLUMN tmp;
