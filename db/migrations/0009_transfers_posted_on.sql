-- Transfers module: the day an attempt was posted. When Plaid reports a return straight after
-- `posted` (no `settled`), Nacha's 180-day re-presentment window is counted from it.
ALTER TABLE transfers.attempts ADD COLUMN posted_on date;
