/** The support rule of a stored transfer (domain/ach/support-rule.ts), as of today (UTC). */
import type { TransferRow } from '../activities/transfers/transfers-store';
import { AttemptFacts, supportRule, SupportRule } from '../domain/ach/support-rule';

export function ruleOf(t: Pick<TransferRow, 'status' | 'direction'>, attempts: readonly AttemptFacts[], now = new Date()): SupportRule {
  // The workflow judges by its own clock's UTC date too (workflows/transfer.ts).
  return supportRule({ status: t.status, direction: t.direction, attempts, today: now.toISOString().slice(0, 10) });
}
