CREATE TABLE a (id bigint PRIMARY KEY, created_at timestamp NOT NULL);
-- expect: warning prefer-timestamp-tz

CREATE TABLE b (id bigint PRIMARY KEY, created_at timestamptz, seen timestamp with time zone);

CREATE TABLE c (id bigint PRIMARY KEY, d date);
ALTER TABLE c ADD COLUMN changed timestamp without time zone;
-- expect: warning prefer-timestamp-tz
