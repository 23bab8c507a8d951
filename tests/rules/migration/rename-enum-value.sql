CREATE TYPE mood AS ENUM ('happy', 'sad');
-- migration
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
-- expect: warning rename-enum-value
ALTER TYPE mood ADD VALUE 'calm' AFTER 'happy';
