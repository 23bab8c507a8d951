CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);

SELECT * FROM users WHERE id = 1;
-- expect: warning select-star

SELECT id, name FROM users;

SELECT count(*) FROM users;

SELECT id FROM users u WHERE EXISTS (SELECT * FROM users v WHERE v.id = u.id);

WITH recent AS (SELECT * FROM users) SELECT id FROM recent;
-- expect: warning select-star
