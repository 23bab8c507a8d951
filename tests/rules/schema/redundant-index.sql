CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int);
CREATE INDEX t_a_idx ON t (a);
-- expect: warning redundant-index
CREATE INDEX t_a_b_idx ON t (a, b);

CREATE INDEX t_b_idx ON t (b);
CREATE INDEX t_c_b_idx ON t (c, b);

CREATE UNIQUE INDEX t_c_key ON t (c);
CREATE INDEX t_c_a_idx ON t (c, a);

CREATE INDEX t_a_live_idx ON t (a) WHERE c IS NULL;
