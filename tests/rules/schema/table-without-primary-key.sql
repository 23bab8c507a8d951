CREATE TABLE events (happened_at timestamptz NOT NULL, payload jsonb);
-- expect: warning table-without-primary-key

CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);

CREATE TABLE tags (name text NOT NULL);
ALTER TABLE tags ADD PRIMARY KEY (name);

CREATE TABLE memberships (user_id bigint, group_id bigint, PRIMARY KEY (user_id, group_id));
