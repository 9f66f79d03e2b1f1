-- Bank module: the indexes the sweep's evaluation view reads by (activities/bank/evaluation-view.ts,
-- one query per batch of accounts, issue 15).
-- Income deposit dates: only the item's income rows, not every transaction it ever had (the view
-- visited each of an item's rows on the heap to find the few that are income).
CREATE INDEX transactions_income_idx ON bank.transactions (item_id, date)
  WHERE removed_at IS NULL AND amount_cents < 0 AND category_primary = 'INCOME';
-- The spending of the last days: the same key as before, carrying the columns the view adds up, so
-- it is read from the index alone where the rows are all-visible (all but the newest, once vacuumed).
DROP INDEX bank.transactions_item_date_idx;
CREATE INDEX transactions_item_date_idx ON bank.transactions (item_id, date) INCLUDE (plaid_account_id, amount_cents)
  WHERE removed_at IS NULL;
