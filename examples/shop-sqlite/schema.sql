-- The shop's embedded edition: the same design in SQLite, with some data.
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL,
    phone1      TEXT,
    phone2      TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT
);

CREATE TABLE products (
    id     INTEGER PRIMARY KEY,
    sku    TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    price  REAL NOT NULL,
    tags   TEXT
) STRICT;

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    status       TEXT NOT NULL DEFAULT 'pending',
    total        NUMERIC NOT NULL
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_status_total_idx ON orders (status, total);

CREATE TABLE order_items (
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    product_id  INTEGER NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0)
);

INSERT INTO customers (id, email, full_name) VALUES
    (1, 'ada@example.com', 'Ada Lovelace'), (2, 'alan@example.com', 'Alan Turing');
INSERT INTO products (id, sku, name, price, tags) VALUES
    (1, 'MUG-1', 'Mug', 9.5, 'kitchen,gift,ceramic'),
    (2, 'TEE-1', 'T-shirt', 19.0, 'clothing,gift'),
    (3, 'PEN-1', 'Pen', 2.25, 'office,writing'),
    (4, 'BAG-1', 'Tote bag', 12.0, 'gift,canvas,eco'),
    (5, 'LMP-1', 'Desk lamp', 34.0, 'office,lighting'),
    (6, 'NTB-1', 'Notebook', 4.0, 'office');
INSERT INTO orders (id, customer_id, status, total) VALUES
    (1, 1, 'paid', 28.5), (2, 2, 'shipped', 2.25), (3, 3, 'pending', 12.0);
INSERT INTO order_items (order_id, product_id, quantity) VALUES (1, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1);
