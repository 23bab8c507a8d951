CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE categories (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
-- expect: warning missing-foreign-key

CREATE TABLE products (id bigint PRIMARY KEY, category_id bigint REFERENCES categories (id));

CREATE TABLE visits (id bigint PRIMARY KEY, session_id text, external_id bigint);

CREATE TABLE likes (id bigint PRIMARY KEY, likeable_type text, likeable_id bigint);
