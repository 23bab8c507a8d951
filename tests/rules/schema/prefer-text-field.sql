CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100));
-- expect: info prefer-text-field

CREATE TABLE teams (id bigint PRIMARY KEY, name text CHECK (length(name) <= 100), slug varchar);

CREATE TABLE legacy (id bigint PRIMARY KEY, a varchar(10), b varchar(20), c varchar(30), d text);
-- expect: info prefer-text-field
