-- One business calendar (issue 14, "two clocks"): business dates come from one clock
-- (platform/business-clock.ts), Plaid's dates stay Plaid's, and no date is taken from the
-- database's own clock.
-- Transfers module: the business day an attempt ended before Plaid had a transfer (declined,
-- refused). Ends that Plaid reports (failed, returned, settled, funds_available) are dated by
-- Plaid's event.
ALTER TABLE transfers.attempts ADD COLUMN failed_on date;
-- Evaluate module: the business day a repayment notice was sent (the evaluation's "today"), from
-- which the banking-day lead before the pull is counted. Older rows fall back to notified_at.
ALTER TABLE evaluate.repayment_notices ADD COLUMN sent_on date;
