CREATE TABLE products (id bigint PRIMARY KEY, price double precision);
-- expect: warning float-for-money

CREATE TABLE accounts (id bigint PRIMARY KEY, balance real);
-- expect: warning float-for-money

CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2), shipping_fee numeric(8,2));

CREATE TABLE readings (id bigint PRIMARY KEY, temperature double precision, pricing_version int);
