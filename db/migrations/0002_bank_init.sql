-- Bank module: linked Plaid items (access tokens encrypted at rest), their accounts and balances,
-- every transaction seen through /transactions/sync with the cursor to continue from, and every
-- webhook received.
CREATE SCHEMA IF NOT EXISTS bank;

CREATE TABLE bank.items (
  id                 uuid PRIMARY KEY,
  account_id         uuid NOT NULL,                 -- Timely account (accounts module), by value
  plaid_item_id      text NOT NULL UNIQUE,
  access_token_enc   text NOT NULL,                 -- AES-256-GCM, see activities/bank/token-crypto.ts
  institution_id     text,
  institution_name   text,
  status             text NOT NULL CHECK (status IN ('active', 'login_required', 'removed')),
  status_reason      text,
  sync_cursor        text,                          -- last next_cursor of a completed sync
  last_synced_at     timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  removed_at         timestamptz
);
-- One linked bank per customer at a time; a removed item no longer counts.
CREATE UNIQUE INDEX items_one_live_per_account ON bank.items (account_id) WHERE status <> 'removed';

CREATE TABLE bank.accounts (
  plaid_account_id   text PRIMARY KEY,
  item_id            uuid NOT NULL REFERENCES bank.items(id),
  name               text NOT NULL,
  official_name      text,
  mask               text,
  type               text NOT NULL,
  subtype            text,
  current_cents      bigint,
  available_cents    bigint,
  limit_cents        bigint,
  iso_currency_code  text,
  balances_at        timestamptz
);
CREATE INDEX accounts_item_idx ON bank.accounts (item_id);

CREATE TABLE bank.transactions (
  transaction_id         text PRIMARY KEY,
  item_id                uuid NOT NULL REFERENCES bank.items(id),
  plaid_account_id       text NOT NULL,
  amount_cents           bigint NOT NULL,          -- Plaid's sign: positive = money leaves the account
  iso_currency_code      text,
  date                   date NOT NULL,
  authorized_date        date,
  name                   text NOT NULL,
  merchant_name          text,
  category_primary       text,
  category_detailed      text,
  pending                boolean NOT NULL,
  pending_transaction_id text,
  raw                    jsonb NOT NULL,
  first_seen_at          timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  removed_at             timestamptz
);
CREATE INDEX transactions_item_date_idx ON bank.transactions (item_id, date) WHERE removed_at IS NULL;

-- One row per completed sync: what arrived, so "the full history once, then only changes" is visible.
CREATE TABLE bank.sync_runs (
  id            bigserial PRIMARY KEY,
  item_id       uuid NOT NULL REFERENCES bank.items(id),
  from_cursor   text,
  to_cursor     text NOT NULL,
  added         integer NOT NULL,
  modified      integer NOT NULL,
  removed       integer NOT NULL,
  pages         integer NOT NULL,
  restarts      integer NOT NULL,
  at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bank.webhooks (
  id              bigserial PRIMARY KEY,
  webhook_type    text NOT NULL,
  webhook_code    text NOT NULL,
  plaid_item_id   text,
  body            jsonb NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now()
);
