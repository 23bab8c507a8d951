CREATE DOMAIN label AS text;
-- migration
ALTER DOMAIN label ADD CONSTRAINT label_short CHECK (length(VALUE) < 100);
-- expect: warning ban-alter-domain-with-add-constraint
ALTER DOMAIN label SET DEFAULT 'x';
