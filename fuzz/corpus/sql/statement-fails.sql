CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE INDEX users_email_idx ON users (email);
-- migration
CREATE TABLE users (id bigint PRIMARY KEY);
-- expect: error statement-fails
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN email text;
-- expect: error statement-fails
ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE users ADD COLUMN name text;
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- expect: error statement-fails
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
CREATE TABLE accounts (id bigint PRIMARY KEY, role account_role);
-- expect: error statement-fails
CREATE TYPE account_role AS ENUM ('admin', 'member');
CREATE TABLE accounts2 (id bigint PRIMARY KEY, role account_role);
ALTER TABLE teams ADD COLUMN note text;
-- expect: error statement-fails
CREATE TABLE teams (id bigint PRIMARY KEY);
ALTER TABLE teams ADD COLUMN note text;
