-- The index-advisor benchmark's workload in SQLite's dialect: the shapes of
-- workload-postgres.sql that SQLite has (timestamps are ISO text).

-- calls: 5000
SELECT id, email, status FROM users WHERE email = 'user4242@example.net';
-- calls: 1000
SELECT id FROM users WHERE lower(email) = 'user777@example.org';
-- calls: 3000
SELECT id, placed_at, total FROM orders WHERE user_id = 4711 ORDER BY placed_at DESC LIMIT 20;
-- calls: 200
SELECT count(*) FROM orders WHERE status = 'new';
-- calls: 500
SELECT * FROM orders WHERE status = 'new' ORDER BY placed_at LIMIT 50;
-- calls: 100
SELECT sum(total) FROM orders WHERE placed_at >= '2024-06-01' AND placed_at < '2024-06-02';
-- calls: 2000
SELECT id, name, price FROM products WHERE category_id = 17 ORDER BY price LIMIT 20;
-- calls: 50
SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE u.country = 'is' AND o.status = 'refunded' AND o.placed_at >= '2025-06-01';
-- calls: 1000
SELECT * FROM events WHERE user_id = 42 AND kind = 'login' ORDER BY at DESC LIMIT 10;
-- calls: 300
SELECT kind, count(*) FROM events WHERE at >= '2026-02-10' AND at < '2026-02-10 01:00' GROUP BY kind;
-- calls: 200
SELECT id, email FROM users WHERE deleted_at IS NULL AND country = 'jp' ORDER BY created_at DESC LIMIT 20;
-- calls: 20
SELECT id, total FROM orders WHERE status = 'refunded' AND total > 490;
-- calls: 100
SELECT count(*) FROM users WHERE status = 'active' AND country = 'us';
-- calls: 2000
UPDATE orders SET status = 'paid' WHERE id = 123456;
-- calls: 5000
INSERT INTO events (user_id, kind, at, payload) VALUES (4242, 'view', '2026-12-01 10:00', 'x');
-- calls: 3000
UPDATE users SET last_login = '2026-12-01 10:00' WHERE id = 99;
-- calls: 1
DELETE FROM events WHERE at < '2026-01-01 00:10';
