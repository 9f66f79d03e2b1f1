-- Underwriting module: applications (one workflow run each) and their decisions, with every input
-- and output stored so a decision can be explained later.
CREATE SCHEMA IF NOT EXISTS underwriting;

CREATE TABLE underwriting.applications (
  id               uuid PRIMARY KEY,
  account_id       uuid NOT NULL,
  seq              integer NOT NULL,               -- n-th application of this account
  workflow_id      text NOT NULL UNIQUE,           -- apply-<accountId>-<seq>
  idempotency_key  text,
  status           text NOT NULL CHECK (status IN ('running', 'approved', 'declined', 'failed')),
  failure_code     text,
  failure_reason   text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz,
  UNIQUE (account_id, seq),
  UNIQUE (account_id, idempotency_key)
);
-- One running application per account, enforced by the database under any race.
CREATE UNIQUE INDEX applications_one_running ON underwriting.applications (account_id) WHERE status = 'running';
CREATE INDEX applications_status_idx ON underwriting.applications (status, created_at DESC);

CREATE TABLE underwriting.decisions (
  application_id   uuid PRIMARY KEY REFERENCES underwriting.applications(id),
  account_id       uuid NOT NULL,
  model_version    text NOT NULL,
  policy_version   text NOT NULL,
  approved         boolean NOT NULL,
  limit_cents      bigint NOT NULL CHECK (limit_cents >= 0),
  reasons          jsonb NOT NULL,
  next_payday      date,
  income           jsonb NOT NULL,
  features         jsonb NOT NULL,
  inputs           jsonb NOT NULL,                 -- bank history, identity match, consumer report
  decided_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_account_idx ON underwriting.decisions (account_id, decided_at DESC);
