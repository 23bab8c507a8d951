CREATE TABLE accounts (id integer PRIMARY KEY);
-- expect: warning prefer-bigint-over-int

CREATE TABLE ledgers (id bigint PRIMARY KEY, quantity integer, account_id integer REFERENCES accounts (id));
-- expect: warning prefer-bigint-over-int

CREATE TABLE settings (id bigint PRIMARY KEY, retries smallint, port integer);
