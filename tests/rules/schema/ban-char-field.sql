CREATE TABLE countries (code char(2) PRIMARY KEY, name text);
-- expect: warning ban-char-field

CREATE TABLE currencies (code text PRIMARY KEY CHECK (length(code) = 3), name varchar(40));

CREATE TABLE flags (id bigint PRIMARY KEY, letter character(1));
-- expect: warning ban-char-field
