/**
 * Money is integer cents everywhere inside Timely.
 *
 * Floats appear only at the Plaid edge: Plaid's JSON carries dollars as JSON numbers
 * (`"amount": -1234.56`) and Plaid Transfer wants decimal strings (`"amount": "10.00"`). The
 * conversions below are the only doors between the two worlds, and they are exact:
 *
 * - A JSON number has already been parsed to the nearest double, e.g. 1.005 is stored as
 *   1.00499999999999989... so `Math.round(1.005 * 100)` gives 100, not 101. But JavaScript's
 *   `String(n)` gives the SHORTEST decimal that parses back to the same double, which is the
 *   literal Plaid wrote ("1.005"). So we round that decimal text, digit by digit, never the
 *   binary value.
 * - Rounding is half away from zero (1.005 -> 101, -1.005 -> -101), the usual bank convention and
 *   symmetric for Plaid's signed amounts. Plaid sends two decimals for USD, so rounding only ever
 *   matters for odd currencies and for defending against garbage.
 *
 * `number` is safe for cents below 2^53 (~90 trillion dollars); every function asserts
 * Number.isSafeInteger so an overflow is an exception, never a silently wrong balance.
 */

/** An amount in integer cents. A plain number (no brand) so it crosses Temporal and JSON as-is. */
export type Cents = number;

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertCents(value: unknown, label = 'amount'): asserts value is Cents {
  if (!isCents(value)) throw new RangeError(`${label} must be a safe integer number of cents, got ${String(value)}`);
}

/** Normalises -0 to 0 so it never shows up as "-$0.00" or fails an equality in a test. */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

/**
 * Plaid JSON number of dollars -> cents (sign preserved; Plaid's sign convention is the caller's
 * business). Examples: -1234.56 -> -123456, 0.1 + 0.2 -> 30, 1.005 -> 101, 5e-7 -> 0.
 */
export function plaidAmountToCents(dollars: number): Cents {
  if (typeof dollars !== 'number' || !Number.isFinite(dollars)) {
    throw new RangeError(`Plaid amount must be a finite number, got ${String(dollars)}`);
  }
  // Shortest round-trip decimal text, possibly in exponent form ("1e+21", "5e-7").
  const text = String(dollars);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new RangeError(`cannot read Plaid amount ${text}`);
  const negative = m[1] === '-';
  const digits = m[2] + (m[3] ?? '');
  // Position of the decimal point inside `digits` after multiplying by 100.
  const point = m[2].length + Number(m[4] ?? '0') + 2;
  let whole: string;
  let rest: string;
  if (point <= 0) {
    whole = '0';
    rest = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    rest = '';
  } else {
    whole = digits.slice(0, point);
    rest = digits.slice(point);
  }
  let cents = BigInt(whole);
  if (rest.length > 0 && rest[0] >= '5') cents += 1n; // half away from zero (sign applied after)
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Plaid amount ${text} is too large to hold in cents`);
  return noNegativeZero(negative ? -Number(cents) : Number(cents));
}

/** Cents -> plain decimal string with two decimals: 1000 -> "10.00", -5 -> "-0.05". */
export function centsToDecimalString(cents: Cents): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * Cents -> the `amount` string of /transfer/authorization/create ("10.00"). Transfer amounts are
 * always positive; direction is carried by the transfer type, so zero or negative is a bug.
 */
export function centsToTransferAmount(cents: Cents): string {
  assertCents(cents);
  if (cents <= 0) throw new RangeError(`a transfer amount must be positive, got ${cents} cents`);
  return centsToDecimalString(cents);
}

export interface DecimalParseOptions {
  /** Accept a leading "-". Off by default: transfer amounts are never negative. */
  allowNegative?: boolean;
}

// No "+", no exponent, no spaces, no thousands separators, no leading zeros ("007.00"),
// at most two decimals: anything else at this edge means the other side is not who we think.
const DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/** Strict decimal string -> cents: "10.00" -> 1000, "0.5" -> 50. Throws on anything unusual. */
export function decimalStringToCents(text: string, options: DecimalParseOptions = {}): Cents {
  if (typeof text !== 'string') throw new RangeError(`amount must be a decimal string, got ${typeof text}`);
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`amount ${JSON.stringify(text)} is not a decimal string like "10.00"`);
  if (m[1] === '-' && !options.allowNegative) throw new RangeError(`amount ${JSON.stringify(text)} must not be negative`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount ${JSON.stringify(text)} is too large`);
  return noNegativeZero(m[1] === '-' ? -Number(cents) : Number(cents));
}

export interface FormatOptions {
  /** Defaults to "$". */
  symbol?: string;
  /** Show "+" for positive amounts (useful for deposits in a statement). */
  signPositive?: boolean;
}

/** Display formatting for customers and staff: 123456 -> "$1,234.56", -5 -> "-$0.05". */
export function formatCents(cents: Cents, options: FormatOptions = {}): string {
  assertCents(cents);
  const symbol = options.symbol ?? '$';
  const abs = Math.abs(cents);
  // Grouping done by hand: Intl output depends on the ICU data of the Node build, and this text
  // may be recorded in workflow history where it has to be identical on replay.
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `${symbol}${dollars}.${String(abs % 100).padStart(2, '0')}`;
  if (cents < 0) return `-${body}`;
  return options.signPositive && cents > 0 ? `+${body}` : body;
}

/** Sum that refuses to leave the safe-integer range. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) {
    assertCents(v, 'summand');
    total += v;
    assertCents(total, 'sum');
  }
  return noNegativeZero(total);
}

/** Smallest whole-dollar amount >= cents: 2001 -> 2100, 2000 -> 2000, -150 -> -100. */
export function ceilToWholeDollars(cents: Cents): Cents {
  assertCents(cents);
  return noNegativeZero(Math.ceil(cents / 100) * 100);
}

/** Largest whole-dollar amount <= cents: 2099 -> 2000, -150 -> -200. */
export function floorToWholeDollars(cents: Cents): Cents {
  assertCents(cents);
  return noNegativeZero(Math.floor(cents / 100) * 100);
}

/**
 * cents * numerator / denominator, rounded half away from zero, computed exactly (BigInt) so
 * estimates such as "biweekly pay x 26 / 12" never drift. Numerator and denominator are integers.
 */
export function mulDivRound(cents: Cents, numerator: number, denominator: number): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`mulDivRound needs integer ratio, got ${numerator}/${denominator}`);
  }
  const product = BigInt(cents) * BigInt(numerator);
  const den = BigInt(denominator);
  const negative = product < 0n !== den < 0n && product !== 0n;
  const absProduct = product < 0n ? -product : product;
  const absDen = den < 0n ? -den : den;
  const q = (2n * absProduct + absDen) / (2n * absDen);
  const result = Number(negative ? -q : q);
  assertCents(result, 'result');
  return noNegativeZero(result);
}
