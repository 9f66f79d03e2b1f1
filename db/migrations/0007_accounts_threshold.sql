-- Accounts module: the customer's own low-balance threshold (null = the configured default).
ALTER TABLE accounts.accounts ADD COLUMN low_balance_threshold_cents bigint
  CHECK (low_balance_threshold_cents IS NULL OR low_balance_threshold_cents >= 0);
-- The sweep pages through active accounts by id.
CREATE INDEX accounts_active_id_idx ON accounts.accounts (id) WHERE status = 'active';
