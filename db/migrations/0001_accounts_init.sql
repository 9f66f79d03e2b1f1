-- Accounts module: customers, their sign-in challenges and sessions, staff users, and an
-- append-only event history of every change (who, what, when).
CREATE SCHEMA IF NOT EXISTS accounts;

CREATE TABLE accounts.accounts (
  id            uuid PRIMARY KEY,
  email         text NOT NULL,
  first_name    text NOT NULL,
  last_name     text NOT NULL,
  phone         text NOT NULL,           -- E.164
  status        text NOT NULL CHECK (status IN ('pending_verification', 'active', 'suspended', 'closed')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Emails compare case-insensitively; phones are stored normalized, so plain equality holds.
CREATE UNIQUE INDEX accounts_email_key ON accounts.accounts (lower(email));
CREATE UNIQUE INDEX accounts_phone_key ON accounts.accounts (phone);
CREATE INDEX accounts_created_idx ON accounts.accounts (created_at DESC, id DESC);

CREATE TABLE accounts.events (
  id           bigserial PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES accounts.accounts(id),
  type         text NOT NULL,            -- account.created, account.verified, account.updated, ...
  actor        text NOT NULL,            -- 'customer:<id>', 'staff:<id>', 'system:<process>'
  data         jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_account_idx ON accounts.events (account_id, id);

CREATE TABLE accounts.otp_challenges (
  id            uuid PRIMARY KEY,
  phone         text NOT NULL,
  account_id    uuid REFERENCES accounts.accounts(id),  -- null when no account has this phone
  code_hash     text NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL,
  expires_at    timestamptz NOT NULL,
  consumed_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_challenges_phone_idx ON accounts.otp_challenges (phone, created_at);

CREATE TABLE accounts.staff (
  id               uuid PRIMARY KEY,
  email            text NOT NULL,
  password_hash    text NOT NULL,        -- scrypt, self-describing (see activities/accounts/password.ts)
  totp_secret      text NOT NULL,        -- base32
  role             text NOT NULL CHECK (role IN ('support', 'operator')),
  last_totp_step   bigint,               -- refuses a replayed TOTP code
  disabled_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_email_key ON accounts.staff (lower(email));

CREATE TABLE accounts.staff_events (
  id        bigserial PRIMARY KEY,
  staff_id  uuid NOT NULL REFERENCES accounts.staff(id),
  type      text NOT NULL,               -- staff.created, staff.login, staff.login_failed, ...
  data      jsonb NOT NULL DEFAULT '{}',
  at        timestamptz NOT NULL DEFAULT now()
);

-- Opaque bearer tokens; only their SHA-256 is stored, so a database leak yields no usable token.
CREATE TABLE accounts.sessions (
  token_hash   text PRIMARY KEY,
  subject_kind text NOT NULL CHECK (subject_kind IN ('customer', 'staff')),
  subject_id   uuid NOT NULL,
  role         text,                     -- staff role at login
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_subject_idx ON accounts.sessions (subject_kind, subject_id);
