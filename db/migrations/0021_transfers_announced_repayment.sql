-- Transfers module: each advance keeps the repayment its customer was last told about (amount, the
-- day it will be pulled, the day the notice went out), written with the notice itself
-- (activities/evaluate/activities.ts, sendRepaymentNotice, one transaction). GET /v1/me reads its
-- advance facts in one statement of this module instead of a second module's table in a query of
-- its own (issue 15: a read model kept by the writes). The evaluate module's repayment_notices
-- stays the record of every notice; this is the latest one per advance.
ALTER TABLE transfers.advances
  ADD COLUMN announced_repayment_cents bigint CHECK (announced_repayment_cents > 0),
  ADD COLUMN announced_repayment_on date,
  ADD COLUMN repayment_announced_on date,
  ADD COLUMN repayment_announced_at timestamptz;

-- Advances told before this migration: their latest notice, once (the only read of another
-- module's table, at deploy time).
UPDATE transfers.advances a
   SET announced_repayment_cents = n.amount_cents, announced_repayment_on = n.pull_on,
       repayment_announced_on = n.sent_on, repayment_announced_at = n.notified_at
  FROM (SELECT DISTINCT ON (advance_id) advance_id, amount_cents, pull_on, coalesce(sent_on, (notified_at AT TIME ZONE 'UTC')::date) AS sent_on, notified_at
          FROM evaluate.repayment_notices ORDER BY advance_id, notified_at DESC) n
 WHERE n.advance_id = a.id;
