-- A transfer books its entry on the customer's sandbox account when it settles (not while in
-- flight, as ACH), so the column names the settled transaction; settled_at dates the ACH return
-- windows.
ALTER TABLE plaid_sandbox.transfers RENAME COLUMN bank_pending_transaction_id TO bank_transaction_id;
ALTER TABLE plaid_sandbox.transfers ADD COLUMN settled_at timestamptz;
