CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status text, total numeric(10,2), note varchar(20));
INSERT INTO customers VALUES (1, 'a'); INSERT INTO orders VALUES (1, 1, 'x', 1, 'n');
