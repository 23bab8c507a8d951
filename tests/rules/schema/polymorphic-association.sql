CREATE TABLE comments (id bigint PRIMARY KEY, commentable_type text, commentable_id bigint);
-- expect: warning polymorphic-association

CREATE TABLE posts (id bigint PRIMARY KEY);
CREATE TABLE post_comments (id bigint PRIMARY KEY, post_id bigint REFERENCES posts (id), content_type text);
