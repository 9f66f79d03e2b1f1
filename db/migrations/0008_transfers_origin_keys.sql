-- Transfers module: what started each advance and transfer, unique, so a retried activity that
-- opens an advance or a repayment finds the one it already made instead of making another.
ALTER TABLE transfers.advances ADD CONSTRAINT advances_evaluation_key UNIQUE (evaluation_id);
ALTER TABLE transfers.transfers ADD COLUMN origin_key text;
ALTER TABLE transfers.transfers ADD CONSTRAINT transfers_origin_key UNIQUE (origin_key);
-- Support actions can also come from the system (automatic re-presentment): a text actor.
ALTER TABLE transfers.staff_actions ALTER COLUMN staff_id TYPE text;
