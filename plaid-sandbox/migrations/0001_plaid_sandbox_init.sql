-- The local Plaid sandbox keeps its own state in schema plaid_sandbox, tracked in
-- plaid_sandbox.schema_migrations, so it can be dropped without touching Timely's history.
-- Money is integer cents (BIGINT). Sized for bulk seeding of 100,000+ accounts: lookups go through
-- primary keys or the indexes below, never a scan.

CREATE SCHEMA IF NOT EXISTS plaid_sandbox;

-- One global, monotonic counter orders every change to transactions: /transactions/sync cursors
-- are positions in it.
CREATE SEQUENCE plaid_sandbox.change_seq;

-- Small key/value state of the sandbox itself (clock offset, transfer webhook URL).
CREATE TABLE plaid_sandbox.settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ES256 keys that sign webhooks; kept so signatures stay verifiable across restarts.
CREATE TABLE plaid_sandbox.signing_keys (
  kid         text PRIMARY KEY,
  private_jwk jsonb NOT NULL,
  public_jwk  jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  expired_at  timestamptz
);

CREATE TABLE plaid_sandbox.link_tokens (
  link_token   text PRIMARY KEY,
  request      jsonb NOT NULL,          -- the /link/token/create body, credentials removed
  webhook      text,
  products     text[] NOT NULL,
  access_token text,                    -- set in update mode
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);

CREATE TABLE plaid_sandbox.items (
  item_id          text PRIMARY KEY,
  access_token     text NOT NULL UNIQUE,
  institution_id   text NOT NULL,
  institution_name text NOT NULL,
  webhook          text,
  products         text[] NOT NULL,
  username         text NOT NULL,
  scenario         text NOT NULL,
  seed             text NOT NULL,
  owners           jsonb NOT NULL,       -- Plaid Owner[] served by /identity/get
  error_code       text,                 -- e.g. ITEM_LOGIN_REQUIRED; NULL = healthy
  -- 'ready' once the generated history is stored; bulk-seeded items generate it on first use.
  history_state    text NOT NULL CHECK (history_state IN ('pending', 'ready')),
  history_anchor   date NOT NULL,        -- the "today" the history was generated against
  last_change_seq  bigint NOT NULL DEFAULT 0,
  last_webhook_code text,
  last_webhook_at  timestamptz,
  batch_id         text,                 -- bulk seeding batch, for listing
  created_at       timestamptz NOT NULL,
  removed_at       timestamptz
);
CREATE INDEX items_batch_idx ON plaid_sandbox.items (batch_id, item_id) WHERE batch_id IS NOT NULL;

