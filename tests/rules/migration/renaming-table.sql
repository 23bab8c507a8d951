CREATE TABLE orders (id bigint PRIMARY KEY);
-- migration
ALTER TABLE orders RENAME TO purchases;
-- expect: warning renaming-table
CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE drafts RENAME TO sketches;
