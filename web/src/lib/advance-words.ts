/**
 * Advances and their transfers in the customer's words. Home and Advances both use these, so one
 * advance reads the same everywhere.
 */
import { customerReturnWords } from '@domain/ach/customer-words.en';
import { bankDate, money } from './format';
import type { Advances } from './api/types';

export type AdvanceItem = Advances['items'][number];
export type TransferItem = AdvanceItem['transfers'][number];

export type Tone = 'progress' | 'ok' | 'attention' | 'done';

export interface Words {
  title: string;
  detail?: string;
  tone: Tone;
}

const IN_FLIGHT = new Set(['authorizing', 'pending', 'posted', 'retrying', 'cancelling']);

/** One transfer: "On its way", "Arrived", "Came back"… */
export function transferWords(t: TransferItem): Words {
  const isAdvance = t.purpose === 'disbursement';
  if (t.returnCode && (t.status === 'needs_attention' || t.status === 'cancelled')) {
    const w = customerReturnWords(t.returnCode, isAdvance ? 'disbursement' : 'repayment');
    return { title: isAdvance ? 'Came back' : 'Repayment came back', detail: `${w.what} ${w.next}`, tone: 'attention' };
  }
  if (t.status === 'needs_attention') return { title: isAdvance ? 'Delayed' : 'Repayment delayed', detail: 'Something held this transfer up. Our support team is on it.', tone: 'attention' };
  if (t.status === 'cancelled') return { title: 'Cancelled', tone: 'done' };
  if (IN_FLIGHT.has(t.status)) return isAdvance ? { title: 'On its way', detail: 'Usually arrives within 1–2 business days.', tone: 'progress' } : { title: 'Being collected', detail: 'Your payday repayment is on its way to us.', tone: 'progress' };
  return isAdvance ? { title: 'Arrived', tone: 'ok' } : { title: 'Repaid', tone: 'done' };
}

/** The advance as a whole: its latest transfer decides, with the repayment date when we told it. */
export function advanceWords(a: AdvanceItem, nextRepayment: { amountCents: number; on: string } | null = null): Words {
  const latest = [...a.transfers].sort((x, y) => y.updatedAt.localeCompare(x.updatedAt))[0];
  if (a.status === 'repaid') return { title: 'Repaid', detail: `Paid back ${money(a.principalCents)}. Thank you!`, tone: 'done' };
  if (latest && (latest.status === 'needs_attention' || latest.returnCode)) return transferWords(latest);
  if (a.status === 'disbursing' || (latest && latest.purpose === 'disbursement' && IN_FLIGHT.has(latest.status)))
    return { title: 'On its way', detail: `${money(a.principalCents)} should reach your bank within 1–2 business days.`, tone: 'progress' };
  if (latest && latest.purpose === 'repayment' && IN_FLIGHT.has(latest.status)) return { title: 'Being repaid', detail: `We’re collecting ${money(a.outstandingCents)} from your account.`, tone: 'progress' };
  if (nextRepayment) return { title: 'Arrived', detail: `Repayment of ${money(nextRepayment.amountCents)} on ${bankDate(nextRepayment.on)}.`, tone: 'ok' };
  if (a.status === 'outstanding') return { title: 'Arrived', detail: `${money(a.outstandingCents)} to repay on your next payday.`, tone: 'ok' };
  if (a.status === 'cancelled' || a.status === 'failed') return { title: 'Didn’t go through', detail: 'Nothing is owed for this advance.', tone: 'done' };
  if (a.status === 'returned') return { title: 'Came back', detail: 'The advance never reached you. Nothing is owed for it.', tone: 'attention' };
  return { title: a.status, tone: 'done' };
}