CREATE TABLE plaid_sandbox.public_tokens (
  public_token text PRIMARY KEY,
  item_id      text NOT NULL REFERENCES plaid_sandbox.items (item_id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  exchanged_at timestamptz
);

CREATE TABLE plaid_sandbox.accounts (
  account_id        text PRIMARY KEY,
  item_id           text NOT NULL REFERENCES plaid_sandbox.items (item_id),
  position          smallint NOT NULL,
  name              text NOT NULL,
  official_name     text,
  mask              text,
  type              text NOT NULL,
  subtype           text,
  available_cents   bigint,
  current_cents     bigint,
  limit_cents       bigint,
  iso_currency_code text NOT NULL DEFAULT 'USD',
  UNIQUE (item_id, position)             -- also the index for "accounts of an item"
);

CREATE TABLE plaid_sandbox.transactions (
  transaction_id         text PRIMARY KEY,
  item_id                text NOT NULL,
  account_id             text NOT NULL REFERENCES plaid_sandbox.accounts (account_id),
  amount_cents           bigint NOT NULL,   -- Plaid's sign: positive = money leaves the account
  iso_currency_code      text NOT NULL DEFAULT 'USD',
  date                   date NOT NULL,
  authorized_date        date,
  name                   text NOT NULL,
  merchant_name          text,
  payment_channel        text NOT NULL,
  pfc_primary            text,
  pfc_detailed           text,
  counterparty_type      text,
  transaction_code       text,
  pending                boolean NOT NULL,
  pending_transaction_id text,
  -- Positions in change_seq: when the row was added, last modified, removed. change_seq is the
  -- latest of them; a sync returns rows whose change_seq lies in (cursor, high-water].
  added_seq              bigint NOT NULL,
  modified_seq           bigint,
  removed_seq            bigint,
  change_seq             bigint NOT NULL
);
CREATE INDEX transactions_sync_idx ON plaid_sandbox.transactions (item_id, change_seq, transaction_id);
CREATE INDEX transactions_account_idx ON plaid_sandbox.transactions (account_id);

CREATE TABLE plaid_sandbox.transfer_authorizations (
  authorization_id      uuid PRIMARY KEY,
  item_id               text NOT NULL REFERENCES plaid_sandbox.items (item_id),
  account_id            text NOT NULL REFERENCES plaid_sandbox.accounts (account_id),
  type                  text NOT NULL CHECK (type IN ('debit', 'credit')),
  network               text NOT NULL,
  ach_class             text,
  amount_cents          bigint NOT NULL CHECK (amount_cents > 0),
  iso_currency_code     text NOT NULL,
  user_info             jsonb NOT NULL,
  decision              text NOT NULL CHECK (decision IN ('approved', 'declined', 'user_action_required')),
  rationale_code        text,
  rationale_description text,
  -- What the decision saw, so it can be explained later.
  available_cents_seen  bigint,
  idempotency_key       text UNIQUE,
  created_at            timestamptz NOT NULL,
  expires_at            timestamptz NOT NULL
);

CREATE TABLE plaid_sandbox.transfers (
  transfer_id          uuid PRIMARY KEY,
  authorization_id     uuid NOT NULL UNIQUE REFERENCES plaid_sandbox.transfer_authorizations (authorization_id),
  item_id              text NOT NULL REFERENCES plaid_sandbox.items (item_id),
  account_id           text NOT NULL REFERENCES plaid_sandbox.accounts (account_id),
  type                 text NOT NULL,
  network              text NOT NULL,
  ach_class            text,
  amount_cents         bigint NOT NULL CHECK (amount_cents > 0),
  description          text NOT NULL,
  iso_currency_code    text NOT NULL,
  user_info            jsonb NOT NULL,
  metadata             jsonb,
  idempotency_key      text,
  status               text NOT NULL CHECK (status IN ('pending', 'posted', 'settled', 'funds_available', 'cancelled', 'failed', 'returned')),
  failure_code         text,
  failure_description  text,
  -- The sandbox bank's pending transaction while the transfer is in flight.
  bank_pending_transaction_id text,
  created_at           timestamptz NOT NULL,
  status_changed_at    timestamptz NOT NULL
);
CREATE INDEX transfers_created_idx ON plaid_sandbox.transfers (created_at DESC, transfer_id);
-- The automatic lifecycle looks only at transfers still moving.
CREATE INDEX transfers_moving_idx ON plaid_sandbox.transfers (status_changed_at)
  WHERE status IN ('pending', 'posted', 'settled');

-- event_id is sequential; inserts are serialized (advisory lock) so ids commit in order and
-- /transfer/event/sync's after_id never skips an event.
CREATE TABLE plaid_sandbox.transfer_events (
  event_id            bigserial PRIMARY KEY,
  transfer_id         uuid NOT NULL REFERENCES plaid_sandbox.transfers (transfer_id),
  event_type          text NOT NULL,
  occurred_at         timestamptz NOT NULL,
  failure_code        text,
  failure_description text
);
CREATE INDEX transfer_events_transfer_idx ON plaid_sandbox.transfer_events (transfer_id, event_id);

-- Every webhook sent, with the exact body that was signed.
CREATE TABLE plaid_sandbox.webhooks (
  webhook_id      bigserial PRIMARY KEY,
  item_id         text,
  url             text NOT NULL,
  webhook_type    text NOT NULL,
  webhook_code    text NOT NULL,
  body            text NOT NULL,
  verification    text NOT NULL,          -- the Plaid-Verification header sent
  status          text NOT NULL CHECK (status IN ('sending', 'delivered', 'failed')),
  response_status integer,
  error           text,
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz
);
CREATE INDEX webhooks_item_idx ON plaid_sandbox.webhooks (item_id, webhook_id);
