CREATE TABLE secrets (id bigint PRIMARY KEY, owner text);
-- expect: warning rls-enabled-without-policy
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;

CREATE TABLE documents (id bigint PRIMARY KEY, owner text);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner = current_user);

CREATE TABLE plain (id bigint PRIMARY KEY);
