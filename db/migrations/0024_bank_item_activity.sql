-- Bank module: each item's spending and income, as its stored transactions last stood (issue 15).
-- The sweep's evaluation view (activities/bank/evaluation-view.ts) read these from every account's
-- transactions in every batch: a range scan of the item's last 30 days and a sort per account,
-- three quarters of the view's time, and more the busier the account. Both change only when the
-- item's transactions change (the spending window ends at the item's latest posting, not at the
-- clock), so triggers keep them here when they do, whoever writes (a sync, a test, a seed), and the
-- view reads one row per item.

CREATE TABLE bank.item_activity (
  item_id uuid PRIMARY KEY REFERENCES bank.items (id) ON DELETE CASCADE,
  -- Per Plaid account over the last 30 days of postings (ending at the item's latest posting date):
  -- {"<plaid_account_id>": {"largestDay": cents out on the busiest day, "largestOne": the largest
  -- single outflow, "days": days from the first to the last posting}}; null without postings.
  spend_by_account jsonb,
  -- Dates ('YYYY-MM-DD', ascending, distinct) of the item's income deposits.
  income_dates text[] NOT NULL DEFAULT '{}',
  refreshed_at timestamptz NOT NULL DEFAULT now()
);

-- Recomputes the rows of the given items. The items' rows are locked first, so two transactions
-- changing one item's transactions refresh it one after the other, and the second computes from
-- the first's committed rows (each statement in this function reads a fresh snapshot).
CREATE FUNCTION bank.refresh_item_activity(item_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(item_ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM bank.items WHERE id = ANY (item_ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO bank.item_activity (item_id, spend_by_account, income_dates, refreshed_at)
  SELECT i.id, spend.by_account, coalesce(income.dates, '{}'), now()
  FROM bank.items i
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT to_char(t.date, 'YYYY-MM-DD') ORDER BY to_char(t.date, 'YYYY-MM-DD')) AS dates
    FROM bank.transactions t
    WHERE t.item_id = i.id AND t.removed_at IS NULL AND t.amount_cents < 0 AND t.category_primary = 'INCOME') income ON true
  LEFT JOIN LATERAL (
    SELECT jsonb_object_agg(plaid_account_id, jsonb_build_object('largestDay', largest_day, 'largestOne', largest_one, 'days', span)) AS by_account
    FROM (SELECT plaid_account_id, max(out_cents) AS largest_day, max(largest_cents) AS largest_one, max(date) - min(date) + 1 AS span
          FROM (SELECT t.plaid_account_id, t.date, coalesce(sum(t.amount_cents) FILTER (WHERE t.amount_cents > 0), 0) AS out_cents,
                       greatest(max(t.amount_cents), 0) AS largest_cents
                FROM bank.transactions t
                WHERE t.item_id = i.id AND t.removed_at IS NULL
                  AND t.date > (SELECT max(l.date) FROM bank.transactions l WHERE l.item_id = i.id AND l.removed_at IS NULL) - 30
                GROUP BY 1, 2) days
          GROUP BY 1) s) spend ON true
  WHERE i.id = ANY (item_ids)
  ON CONFLICT (item_id) DO UPDATE
    SET spend_by_account = excluded.spend_by_account, income_dates = excluded.income_dates, refreshed_at = excluded.refreshed_at;
END $$;

-- One statement-level trigger per kind of change (a trigger with a transition table has one event);
-- each refreshes the items the statement touched. An upsert fires the insert and the update trigger.
CREATE FUNCTION bank.transactions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bank.refresh_item_activity(ARRAY(SELECT DISTINCT item_id FROM changed));
  RETURN NULL;
END $$;

CREATE TRIGGER transactions_inserted AFTER INSERT ON bank.transactions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bank.transactions_changed();
CREATE TRIGGER transactions_updated AFTER UPDATE ON bank.transactions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bank.transactions_changed();
CREATE TRIGGER transactions_deleted AFTER DELETE ON bank.transactions
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bank.transactions_changed();

-- The items that already have transactions.
SELECT bank.refresh_item_activity(ARRAY(SELECT DISTINCT item_id FROM bank.transactions));
