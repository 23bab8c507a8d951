CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint REFERENCES customers (id)
);
-- expect: warning fk-without-index

CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    customer_id bigint REFERENCES customers (id)
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);

CREATE TABLE order_lines (
    order_id bigint REFERENCES orders (id),
    line int,
    PRIMARY KEY (order_id, line)
);

CREATE TABLE notes (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE notes ADD CONSTRAINT notes_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
-- expect: warning fk-without-index

-- A partial index does not serve the reference checks.
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), created_at timestamptz);
-- expect: warning fk-without-index
CREATE INDEX refunds_recent_idx ON refunds (order_id) WHERE created_at > '2024-01-01';
