CREATE TABLE product_properties (id bigint PRIMARY KEY, product_id bigint, property text, value text);
-- expect: warning eav-table

CREATE TABLE settings (key text PRIMARY KEY, value text);

CREATE TABLE products (id bigint PRIMARY KEY, name text, attributes jsonb);
