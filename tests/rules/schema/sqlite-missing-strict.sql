-- dialect: sqlite
CREATE TABLE loose (id INTEGER PRIMARY KEY, n INTEGER);
-- expect: info sqlite-missing-strict main.loose
CREATE TABLE tight (id INTEGER PRIMARY KEY, n INTEGER) STRICT;
