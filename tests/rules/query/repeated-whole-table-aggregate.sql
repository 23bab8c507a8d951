-- Fixture for repeated-whole-table-aggregate: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);

SELECT count(*) FROM events;
SELECT count(*) FROM events;
SELECT count(*) FROM events;
-- expect: info repeated-whole-table-aggregate
SELECT count(*) FROM events;

-- Filtered, or run once: nothing to keep.
SELECT count(*) FROM events WHERE kind = 'click';
SELECT count(*) FROM events WHERE kind = 'click';
SELECT count(*) FROM events WHERE kind = 'click';
SELECT kind, count(*) FROM events GROUP BY kind;
