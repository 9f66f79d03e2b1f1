-- Transfers module: daily reconciliation and the return-rate guard (issue 14).
-- 1. Reconciliation runs, one per business day (the workflow id is reconcile-<day>): a rerun or a
--    run resumed after a crash finds its row.
CREATE TABLE transfers.reconciliation_runs (
  day                date PRIMARY KEY,
  started_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz,
  plaid_transfers    integer,
  plaid_events       integer,
  mismatches_found   integer
);

-- 2. Each mismatch once: the same kind about the same subject is one row however often it is
--    seen (last_seen_at moves); resolved_at is set when a later run no longer sees it.
CREATE TABLE transfers.reconciliation_mismatches (
  id                 bigserial PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('missing_transfer', 'missing_event', 'status_differs', 'amount_differs', 'ledger_differs', 'ledger_unbalanced')),
  subject            text NOT NULL,                  -- a Plaid transfer id, event id, or 'ledger'
  detail             jsonb NOT NULL,
  first_seen_day     date NOT NULL,
  first_seen_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at        timestamptz,
  UNIQUE (kind, subject)
);
CREATE INDEX reconciliation_mismatches_open_idx ON transfers.reconciliation_mismatches (first_seen_at DESC) WHERE resolved_at IS NULL;

-- 3. The 60-day debit return rates, computed once a day (domain/ach/return-rates.ts).
CREATE TABLE transfers.return_rate_days (
  day                date PRIMARY KEY,
  debit_entries      integer NOT NULL,
  unauthorized       integer NOT NULL,
  administrative     integer NOT NULL,
  overall            integer NOT NULL,
  computed_at        timestamptz NOT NULL DEFAULT now()
);

-- 4. Pausing and lifting new repayment debits: every change recorded, the latest is in force.
--    An automatic pause is keyed by its day (at most one a day); an operator's lift by its request.
CREATE TABLE transfers.repayment_debit_pauses (
  id                 bigserial PRIMARY KEY,
  action             text NOT NULL CHECK (action IN ('pause', 'lift')),
  actor              text NOT NULL,                  -- system:return-rate-guard or staff:<id>
  reason             text NOT NULL,
  change_key         text NOT NULL UNIQUE,
  at                 timestamptz NOT NULL DEFAULT now()
);
