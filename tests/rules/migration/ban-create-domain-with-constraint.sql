-- migration
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
-- expect: warning ban-create-domain-with-constraint
CREATE DOMAIN label AS text;
