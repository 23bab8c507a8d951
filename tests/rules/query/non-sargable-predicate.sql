-- Fixture for non-sargable-predicate: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL, score int NOT NULL);
CREATE INDEX users_email_idx ON users (email);
CREATE INDEX users_created_at_idx ON users (created_at);
CREATE INDEX users_score_idx ON users (score);
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE INDEX notes_lower_body_idx ON notes (lower(body));

SELECT id FROM users WHERE lower(email) = 'ada@example.com';
-- expect: warning non-sargable-predicate

SELECT id FROM users WHERE date(created_at) = '2024-03-01';
-- expect: warning non-sargable-predicate

SELECT id FROM users WHERE created_at::date = '2024-03-01';
-- expect: warning non-sargable-predicate

SELECT id FROM users WHERE score + 1 = 10;
-- expect: warning non-sargable-predicate

-- The column itself, a range: an index serves these.
SELECT id FROM users WHERE email = 'ada@example.com';
SELECT id FROM users WHERE created_at >= '2024-03-01' AND created_at < '2024-03-02';
-- An expression index on exactly that expression serves it.
SELECT id FROM notes WHERE lower(body) = 'hello';
-- A cast to text is how varchar compares with text: still served.
SELECT id FROM users WHERE email::text = 'ada@example.com';
