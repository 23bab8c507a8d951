CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- migration
ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
-- expect: warning add-stored-generated-column
CREATE TABLE admins (id bigint PRIMARY KEY, email text);
ALTER TABLE admins ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
