/**
 * Nacha return reason codes: what each means, which return-rate class it counts in, and what
 * our retry policy does with it.
 *
 * Classes follow the Nacha return-rate thresholds (PRODUCT-NOTES): unauthorized (0.5%),
 * administrative (3%), and everything else (only in the 15% overall rate).
 *
 * Retry categories follow the Nacha reinitiation rule: an entry may be presented again only
 * (a) after an R01/R09 return, at most twice, within 180 days of the original settlement;
 * (b) after R08 (stop payment) or R07 (revoked) with a NEW authorization from the customer;
 * (c) after the originator corrected the cause of the return. (c) is a new entry with corrected
 * data, decided by a person, never an automatic or one-click retry: hence `correction_required`.
 * Codes the product notes say are never retried, and codes that mean the account is gone, the
 * owner is deceased or the debit was disputed, are `never`.
 */

export type ReturnCodeClass = 'unauthorized' | 'administrative' | 'other';
export type RetryCategory = 'representable' | 'new_authorization' | 'never' | 'correction_required';

export interface ReturnCodeInfo {
  code: string;
  description: string;
  class: ReturnCodeClass;
  retry: RetryCategory;
}

const UNAUTHORIZED = new Set(['R05', 'R07', 'R10', 'R11', 'R29', 'R51']);
const ADMINISTRATIVE = new Set(['R02', 'R03', 'R04']);
const REPRESENTABLE = new Set(['R01', 'R09']);
const NEW_AUTHORIZATION = new Set(['R07', 'R08']);
const NEVER = new Set([
  // Never retried (PRODUCT-NOTES).
  'R02', 'R03', 'R04', 'R10', 'R16', 'R20', 'R29',
  // Also final for us: unauthorized corporate-code debit, dead account holder or payee,
  // account moved to another bank, bad routing number, duplicate, RCK item.
  'R05', 'R12', 'R13', 'R14', 'R15', 'R24', 'R51',
]);

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  R01: 'Insufficient funds',
  R02: 'Account closed',
  R03: 'No account / unable to locate account',
  R04: 'Invalid account number',
  R05: 'Unauthorized debit to consumer account using corporate SEC code',
  R06: "Returned per ODFI's request",
  R07: 'Authorization revoked by customer',
  R08: 'Payment stopped',
  R09: 'Uncollected funds',
  R10: 'Customer advises originator is not known or not authorized',
  R11: 'Customer advises entry not in accordance with the terms of the authorization',
  R12: 'Account sold to another financial institution',
  R13: 'Invalid ACH routing number',
  R14: 'Representative payee deceased or unable to continue in that capacity',
  R15: 'Beneficiary or account holder deceased',
  R16: 'Account frozen / entry returned per OFAC instruction',
  R17: 'File record edit criteria / entry initiated under questionable circumstances',
  R18: 'Improper effective entry date',
  R19: 'Amount field error',
  R20: 'Non-transaction account',
  R21: 'Invalid company identification',
  R22: 'Invalid individual ID number',
  R23: 'Credit entry refused by receiver',
  R24: 'Duplicate entry',
  R25: 'Addenda error',
  R26: 'Mandatory field error',
  R27: 'Trace number error',
  R28: 'Routing number check digit error',
  R29: 'Corporate customer advises not authorized',
  R30: 'RDFI not participant in check truncation program',
  R31: 'Permissible return entry (CCD and CTX only)',
  R32: 'RDFI non-settlement',
  R33: 'Return of XCK entry',
  R34: 'Limited participation DFI',
  R35: 'Return of improper debit entry',
  R36: 'Return of improper credit entry',
  R37: 'Source document presented for payment',
  R38: 'Stop payment on source document',
  R39: 'Improper source document / source document presented for payment',
  R50: 'State law affecting RCK acceptance',
  R51: 'Item related to RCK entry is ineligible or RCK entry is improper',
  R52: 'Stop payment on item related to RCK entry',
  R53: 'Item and RCK entry presented for payment',
};

/** Canonical form: "r01", " R1 " -> "R01"; anything else is returned upper-cased and trimmed. */
export function normalizeReturnCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  const m = /^R(\d{1,2})$/.exec(trimmed);
  return m ? `R${m[1].padStart(2, '0')}` : trimmed;
}

/** Everything we know about a return code. Unknown codes are `other` and need a correction. */
export function returnCodeInfo(code: string): ReturnCodeInfo {
  const c = normalizeReturnCode(code);
  return {
    code: c,
    description: DESCRIPTIONS[c] ?? 'Unknown return reason',
    class: UNAUTHORIZED.has(c) ? 'unauthorized' : ADMINISTRATIVE.has(c) ? 'administrative' : 'other',
    retry: REPRESENTABLE.has(c) ? 'representable' : NEW_AUTHORIZATION.has(c) ? 'new_authorization' : NEVER.has(c) ? 'never' : 'correction_required',
  };
}

export function describeReturnCode(code: string): string {
  return returnCodeInfo(code).description;
}

export function returnCodeClass(code: string): ReturnCodeClass {
  return returnCodeInfo(code).class;
}

/** Every code we have a description for, e.g. for the support console's legend. */
export const KNOWN_RETURN_CODES: readonly string[] = Object.keys(DESCRIPTIONS);
