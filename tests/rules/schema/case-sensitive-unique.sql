CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);
-- expect: warning case-sensitive-unique

CREATE TABLE admins (id bigint PRIMARY KEY, email text);
CREATE UNIQUE INDEX admins_lower_email_key ON admins (lower(email));

CREATE TABLE members (id bigint PRIMARY KEY, username varchar(40));
CREATE UNIQUE INDEX members_username_key ON members (username);
-- expect: warning case-sensitive-unique

CREATE TABLE codes (id bigint PRIMARY KEY, code text UNIQUE);
