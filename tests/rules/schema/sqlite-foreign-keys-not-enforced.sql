-- dialect: sqlite
CREATE TABLE parents (id INTEGER PRIMARY KEY);
CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id));
-- expect: warning sqlite-foreign-keys-not-enforced main.children
CREATE INDEX children_parent_id_idx ON children (parent_id);
CREATE TABLE loners (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO children VALUES (1, 99);
