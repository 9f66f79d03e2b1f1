/** The support rule of a stored transfer (domain/ach/support-rule.ts), as of a business date. */
import type { TransferRow } from '../activities/transfers/transfers-store';
import { AttemptFacts, supportRule, SupportRule } from '../domain/ach/support-rule';

export function ruleOf(t: Pick<TransferRow, 'status' | 'direction'>, attempts: readonly AttemptFacts[], today: string): SupportRule {
  // `today` from the business clock (platform/business-clock.ts), the date a retry Update carries
  // to the workflow too, so the console shows the rule the workflow will apply.
  return supportRule({ status: t.status, direction: t.direction, attempts, today });
}
