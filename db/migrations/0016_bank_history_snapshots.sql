-- Bank module: a bank history (accounts, balances, 90 days of transactions) as a workflow step saw
-- it, stored once and passed to workflows by id (issue 13). The history no longer rides through
-- workflow payloads; underwriting loads it by id and its decision record names the snapshot.
CREATE TABLE bank.history_snapshots (
  id            uuid PRIMARY KEY,
  snapshot_key  text NOT NULL UNIQUE,             -- the step that took it, e.g. apply:<applicationId>
  account_id    uuid NOT NULL,                    -- Timely account (accounts module), by value
  item_id       uuid NOT NULL REFERENCES bank.items(id),
  history       jsonb NOT NULL,                   -- activities/bank/history.ts BankHistory
  taken_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX history_snapshots_account_idx ON bank.history_snapshots (account_id, taken_at DESC);
