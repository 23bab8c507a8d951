CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, email text);
CREATE INDEX t_a_idx ON t (a);
CREATE INDEX t_a_again ON t (a);
-- expect: warning duplicate-index

CREATE INDEX t_b_idx ON t (b);
CREATE INDEX t_b_desc_idx ON t (b DESC);
CREATE INDEX t_b_partial_idx ON t (b) WHERE a > 0;

CREATE INDEX t_id_idx ON t (id);
-- expect: warning duplicate-index

CREATE UNIQUE INDEX t_email_key ON t (email);
CREATE INDEX t_email_idx ON t (email);
-- expect: warning duplicate-index
