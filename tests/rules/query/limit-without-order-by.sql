-- Fixture for limit-without-order-by: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE jobs (id bigint PRIMARY KEY, state text NOT NULL);

SELECT * FROM jobs WHERE state = 'ready' LIMIT 10;
-- expect: warning limit-without-order-by

SELECT * FROM jobs WHERE state = 'ready' ORDER BY id LIMIT 10;
-- An existence check: any row will do.
SELECT 1 FROM jobs WHERE state = 'ready' LIMIT 1;
-- One row by its key.
SELECT * FROM jobs WHERE id = 7 LIMIT 1;
-- An aggregate returns one row.
SELECT count(*) FROM jobs LIMIT 1;
-- A scalar lookup guarded against duplicates.
SELECT (SELECT id FROM jobs WHERE state = 'ready' LIMIT 1) AS next_job;
-- A page inside a subquery is still a page.
SELECT * FROM (SELECT * FROM jobs LIMIT 20) j;
-- expect: warning limit-without-order-by
