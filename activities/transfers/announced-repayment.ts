/**
 * The repayment an advance's customer was last told about, kept on the advance (migration 0021)
 * so the customer's home screen reads it with the rest of the advance's facts. Written in the
 * notice's own transaction by the evaluate module's sendRepaymentNotice (the data arrives as input).
 */
import type { PoolClient } from 'pg';

export async function recordAnnouncedRepayment(c: PoolClient, n: { advanceId: string; amountCents: number; scheduledFor: string; sentOn: string }): Promise<void> {
  await c.query(
    `UPDATE transfers.advances SET announced_repayment_cents = $2, announced_repayment_on = $3, repayment_announced_on = $4, repayment_announced_at = now()
      WHERE id = $1`,
    [n.advanceId, n.amountCents, n.scheduledFor, n.sentOn],
  );
}
