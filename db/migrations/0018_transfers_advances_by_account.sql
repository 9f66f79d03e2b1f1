-- An account's advances, newest first: GET /v1/advances and GET /v1/me read them by account, and the
-- evaluation sweep asks which accounts of a batch ever had one. Until now only the partial index on
-- open advances covered account_id, so these read the whole table.
CREATE INDEX advances_account_idx ON transfers.advances (account_id, created_at DESC);
