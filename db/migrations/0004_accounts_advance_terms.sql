-- Accounts module: what the customer may receive, set by the latest completed application.
CREATE TABLE accounts.advance_terms (
  account_id         uuid PRIMARY KEY REFERENCES accounts.accounts(id),
  approved           boolean NOT NULL,
  limit_cents        bigint NOT NULL CHECK (limit_cents >= 0),
  next_payday        date,
  income_cadence     text,
  application_id     uuid NOT NULL,
  model_version      text NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
