CREATE TABLE accounts (id integer PRIMARY KEY);
CREATE TABLE ledgers (id bigint PRIMARY KEY);
CREATE TABLE entries (
    id bigint PRIMARY KEY,
    account_id bigint REFERENCES accounts (id),
    ledger_id bigint REFERENCES ledgers (id)
);
-- expect: warning fk-type-mismatch

CREATE TABLE codes (code text PRIMARY KEY);
CREATE TABLE uses (id bigint PRIMARY KEY, code varchar(10) REFERENCES codes (code));
-- expect: warning fk-type-mismatch
