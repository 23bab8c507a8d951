\set ON_ERROR_STOP on
-- The same intent, written to keep the shop online.
SET lock_timeout = '2s';
ALTER TABLE payments ADD COLUMN captured_by text,
    ADD CONSTRAINT payments_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_paid_at_idx ON payments (paid_at);
