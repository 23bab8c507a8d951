CREATE TABLE contacts (id bigint PRIMARY KEY, phone1 text, phone2 text, phone3 text);
-- expect: warning repeating-column-group

CREATE TABLE addresses (id bigint PRIMARY KEY, address_line1 text, address_line2 text);

CREATE TABLE guesses (id bigint PRIMARY KEY, tag_1 text, tag_2 text, sha256 text);
-- expect: warning repeating-column-group

CREATE TABLE hosts (id bigint PRIMARY KEY, ipv4 inet, ipv6 inet);

CREATE TABLE boxes (id bigint PRIMARY KEY, x1 int, y1 int, x2 int, y2 int);
