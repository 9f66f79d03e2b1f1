-- Bank module: the sweep's evaluation view (activities/bank/evaluation-view.ts, one query per batch
-- of accounts, issue 15) reads each item's income deposit dates. Without an index of their own it
-- visited every transaction the item ever had on the heap to find the few that are income; this
-- partial index holds only those rows, so it costs the sync's inserts nearly nothing.
-- (A covering index for the spending window was tried as well: it cut the sweep's database time by
-- a third but made each application's 250-row upsert a fifth dearer, and the sweep was not faster.)
CREATE INDEX transactions_income_idx ON bank.transactions (item_id, date)
  WHERE removed_at IS NULL AND amount_cents < 0 AND category_primary = 'INCOME';
