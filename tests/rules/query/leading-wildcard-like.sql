-- Fixture for leading-wildcard-like: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL, sku text NOT NULL);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX products_sku_trgm_idx ON products USING gin (sku gin_trgm_ops);

SELECT id FROM products WHERE name LIKE '%phone%';
-- expect: warning leading-wildcard-like

SELECT id FROM products WHERE name ILIKE '_pple';
-- expect: warning leading-wildcard-like

-- A fixed start: a B-tree (text_pattern_ops) index serves it.
SELECT id FROM products WHERE name LIKE 'iPhone%';
-- A trigram index on the column already serves any substring.
SELECT id FROM products WHERE sku LIKE '%-42';
