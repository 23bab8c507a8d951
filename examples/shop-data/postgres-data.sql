-- Generated data for the shop's PostgreSQL demo (loaded after
-- ../shop/schema.sql by scripts/demo.sh): enough rows that the planner's
-- what-if costs tell indexes apart. hypopg is the extension the index
-- advisor asks for; a DBA creates it once (dbsage never does).
CREATE EXTENSION IF NOT EXISTS hypopg;
INSERT INTO customers (email, full_name, country)
  SELECT 'c' || g || '@example.com', 'Customer ' || g, (ARRAY['DE','FR','US','JP'])[1 + g % 4]
  FROM generate_series(1, 5000) g;
INSERT INTO orders (customer_id, status, total, placed_at)
  SELECT 1 + g % 5000, (ARRAY['pending','paid','shipped','delivered','delivered','delivered'])[1 + g % 6],
         (g % 900) + 0.99, timestamptz '2026-01-01' + (g || ' minutes')::interval
  FROM generate_series(1, 200000) g;
INSERT INTO audit_log (happened_at, actor, action)
  SELECT timestamptz '2026-01-01' + (g || ' seconds')::interval, 'c' || (g % 5000) || '@example.com',
         (ARRAY['login','view','logout'])[1 + g % 3]
  FROM generate_series(1, 50000) g;
ANALYZE;
