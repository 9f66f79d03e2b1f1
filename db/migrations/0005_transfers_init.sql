-- Transfers module: advances, the ACH transfers that move them (one workflow each), every attempt
-- at Plaid, every Plaid transfer event seen (once), the double-entry ledger, and support actions.
CREATE SCHEMA IF NOT EXISTS transfers;

CREATE TABLE transfers.advances (
  id                 uuid PRIMARY KEY,
  account_id         uuid NOT NULL,
  principal_cents    bigint NOT NULL CHECK (principal_cents > 0),
  evaluation_id      text,                          -- what decided it (evaluate module), by value
  status             text NOT NULL CHECK (status IN ('disbursing', 'outstanding', 'repaid', 'failed', 'cancelled')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  closed_at          timestamptz
);
-- No new advance while one is open: enforced by the database, whatever evaluations race.
CREATE UNIQUE INDEX advances_one_open_per_account ON transfers.advances (account_id) WHERE status IN ('disbursing', 'outstanding');

CREATE TABLE transfers.transfers (
  id                 uuid PRIMARY KEY,
  advance_id         uuid NOT NULL REFERENCES transfers.advances(id),
  account_id         uuid NOT NULL,
  purpose            text NOT NULL CHECK (purpose IN ('disbursement', 'repayment')),
  direction          text NOT NULL CHECK (direction IN ('credit', 'debit')),   -- credit = money to the customer
  amount_cents       bigint NOT NULL CHECK (amount_cents > 0),
  workflow_id        text NOT NULL UNIQUE,
  seq                integer NOT NULL DEFAULT 1,     -- n-th transfer of this purpose for the advance
  status             text NOT NULL,
  return_code        text,
  failure_reason     text,
  escalated_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (advance_id, purpose, seq)
);
CREATE INDEX transfers_status_idx ON transfers.transfers (status, updated_at DESC);
CREATE INDEX transfers_account_idx ON transfers.transfers (account_id, created_at DESC);

-- One row per presentment at Plaid. The idempotency key is derived from the workflow (transfer,
-- purpose, attempt) and is unique here and at Plaid: a retried activity cannot pay twice.
CREATE TABLE transfers.attempts (
  transfer_id        uuid NOT NULL REFERENCES transfers.transfers(id),
  attempt            integer NOT NULL,
  idempotency_key    text NOT NULL UNIQUE,
  authorization_id   text,
  decision           text,
  decision_rationale jsonb,
  plaid_transfer_id  text UNIQUE,
  status             text NOT NULL,
  return_code        text,
  failure_reason     text,
  settled_on         date,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transfer_id, attempt)
);

-- Plaid transfer events, each recorded once (event_id is Plaid's sequential id).
CREATE TABLE transfers.plaid_events (
  event_id           bigint PRIMARY KEY,
  plaid_transfer_id  text NOT NULL,
  event_type         text NOT NULL,
  timestamp          timestamptz NOT NULL,
  failure_code       text,
  failure_reason     text,
  raw                jsonb NOT NULL,
  recorded_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plaid_events_transfer_idx ON transfers.plaid_events (plaid_transfer_id, event_id);

-- Double-entry ledger: a posting groups lines that sum to zero; its key makes a second write of
-- the same business event impossible.
CREATE TABLE transfers.ledger_postings (
  id                 bigserial PRIMARY KEY,
  posting_key        text NOT NULL UNIQUE,           -- e.g. <transferId>:<attempt>:settled
  transfer_id        uuid NOT NULL REFERENCES transfers.transfers(id),
  attempt            integer NOT NULL,
  event              text NOT NULL,
  posted_at          timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE transfers.ledger_lines (
  id                 bigserial PRIMARY KEY,
  posting_id         bigint NOT NULL REFERENCES transfers.ledger_postings(id),
  ledger_account     text NOT NULL,                  -- e.g. customer_receivable:<accountId>, operating_cash, ach_suspense
  amount_cents       bigint NOT NULL CHECK (amount_cents <> 0)   -- debit > 0, credit < 0
);
CREATE INDEX ledger_lines_account_idx ON transfers.ledger_lines (ledger_account);

-- Every posting must balance; checked by the database at commit.
CREATE FUNCTION transfers.check_posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint;
BEGIN
  SELECT coalesce(sum(amount_cents), 0) INTO total FROM transfers.ledger_lines WHERE posting_id = NEW.posting_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger posting % does not balance (sum %)', NEW.posting_id, total;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON transfers.ledger_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION transfers.check_posting_balanced();

CREATE TABLE transfers.staff_actions (
  id                 bigserial PRIMARY KEY,
  transfer_id        uuid NOT NULL REFERENCES transfers.transfers(id),
  staff_id           uuid NOT NULL,
  action             text NOT NULL CHECK (action IN ('retry', 'cancel')),
  outcome            text NOT NULL,                  -- accepted | refused
  action_key         text UNIQUE,                    -- the workflow Update's id: recorded once
  detail             text,
  at                 timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE transfers.event_cursor (
  id                 boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_event_id      bigint NOT NULL DEFAULT 0
);
INSERT INTO transfers.event_cursor DEFAULT VALUES;
