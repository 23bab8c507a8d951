CREATE TABLE posts (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);

SELECT id FROM posts ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 100;
-- expect: warning offset-pagination

SELECT id FROM posts LIMIT 10 OFFSET :page_offset;
-- expect: warning offset-pagination

SELECT id FROM posts WHERE created_at < '2024-01-01' ORDER BY created_at DESC LIMIT 20;

SELECT id FROM posts ORDER BY id LIMIT 20 OFFSET 0;
