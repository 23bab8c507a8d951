CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE TABLE sessions (id bigint PRIMARY KEY);
-- migration
TRUNCATE orders CASCADE;
-- expect: error ban-truncate-cascade
TRUNCATE sessions;
