CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100));
-- expect: info prefer-text-field

CREATE TABLE teams (id bigint PRIMARY KEY, name text CHECK (length(name) <= 100), slug varchar);
