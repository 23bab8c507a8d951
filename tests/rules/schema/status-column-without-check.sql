CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);
-- expect: warning status-column-without-check

CREATE TABLE shipments (id bigint PRIMARY KEY, state text CHECK (state IN ('new', 'sent')));

CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id bigint PRIMARY KEY, status mood, status_changed_at timestamptz);

CREATE TABLE tasks (id bigint PRIMARY KEY, kind varchar(20));
-- expect: warning status-column-without-check

CREATE TABLE notes (id bigint PRIMARY KEY, notable_type text, notable_id bigint);

-- Words of a camelCase name count, as whole words only.
CREATE TABLE carts (id bigint PRIMARY KEY, "cartStatus" text, "statusline" text, stateless_token text);
-- expect: warning status-column-without-check

-- Partitions share their parent's CHECK (ATTACH PARTITION requires the
-- table to have it already).
CREATE TABLE events (id bigint, status text CHECK (status IN ('a', 'b')), PRIMARY KEY (id, status)) PARTITION BY LIST (status);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
