/**
 * What a returned ACH transfer means to the customer, in English, next to the codes' meaning
 * (return-codes.ts). The web app shows these; staff see the Nacha description instead.
 * An advance (credit to the customer) that comes back never reached them; a repayment (debit)
 * that comes back was not collected.
 */
import { normalizeReturnCode } from './return-codes';

export interface CustomerReturnWords {
  /** What happened, e.g. "Your bank said the account is closed." */
  what: string;
  /** What the customer can do about it. */
  next: string;
}

const ACCOUNT_GONE = new Set(['R02', 'R03', 'R04', 'R12', 'R13', 'R16', 'R20']);
const NOT_ENOUGH = new Set(['R01', 'R09']);
const DISPUTED = new Set(['R05', 'R07', 'R08', 'R10', 'R11', 'R29', 'R51']);

const WHAT: Readonly<Record<string, string>> = {
  R01: 'There wasn’t enough money in your account.',
  R02: 'Your bank said the account is closed.',
  R03: 'Your bank couldn’t find the account.',
  R04: 'Your bank said the account number is not valid.',
  R09: 'The money in your account wasn’t available yet.',
  R12: 'Your bank said the account moved to another bank.',
  R16: 'Your bank said the account is frozen.',
  R20: 'Your bank said this account can’t take transfers.',
};

export function customerReturnWords(code: string, purpose: 'disbursement' | 'repayment'): CustomerReturnWords {
  const c = normalizeReturnCode(code);
  const what = WHAT[c] ?? (DISPUTED.has(c) ? 'Your bank reported that you did not authorize this transfer.' : 'Your bank sent the transfer back.');
  if (purpose === 'disbursement') {
    return ACCOUNT_GONE.has(c)
      ? { what: `${what} The advance never reached you.`, next: 'Link another checking account in Settings, and we’ll send it there.' }
      : { what: `${what} The advance never reached you.`, next: 'Our support team will contact you; nothing is owed for money you did not receive.' };
  }
  if (NOT_ENOUGH.has(c)) return { what, next: 'We’ll try again later, at most twice, and tell you before we do. You pay no fee.' };
  if (ACCOUNT_GONE.has(c)) return { what, next: 'Link another checking account so we can collect the repayment.' };
  if (DISPUTED.has(c)) return { what, next: 'Our support team will contact you to sort it out. We won’t try again without your say-so.' };
  return { what, next: 'Our support team will contact you.' };
}

/** An advance's state as the customer reads it (GET /v1/me and /v1/advances). */
export type CustomerAdvanceState = 'on_its_way' | 'outstanding' | 'being_repaid' | 'repaid' | 'returned' | 'repayment_returned' | 'cancelled' | 'failed';

export interface CustomerStateWords {
  state: CustomerAdvanceState;
  what: string;
  /** What the customer can do, when there is something. */
  next: string | null;
}

/**
 * The words for an advance: its status, and the return code of its latest transfer that came back
 * (a returned advance never reached them; a returned repayment is owed again).
 */
export function advanceStateWords(a: { status: string; outstandingCents: number; returnedTransfer: { purpose: 'disbursement' | 'repayment'; returnCode: string | null } | null; repaymentInFlight: boolean }): CustomerStateWords {
  const back = a.returnedTransfer;
  if (a.status === 'returned') {
    const w = customerReturnWords(back?.returnCode ?? 'R03', 'disbursement');
    return { state: 'returned', what: `${w.what} You owe nothing for it.`, next: w.next };
  }
  if (a.status === 'outstanding' && back?.purpose === 'repayment') {
    const w = customerReturnWords(back.returnCode ?? '', 'repayment');
    return { state: 'repayment_returned', what: `Your repayment came back: ${lowerFirst(w.what)} The advance is owed again.`, next: w.next };
  }
  switch (a.status) {
    case 'disbursing':
      return { state: 'on_its_way', what: 'Your advance is on its way to your bank.', next: null };
    case 'outstanding':
      return a.repaymentInFlight
        ? { state: 'being_repaid', what: 'We’re collecting your repayment.', next: null }
        : { state: 'outstanding', what: 'Your advance arrived; it is repaid on your next payday.', next: null };
    case 'repaid':
      return { state: 'repaid', what: 'Repaid. Thank you!', next: null };
    case 'failed':
      return { state: 'failed', what: 'Your advance didn’t go through. Nothing is owed for it.', next: null };
    default:
      return { state: 'cancelled', what: 'Your advance was cancelled. Nothing is owed for it.', next: null };
  }
}

/** Nacha: after an unauthorized return we take no payment until the customer authorizes again. */
export function debitsStoppedWords(code: string): CustomerReturnWords {
  return {
    what: `${customerReturnWords(code, 'repayment').what} We have stopped taking any payment from your account.`,
    next: 'If you want us to collect your repayment from this account again, authorize Timely to debit it. Until then nothing is taken.',
  };
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);
