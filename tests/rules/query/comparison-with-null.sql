-- Fixture for comparison-with-null: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE orders (id bigint PRIMARY KEY, shipped_at timestamptz, note text);

SELECT * FROM orders WHERE shipped_at = NULL;
-- expect: error comparison-with-null

UPDATE orders SET note = 'late' WHERE shipped_at <> NULL;
-- expect: error comparison-with-null

SELECT * FROM orders WHERE shipped_at IS NULL;
SELECT * FROM orders WHERE shipped_at IS NOT NULL;
UPDATE orders SET note = NULL WHERE id = 1;
