CREATE TYPE mood AS ENUM ('happy', 'sad');
-- expect: info enum-type

CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);

CREATE TABLE people (id bigint PRIMARY KEY, mood text CHECK (mood IN ('happy', 'sad')));
