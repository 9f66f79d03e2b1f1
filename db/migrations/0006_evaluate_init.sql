-- Evaluate module: every evaluation of an account (inputs, decision, reason, rule version) and the
-- repayment notices customers get before a repayment is pulled.
CREATE SCHEMA IF NOT EXISTS evaluate;

CREATE TABLE evaluate.evaluations (
  id                   uuid PRIMARY KEY,
  account_id           uuid NOT NULL,
  workflow_id          text NOT NULL,
  run_id               text NOT NULL,
  trigger              text NOT NULL,              -- schedule | webhook | staff
  action               text NOT NULL CHECK (action IN ('none', 'advance', 'repay', 'notify')),
  amount_cents         bigint,
  reason_code          text NOT NULL,
  message              text NOT NULL,
  rule_version         text NOT NULL,
  inputs               jsonb NOT NULL,
  transfer_workflow_id text,
  evaluated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workflow_id, run_id)                     -- a retried activity records the evaluation once
);
CREATE INDEX evaluations_account_idx ON evaluate.evaluations (account_id, evaluated_at DESC);

CREATE TABLE evaluate.repayment_notices (
  id             uuid PRIMARY KEY,
  account_id     uuid NOT NULL,
  advance_id     uuid NOT NULL,
  amount_cents   bigint NOT NULL CHECK (amount_cents > 0),
  pull_on        date NOT NULL,
  notified_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (advance_id, pull_on)
);
CREATE INDEX repayment_notices_account_idx ON evaluate.repayment_notices (account_id, notified_at DESC);
