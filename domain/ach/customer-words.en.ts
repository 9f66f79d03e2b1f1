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
