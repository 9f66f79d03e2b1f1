/**
 * Money at the sandbox's edges. Storage is integer cents (bigint in Postgres, `number` here:
 * a sandbox balance never nears 2^53 cents). Plaid speaks two dialects:
 * - balances and transactions: JSON numbers in dollars (12.34);
 * - Transfer: decimal strings with two digits ("12.34").
 * Conversions happen only through these functions, never with ad-hoc float arithmetic.
 */

/** Cents from a pg BIGINT column (returned as a string) or a number. */
export function centsFromDb(v: string | number | null): number | null {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer amount of cents: ${v}`);
  return n;
}

/** 1234 -> 12.34 (a JSON number, as Plaid sends balances and transaction amounts). */
export function dollarsFromCents(cents: number): number;
export function dollarsFromCents(cents: number | null): number | null;
export function dollarsFromCents(cents: number | null): number | null {
  if (cents === null) return null;
  // Division by 100 of an integer yields the double closest to the decimal, which JSON prints exactly.
  return cents / 100;
}

/** 12.34 -> 1234. Rejects more than two decimals, so a caller's float noise never moves money. */
export function centsFromDollars(dollars: number): number {
  if (!Number.isFinite(dollars)) throw new RangeError(`not a finite amount: ${dollars}`);
  const cents = Math.round(dollars * 100);
  if (Math.abs(cents - dollars * 100) > 1e-6) throw new RangeError(`more than two decimals: ${dollars}`);
  return cents;
}

const DECIMAL = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "12.3" -> 1230; null when the string is not a non-negative decimal with at most two digits. */
export function centsFromDecimalString(s: string): number | null {
  const m = DECIMAL.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1230 -> "12.30" (Transfer amounts). */
export function decimalStringFromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
