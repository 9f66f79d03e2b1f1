/**
 * Reason codes, adverse-action style: each says, in words a customer understands, what in their
 * data led to a decline or to a limit below our highest tier. The wording depends on whether the
 * reason declined ("we can't offer") or reduced ("for a higher limit"), and carries the numbers
 * that matter so the customer can act on it.
 */
import { formatCents } from '../money';
import type { Reason, UnderwritingReasonCode } from './types';

/** Order in which reasons are listed: the most fundamental first (Reg B notices show the top four). */
export const REASON_PRIORITY: readonly UnderwritingReasonCode[] = [
  'IDENTITY_MISMATCH',
  'IDENTITY_UNVERIFIED',
  'CONSUMER_REPORT_FLAG',
  'CONSUMER_REPORT_SCORE',
  'NO_CHECKING_ACCOUNT',
  'BALANCE_UNAVAILABLE',
  'INSUFFICIENT_HISTORY',
  'ACCOUNT_TOO_NEW',
  'NO_RECURRING_INCOME',
  'NO_RECENT_INCOME',
  'INSUFFICIENT_INCOME',
  'IRREGULAR_INCOME',
  'FREQUENT_OVERDRAFTS',
  'OTHER_CASH_ADVANCES',
  'LOW_AVERAGE_BALANCE',
];

export interface ReasonContext {
  /** True when the reason only lowered the limit. */
  reducedOnly: boolean;
  minAccountAgeDays?: number;
  accountAgeDays?: number;
  overdraftIncidents?: number;
  otherCashAdvances?: number;
  averageDailyBalance30Cents?: number | null;
  monthlyIncomeCents?: number;
  consumerReportProvider?: string | null;
  lastIncomeDate?: string | null;
}

export function reason(code: UnderwritingReasonCode, ctx: ReasonContext): Reason<UnderwritingReasonCode> {
  return { code, message: messageFor(code, ctx) };
}

function messageFor(code: UnderwritingReasonCode, ctx: ReasonContext): string {
  const forHigher = ctx.reducedOnly ? ' for a higher limit' : '';
  const provider = ctx.consumerReportProvider ? ` from ${ctx.consumerReportProvider}` : '';
  switch (code) {
    case 'IDENTITY_MISMATCH':
      return "The name and contact details you gave us don't match the owner of the linked bank account.";
    case 'IDENTITY_UNVERIFIED':
      return "We couldn't verify that the linked bank account belongs to you.";
    case 'CONSUMER_REPORT_FLAG':
      return ctx.reducedOnly
        ? `Information in your consumer report${provider} limits the advance we can offer.`
        : `Information in your consumer report${provider} prevents us from offering an advance right now.`;
    case 'CONSUMER_REPORT_SCORE':
      return `The score in your consumer report${provider} is below our minimum.`;
    case 'NO_CHECKING_ACCOUNT':
      return "The linked bank account isn't a checking account we can send advances to.";
    case 'BALANCE_UNAVAILABLE':
      return "Your bank didn't report a balance for the linked account.";
    case 'INSUFFICIENT_HISTORY':
      return "The linked account doesn't have enough transaction history for us to review yet.";
    case 'ACCOUNT_TOO_NEW':
      return `The linked account has ${ctx.accountAgeDays ?? 0} days of history; we need at least ${ctx.minAccountAgeDays ?? 0}.`;
    case 'NO_RECURRING_INCOME':
      return "We didn't find regular income, such as paychecks, deposited to the linked account.";
    case 'NO_RECENT_INCOME':
      return ctx.lastIncomeDate
        ? `We haven't seen your regular income deposited since ${ctx.lastIncomeDate}.`
        : "We haven't seen your regular income deposited recently.";
    case 'INSUFFICIENT_INCOME':
      return `Your regular income deposits (about ${formatCents(ctx.monthlyIncomeCents ?? 0)} a month) are below what we need${forHigher}.`;
    case 'IRREGULAR_INCOME':
      return ctx.reducedOnly
        ? 'Your income arrives at irregular times or in varying amounts, which limits the advance we can offer.'
        : 'Your income arrives at irregular times or in varying amounts.';
    case 'FREQUENT_OVERDRAFTS':
      return `The linked account was overdrawn or charged overdraft/NSF fees ${ctx.overdraftIncidents ?? 0} times in the last 90 days.`;
    case 'OTHER_CASH_ADVANCES':
      return `The linked account received ${ctx.otherCashAdvances ?? 0} advances or loans from other apps or lenders in the last 90 days, which limits the advance we can offer.`;
    case 'LOW_AVERAGE_BALANCE':
      return `The linked account's average balance over the last 30 days (${formatCents(ctx.averageDailyBalance30Cents ?? 0)}) is below what we need${forHigher}.`;
  }
}

export function sortReasons<T extends Reason<UnderwritingReasonCode>>(reasons: T[]): T[] {
  const seen = new Set<string>();
  return [...reasons]
    .sort((a, b) => REASON_PRIORITY.indexOf(a.code) - REASON_PRIORITY.indexOf(b.code))
    .filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)));
}
