-- config: [rules]
-- config: enable = ["require-statement-timeout"]
CREATE TABLE orders (id bigint PRIMARY KEY, note text);
-- migration
CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN status text;
-- expect: warning require-statement-timeout
ALTER TABLE orders ADD COLUMN kind text;
