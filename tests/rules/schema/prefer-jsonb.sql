CREATE TABLE docs (id bigint PRIMARY KEY, body json);
-- expect: warning prefer-jsonb

CREATE TABLE docs2 (id bigint PRIMARY KEY, body jsonb);
