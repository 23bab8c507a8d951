-- Fixture for or-across-columns: every statement followed by "-- expect: SEVERITY RULE" must
-- produce that finding; every other statement must produce none from this rule.
CREATE TABLE people (id bigint PRIMARY KEY, email text, phone text, nickname text);
CREATE INDEX people_email_idx ON people (email);
CREATE INDEX people_phone_idx ON people (phone);

SELECT id FROM people WHERE email = 'a@b.c' OR nickname = 'ada';
-- expect: info or-across-columns

-- Each column has an index: the planner combines them (BitmapOr).
SELECT id FROM people WHERE email = 'a@b.c' OR phone = '555';
-- One column: an IN list in disguise.
SELECT id FROM people WHERE nickname = 'ada' OR nickname = 'bob';
