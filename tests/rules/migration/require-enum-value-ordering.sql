CREATE TYPE mood AS ENUM ('happy', 'sad');
-- migration
ALTER TYPE mood ADD VALUE 'angry';
-- expect: info require-enum-value-ordering
ALTER TYPE mood ADD VALUE 'calm' BEFORE 'sad';
