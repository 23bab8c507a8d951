\set ON_ERROR_STOP on
-- Shop: the schema of a small online store, written the way many real ones
-- are. It loads into PostgreSQL as is (psql -f schema.sql) and has the design
-- mistakes dbsage is built to find.

CREATE TYPE payment_state AS ENUM ('pending', 'authorized', 'captured', 'refunded');

CREATE TABLE customers (
    id          serial PRIMARY KEY,
    email       varchar(255) NOT NULL UNIQUE,
    full_name   text NOT NULL,
    phone1      text,
    phone2      text,
    country     char(2),
    created_at  timestamp NOT NULL DEFAULT now(),
    updated_at  timestamptz,
    deleted_at  timestamptz
);

CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    name        text NOT NULL,
    price       double precision NOT NULL,
    tags        text,
    attributes  json,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    status       text NOT NULL DEFAULT 'pending',
    total        numeric(12,2) NOT NULL,
    placed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_status_placed_at_idx ON orders (status, placed_at);
COMMENT ON TABLE orders IS 'One row per checkout.';

CREATE TABLE order_items (
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id  bigint NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  money NOT NULL
);

-- Extra product facts, one row per fact.
CREATE TABLE product_properties (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  bigint NOT NULL REFERENCES products (id),
    property    text NOT NULL,
    value       text
);
CREATE INDEX product_properties_product_id_idx ON product_properties (product_id);

-- Comments on products or orders.
CREATE TABLE comments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    commentable_type  text NOT NULL,
    commentable_id    bigint NOT NULL,
    body              text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payments (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id  bigint NOT NULL REFERENCES orders (id),
    amount    numeric(12,2) NOT NULL,
    state     payment_state NOT NULL DEFAULT 'pending',
    paid_at   timestamptz
);
CREATE INDEX payments_order_id_idx ON payments (order_id);
CREATE INDEX payments_by_order ON payments (order_id);

CREATE TABLE audit_log (
    happened_at  timestamptz NOT NULL DEFAULT now(),
    actor        text,
    action       text NOT NULL,
    details      jsonb
);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
