-- A web shop with skewed data for the index-advisor benchmark
-- (bench/advisor_bench). {users}, {products}, {orders} and {events} are row
-- counts the benchmark fills in; at --scale 1 the tables take about 700 MB.
-- Keys are log-uniformly distributed (a Zipf-like law: user 1 has orders
-- by the thousand, most users a handful), statuses are skewed, and orders
-- and events are appended in time order (their timestamps correlate with
-- the rows' physical order).
SET synchronous_commit = off;
CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    country text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    last_login timestamptz,
    deleted_at timestamptz
);
CREATE TABLE products (
    id bigint PRIMARY KEY,
    category_id int NOT NULL,
    name text NOT NULL,
    price numeric(10,2) NOT NULL,
    attrs jsonb NOT NULL
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    status text NOT NULL,
    placed_at timestamptz NOT NULL,
    total numeric(10,2) NOT NULL,
    note text
);
CREATE TABLE events (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL,
    payload text
);

INSERT INTO users
SELECT g,
       'user' || g || '@example.' || (ARRAY['com','org','net','de'])[1 + g % 4],
       (ARRAY['us','us','us','de','de','fr','jp','br','in','is'])[1 + (hashint4(g::int) & 1023) % 10],
       CASE WHEN g % 50 = 0 THEN 'blocked' WHEN g % 7 = 0 THEN 'inactive' ELSE 'active' END,
       timestamptz '2020-01-01' + (g * interval '2 minutes'),
       timestamptz '2026-01-01' + ((hashint4(g::int) & 65535) * interval '5 minutes'),
       CASE WHEN g % 20 = 0 THEN timestamptz '2026-06-01' END
FROM generate_series(1, {users}) g;

INSERT INTO products
SELECT g,
       1 + floor(exp(random() * ln(500)))::int,
       'product ' || g,
       round((1 + random() * 500)::numeric, 2),
       jsonb_build_object('color', (ARRAY['red','green','blue','black','white'])[1 + g % 5], 'size', g % 7)
FROM generate_series(1, {products}) g;

-- Orders in time order; the user of an order is log-uniform over the users.
INSERT INTO orders
SELECT g,
       floor(exp(random() * ln({users})))::bigint,
       CASE WHEN g % 1000 < 15 THEN 'new' WHEN g % 1000 < 40 THEN 'paid' WHEN g % 1000 < 45 THEN 'refunded'
            WHEN g % 1000 < 100 THEN 'shipped' ELSE 'done' END,
       timestamptz '2024-01-01' + (g * interval '15 seconds'),
       round((random() * 500)::numeric, 2),
       CASE WHEN g % 10 = 0 THEN 'gift wrap, please' END
FROM generate_series(1, {orders}) g;

INSERT INTO events (user_id, kind, at, payload)
SELECT floor(exp(random() * ln({users})))::bigint,
       (ARRAY['view','view','view','view','click','click','login','search','cart','purchase'])[1 + g % 10],
       timestamptz '2026-01-01' + (g * interval '2 seconds'),
       repeat('x', 20 + g % 40)
FROM generate_series(1, {events}) g;

VACUUM ANALYZE;
