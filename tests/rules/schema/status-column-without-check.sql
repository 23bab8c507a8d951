CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);
-- expect: warning status-column-without-check

CREATE TABLE shipments (id bigint PRIMARY KEY, state text CHECK (state IN ('new', 'sent')));

CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id bigint PRIMARY KEY, status mood, status_changed_at timestamptz);

CREATE TABLE tasks (id bigint PRIMARY KEY, kind varchar(20));
-- expect: warning status-column-without-check

CREATE TABLE notes (id bigint PRIMARY KEY, notable_type text, notable_id bigint);
