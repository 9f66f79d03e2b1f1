/**
 * The transfers module's business dates, each from its one source (issue 14, "two clocks"):
 * - what Plaid reports is dated by Plaid's event (the day an advance was sent, returned or
 *   failed, the day a repayment's funds became available), never by when we stored it;
 * - what ended before Plaid had a transfer (a decline, a refusal) by the business clock, stored
 *   as the attempt's `failed_on` when it was recorded.
 * The UTC calendar day of an event's timestamp, as platform/business-clock.ts defines the day.
 */
const EVENT_DAY = `to_char(e.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/** Plaid's date of the advance's disbursement (its first event, `pending`) as a scalar subquery, for the advance whose id is `advanceId` (a parameter or a column); null before Plaid has one. */
export const advanceSentOnSql = (advanceId: string) =>
  `(SELECT ${EVENT_DAY} FROM transfers.plaid_events e
      JOIN transfers.attempts a ON a.plaid_transfer_id = e.plaid_transfer_id
      JOIN transfers.transfers t ON t.id = a.transfer_id AND t.purpose = 'disbursement'
     WHERE t.advance_id = ${advanceId} ORDER BY e.event_id LIMIT 1)`;

/**
 * The day the latest attempt of a transfer ended badly, as a scalar subquery for the transfer
 * whose id is `transferId` (a column): Plaid's failed/returned event, else the business day stored
 * when it was declined or refused, else (rows from before failed_on) its last update. Null when the
 * transfer has no attempt.
 */
export const latestFailureDaySql = (transferId: string) =>
  `(SELECT coalesce(
        (SELECT ${EVENT_DAY} FROM transfers.plaid_events e
          WHERE e.plaid_transfer_id = a.plaid_transfer_id AND e.event_type IN ('failed', 'returned') ORDER BY e.event_id DESC LIMIT 1),
        to_char(a.failed_on, 'YYYY-MM-DD'),
        to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
      FROM transfers.attempts a WHERE a.transfer_id = ${transferId} ORDER BY a.attempt DESC LIMIT 1)`;

/** Plaid's date of the last repayment that completed an advance of the account (funds available), as a scalar subquery for `accountId` (a column). */
export const lastRepaidOnSql = (accountId: string) =>
  `(SELECT max(${EVENT_DAY}) FROM transfers.advances v
       JOIN transfers.transfers t ON t.advance_id = v.id AND t.purpose = 'repayment' AND t.status = 'completed'
       JOIN transfers.attempts a ON a.transfer_id = t.id
       JOIN transfers.plaid_events e ON e.plaid_transfer_id = a.plaid_transfer_id AND e.event_type = 'funds_available'
      WHERE v.account_id = ${accountId} AND v.status = 'repaid')`;
