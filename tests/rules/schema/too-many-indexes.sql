-- option: max = 3
CREATE TABLE wide (id bigint PRIMARY KEY, a int, b int, c int, d int);
-- expect: warning too-many-indexes
CREATE INDEX wide_a ON wide (a);
CREATE INDEX wide_b ON wide (b);
CREATE INDEX wide_c ON wide (c);

CREATE TABLE narrow (id bigint PRIMARY KEY, a int);
CREATE INDEX narrow_a ON narrow (a);
