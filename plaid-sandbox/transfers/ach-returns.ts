/** ACH return codes the sandbox names when a transfer is returned (descriptions as in Plaid's docs). */
export const ACH_RETURN_DESCRIPTIONS: Record<string, string> = {
  R01: 'Insufficient funds',
  R02: 'Account closed',
  R03: 'No account or unable to locate account',
  R04: 'Invalid account number',
  R05: 'Unauthorized debit to consumer account',
  R07: 'Authorization revoked by customer',
  R08: 'Payment stopped or stop payment on item',
  R09: 'Uncollected funds',
  R10: 'Customer advises not authorized',
  R16: 'Account frozen',
  R20: 'Non-transaction account',
  R29: 'Corporate customer advises not authorized',
};

export const NSF_RETURN = { code: 'R01', description: ACH_RETURN_DESCRIPTIONS.R01 };

export function describeReturn(code: string): string {
  return ACH_RETURN_DESCRIPTIONS[code] ?? 'Returned by the receiving bank';
}
