CREATE TABLE users (id bigint PRIMARY KEY, email text, handle text);
CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle);
-- migration
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
-- expect: warning disallowed-unique-constraint
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE USING INDEX users_handle_key;
CREATE TABLE teams (id bigint PRIMARY KEY, slug text);
ALTER TABLE teams ADD CONSTRAINT teams_slug_key UNIQUE (slug);
