/**
 * The Sandbox's transfer authorization rule (spec, /transfer/authorization/create):
 * - the Item needs a new login (after /sandbox/item/reset_login) -> user_action_required;
 * - available balance exactly $0 -> declined, RISK;
 * - amount above the available balance -> declined, NSF;
 * - otherwise approved, rationale null.
 * Plaid checks the end user's balance for debits (money pulled from the account); a credit pays
 * into it, so only the login matters. Pure: no I/O.
 */
export type Decision = 'approved' | 'declined' | 'user_action_required';

export interface DecisionInput {
  type: 'debit' | 'credit';
  amountCents: number;
  /** Available balance, else current (some accounts report no available balance). */
  availableCents: number | null;
  loginRequired: boolean;
}

export interface DecisionOutcome {
  decision: Decision;
  rationale: { code: 'NSF' | 'RISK' | 'ITEM_LOGIN_REQUIRED'; description: string } | null;
}

export function decideAuthorization(i: DecisionInput): DecisionOutcome {
  if (i.loginRequired)
    return {
      decision: 'user_action_required',
      rationale: { code: 'ITEM_LOGIN_REQUIRED', description: 'Unable to collect the account information due to Item staleness. Use Link update mode with transfer.authorization_id, then authorize again.' },
    };
  if (i.type === 'credit' || i.availableCents === null) return { decision: 'approved', rationale: null };
  if (i.availableCents === 0) return { decision: 'declined', rationale: { code: 'RISK', description: 'Transaction is high-risk.' } };
  if (i.amountCents > i.availableCents)
    return { decision: 'declined', rationale: { code: 'NSF', description: 'Transaction likely to result in a return due to insufficient funds.' } };
  return { decision: 'approved', rationale: null };
}
