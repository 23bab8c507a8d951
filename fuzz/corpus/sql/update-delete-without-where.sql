CREATE TABLE sessions (id bigint PRIMARY KEY, expires_at timestamptz, active boolean);

DELETE FROM sessions;
-- expect: warning update-delete-without-where

UPDATE sessions SET active = false;
-- expect: warning update-delete-without-where

DELETE FROM sessions WHERE expires_at < now();

UPDATE sessions SET active = false WHERE id = 42;
