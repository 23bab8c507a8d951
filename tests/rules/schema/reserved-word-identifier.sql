CREATE TABLE "user" (id bigint PRIMARY KEY, name text);
-- expect: warning reserved-word-identifier

CREATE TABLE orders (id bigint PRIMARY KEY, "order" int, "group" text);
-- expect: warning reserved-word-identifier
-- expect: warning reserved-word-identifier

CREATE TABLE accounts (id bigint PRIMARY KEY, name text, position int, value text);
