CREATE TABLE accounts (id bigint PRIMARY KEY, handle text UNIQUE, deleted_at timestamptz);
-- expect: warning unique-ignores-soft-delete

CREATE TABLE teams (id bigint PRIMARY KEY, slug text, deleted_at timestamptz);
CREATE UNIQUE INDEX teams_slug_key ON teams (slug) WHERE deleted_at IS NULL;

CREATE TABLE projects (id bigint PRIMARY KEY, slug text UNIQUE);
