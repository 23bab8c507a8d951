CREATE TABLE invoices (id bigint PRIMARY KEY, total money);
-- expect: warning money-type

CREATE TABLE invoices2 (id bigint PRIMARY KEY, total numeric(12,2), currency text);
