-- Transactions sync no longer keeps Plaid's whole transaction object beside the columns read from
-- it: nothing read `raw`, it was two thirds of every sync's bytes (an application's 90-day history
-- wrote ~300 kB of it, parsed into jsonb and compressed by PostgreSQL under the apply benchmark's
-- load), and it held more of the customer's data (locations, counterparties, payment details) than
-- Timely uses. The columns keep what underwriting, evaluation and reconciliation read; Plaid stays
-- the source of the rest. Nullable rather than dropped, so a worker of the previous release still
-- writes during a rolling deploy; rows it stored before keep theirs.
ALTER TABLE bank.transactions ALTER COLUMN raw DROP NOT NULL;
