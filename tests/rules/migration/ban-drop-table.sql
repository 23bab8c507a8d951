CREATE TABLE legacy_orders (id bigint PRIMARY KEY);
-- migration
DROP TABLE legacy_orders;
-- expect: warning ban-drop-table
CREATE TABLE scratch (id bigint PRIMARY KEY);
DROP TABLE scratch;
