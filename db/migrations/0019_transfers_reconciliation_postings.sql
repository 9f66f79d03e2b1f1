-- Transfers module: the daily reconciliation also compares each settled transfer with the posting
-- the customer's bank booked (read through the bank module): two more mismatch kinds.
ALTER TABLE transfers.reconciliation_mismatches DROP CONSTRAINT reconciliation_mismatches_kind_check;
ALTER TABLE transfers.reconciliation_mismatches ADD CONSTRAINT reconciliation_mismatches_kind_check
  CHECK (kind IN ('missing_transfer', 'missing_event', 'status_differs', 'amount_differs', 'ledger_differs', 'ledger_unbalanced', 'posting_missing', 'posting_amount_differs'));
