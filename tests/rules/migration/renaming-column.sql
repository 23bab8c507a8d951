CREATE TABLE orders (id bigint PRIMARY KEY, note text);
-- migration
ALTER TABLE orders RENAME COLUMN note TO remark;
-- expect: warning renaming-column
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
