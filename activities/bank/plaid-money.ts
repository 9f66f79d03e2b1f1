/**
 * Plaid sends balances and transaction amounts as JSON numbers in dollars. They become integer
 * cents here, at the edge, and nowhere else.
 */
export function plaidAmountToCents(amount: number | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  // toFixed(2) rounds the binary float to the decimal Plaid meant (e.g. 19.99 -> "19.99").
  const cents = Number(amount.toFixed(2).replace('.', ''));
  if (!Number.isSafeInteger(cents)) throw new Error(`amount out of range: ${amount}`);
  return cents;
}
