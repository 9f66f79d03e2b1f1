-- Testers find a customer's Item from what Timely knows about the customer: the Link token's
-- user.client_user_id (Timely's account id), recorded when Link completes. Lookups by it (newest
-- first) and by account_id (primary key) never scan.
ALTER TABLE plaid_sandbox.items ADD COLUMN client_user_id text;
CREATE INDEX items_client_user_idx ON plaid_sandbox.items (client_user_id, created_at DESC) WHERE client_user_id IS NOT NULL;
