-- Accounts module: customers' second factors (passkeys, an authenticator app), recovery codes,
-- the sign-in step between the phone code and the second factor, and signed-in devices.

-- One row per factor. A passkey keeps its WebAuthn credential (public key only); an authenticator
-- app keeps its TOTP secret and the last time step used (a code is good once). A TOTP row is
-- pending until its first code proves the app holds the secret (confirmed_at).
CREATE TABLE accounts.customer_factors (
  id              uuid PRIMARY KEY,
  account_id      uuid NOT NULL REFERENCES accounts.accounts(id),
  kind            text NOT NULL CHECK (kind IN ('passkey', 'totp')),
  name            text NOT NULL,
  credential_id   text,                  -- passkey: base64url credential id
  public_key      bytea,                 -- passkey: COSE public key
  sign_count      bigint NOT NULL DEFAULT 0,
  transports      text[] NOT NULL DEFAULT '{}',
  totp_secret     text,                  -- totp: base32
  last_totp_step  bigint,                -- totp: refuses a replayed code
  confirmed_at    timestamptz,
  last_used_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'passkey') = (credential_id IS NOT NULL AND public_key IS NOT NULL)),
  CHECK ((kind = 'totp') = (totp_secret IS NOT NULL))
);
CREATE INDEX customer_factors_account_idx ON accounts.customer_factors (account_id);
CREATE UNIQUE INDEX customer_factors_credential_key ON accounts.customer_factors (credential_id) WHERE credential_id IS NOT NULL;
-- At most one authenticator app per customer (a pending one is replaced by a new enrolment).
CREATE UNIQUE INDEX customer_factors_one_totp ON accounts.customer_factors (account_id) WHERE kind = 'totp' AND confirmed_at IS NOT NULL;

-- Ten one-time codes per set, SHA-256 only (they are 50 random bits each; a new set replaces the old).
CREATE TABLE accounts.recovery_codes (
  id          bigserial PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES accounts.accounts(id),
  code_hash   text NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recovery_codes_account_idx ON accounts.recovery_codes (account_id);

-- After the right phone code, a customer with a second factor holds a ticket (its SHA-256 here)
-- until the second factor is shown: short-lived, bounded tries, used once.
CREATE TABLE accounts.sign_in_tickets (
  token_hash    text PRIMARY KEY,
  account_id    uuid NOT NULL REFERENCES accounts.accounts(id),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL,
  expires_at    timestamptz NOT NULL,
  consumed_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- WebAuthn challenges we issued (registration, sign-in, step-up): each verifies once, briefly.
CREATE TABLE accounts.webauthn_challenges (
  challenge    text PRIMARY KEY,         -- base64url, as the authenticator signs it
  account_id   uuid NOT NULL REFERENCES accounts.accounts(id),
  purpose      text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz
);

-- Phone-change codes go to the new number for a signed-in account: the purpose keeps such a code
-- from ever signing anyone in.
ALTER TABLE accounts.otp_challenges ADD COLUMN purpose text NOT NULL DEFAULT 'sign_in' CHECK (purpose IN ('sign_in', 'phone_change'));

-- Devices: each session gets a public id (the token hash is never shown), the device it was opened
-- on, when it was last used, and when its second factor was last shown (step-up).
ALTER TABLE accounts.sessions
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN device text,
  ADD COLUMN last_used_at timestamptz,
  ADD COLUMN second_factor_at timestamptz;
CREATE UNIQUE INDEX sessions_id_key ON accounts.sessions (id);
