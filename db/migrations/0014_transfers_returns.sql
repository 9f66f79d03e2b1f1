-- Transfers module: returns at any time (issue 14).
-- 1. An advance whose credit came back ends `returned`: the money never reached the customer and
--    nothing is owed (the ledger reverses the receivable).
ALTER TABLE transfers.advances DROP CONSTRAINT advances_status_check;
ALTER TABLE transfers.advances ADD CONSTRAINT advances_status_check
  CHECK (status IN ('disbursing', 'outstanding', 'repaid', 'failed', 'cancelled', 'returned'));

-- 2. Every `returned` Plaid event, recorded with the event itself (same transaction), so a crash
--    between storing the event and starting its return workflow loses nothing: the next event
--    sync starts the workflow of every return not started yet. One row, one workflow, per event.
CREATE TABLE transfers.returns (
  event_id           bigint PRIMARY KEY REFERENCES transfers.plaid_events(event_id),
  plaid_transfer_id  text NOT NULL,
  return_code        text,
  workflow_id        text NOT NULL UNIQUE,           -- transfer-return-<event_id>
  workflow_started_at timestamptz,
  -- booked = reversed by the return workflow (the transfer's own workflow had ended);
  -- handled = the transfer's workflow recorded it itself (it was still following events)
  outcome            text CHECK (outcome IN ('booked', 'handled', 'unmatched')),
  decided_at         timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX returns_not_started_idx ON transfers.returns (event_id) WHERE workflow_started_at IS NULL;

-- 3. Nacha: after an unauthorized return (R05, R07, R10, R11, R29, R51) no debit may be taken
--    from that customer's account until they authorize again. One stop per return event; the
--    account is stopped while any stop is not lifted by a new authorization.
CREATE TABLE transfers.debit_stops (
  id                 bigserial PRIMARY KEY,
  account_id         uuid NOT NULL,
  transfer_id        uuid NOT NULL REFERENCES transfers.transfers(id),
  event_id           bigint NOT NULL UNIQUE,          -- the return that caused it: recorded once
  return_code        text NOT NULL,
  stopped_at         timestamptz NOT NULL DEFAULT now(),
  authorized_at      timestamptz,                     -- the customer's new authorization
  authorization_key  text                             -- what the customer agreed to (session actor + time)
);
CREATE INDEX debit_stops_active_idx ON transfers.debit_stops (account_id) WHERE authorized_at IS NULL;
