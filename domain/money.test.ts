import {
  assertCents,
  ceilToWholeDollars,
  centsToDecimalString,
  centsToTransferAmount,
  decimalStringToCents,
  floorToWholeDollars,
  formatCents,
  isCents,
  mulDivRound,
  plaidAmountToCents,
  sumCents,
} from './money';

describe('plaidAmountToCents', () => {
  it.each([
    [-1234.56, -123456],
    [1234.56, 123456],
    [19.99, 1999],
    [0.1 + 0.2, 30], // 0.30000000000000004
    [0.07, 7], // 0.07 * 100 = 7.000000000000001
    [1.1, 110], // 1.1 * 100 = 110.00000000000001
    [4.35, 435], // 4.35 * 100 = 434.99999999999994
    [1.005, 101], // binary 1.00499999..., the literal rounds half away from zero
    [-1.005, -101],
    [2.675, 268],
    [0.005, 1],
    [0.004, 0],
    [-0.004, 0],
    [0, 0],
    [-0, 0],
    [5e-7, 0],
    [1e-7, 0],
    [100, 10000],
    [1e15, NaN], // 1e17 cents: beyond 2^53
    // Huge but still exact as a double (a double carries cents exactly below ~$70 billion).
    [12345678901.23, 1234567890123],
    [-12345678901.23, -1234567890123],
    [123456789.12, 12345678912],
  ])('%p dollars -> %p cents', (dollars, cents) => {
    if (Number.isNaN(cents)) expect(() => plaidAmountToCents(dollars)).toThrow(RangeError);
    else expect(plaidAmountToCents(dollars)).toBe(cents);
  });

  it('never returns negative zero', () => {
    expect(Object.is(plaidAmountToCents(-0.001), 0)).toBe(true);
    expect(Object.is(plaidAmountToCents(-0), 0)).toBe(true);
  });

  it('refuses values beyond the safe-integer range of cents', () => {
    expect(() => plaidAmountToCents(1e21)).toThrow(/too large/);
    expect(() => plaidAmountToCents(90071992547409.92 + 1)).toThrow(/too large/);
  });

  it.each([NaN, Infinity, -Infinity, '12.00' as unknown as number])('refuses %p', (v) => {
    expect(() => plaidAmountToCents(v)).toThrow(RangeError);
  });

  it('matches exact decimal rounding on every cent amount up to $100 (no float drift)', () => {
    for (let c = -10000; c <= 10000; c++) {
      const dollars = Number(centsToDecimalString(c));
      expect(plaidAmountToCents(dollars)).toBe(c);
    }
  });
});

describe('centsToDecimalString / centsToTransferAmount', () => {
  it.each([
    [1000, '10.00'],
    [1, '0.01'],
    [10, '0.10'],
    [0, '0.00'],
    [-5, '-0.05'],
    [-123456, '-1234.56'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%p -> %p', (cents, text) => {
    expect(centsToDecimalString(cents)).toBe(text);
  });

  it('transfer amounts are positive decimal strings', () => {
    expect(centsToTransferAmount(1999)).toBe('19.99');
    expect(() => centsToTransferAmount(0)).toThrow(/positive/);
    expect(() => centsToTransferAmount(-100)).toThrow(/positive/);
    expect(() => centsToTransferAmount(10.5)).toThrow(/integer/);
  });

  it('refuses non-integer and unsafe cents', () => {
    expect(() => centsToDecimalString(0.1 + 0.2)).toThrow(RangeError);
    expect(() => centsToDecimalString(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => centsToDecimalString(NaN)).toThrow(RangeError);
  });
});

describe('decimalStringToCents (strict)', () => {
  it.each([
    ['10.00', 1000],
    ['10.0', 1000],
    ['10', 1000],
    ['0.5', 50],
    ['0.05', 5],
    ['0', 0],
    ['19.99', 1999],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%p -> %p', (text, cents) => {
    expect(decimalStringToCents(text)).toBe(cents);
  });

  it.each(['', ' 10.00', '10.00 ', '+10.00', '1e3', '10.001', '.5', '10.', '010.00', '00', '1,000.00', '$10', '-', 'NaN', '10.0.0', '١٠'])(
    'refuses %p',
    (text) => {
      expect(() => decimalStringToCents(text)).toThrow(RangeError);
    },
  );

  it('refuses negative unless asked, then parses it', () => {
    expect(() => decimalStringToCents('-10.00')).toThrow(/negative/);
    expect(decimalStringToCents('-10.50', { allowNegative: true })).toBe(-1050);
    expect(Object.is(decimalStringToCents('-0.00', { allowNegative: true }), 0)).toBe(true);
  });

  it('refuses amounts beyond the safe range', () => {
    expect(() => decimalStringToCents('90071992547409.92')).toThrow(/too large/);
  });

  it('round-trips with centsToDecimalString', () => {
    for (const c of [0, 1, 99, 100, 101, 123456, 9999999]) expect(decimalStringToCents(centsToDecimalString(c))).toBe(c);
  });
});

describe('formatCents', () => {
  it.each([
    [123456, '$1,234.56'],
    [0, '$0.00'],
    [5, '$0.05'],
    [-5, '-$0.05'],
    [100000000, '$1,000,000.00'],
    [-123456789, '-$1,234,567.89'],
    [99999, '$999.99'],
  ])('%p -> %p', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('supports a plus sign and another symbol', () => {
    expect(formatCents(2500, { signPositive: true })).toBe('+$25.00');
    expect(formatCents(0, { signPositive: true })).toBe('$0.00');
    expect(formatCents(2500, { symbol: 'USD ' })).toBe('USD 25.00');
  });
});

describe('arithmetic helpers', () => {
  it('sumCents adds exactly and refuses overflow', () => {
    expect(sumCents([1999, 1, -500])).toBe(1500);
    expect(sumCents([])).toBe(0);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumCents([0.5])).toThrow(RangeError);
  });

  it('rounds to whole dollars', () => {
    expect(ceilToWholeDollars(2001)).toBe(2100);
    expect(ceilToWholeDollars(2000)).toBe(2000);
    expect(ceilToWholeDollars(1)).toBe(100);
    expect(ceilToWholeDollars(0)).toBe(0);
    expect(ceilToWholeDollars(-150)).toBe(-100);
    expect(floorToWholeDollars(2099)).toBe(2000);
    expect(floorToWholeDollars(-150)).toBe(-200);
    expect(Object.is(ceilToWholeDollars(-50), 0)).toBe(true);
  });

  it('mulDivRound is exact and rounds half away from zero', () => {
    expect(mulDivRound(150000, 26, 12)).toBe(325000);
    expect(mulDivRound(100001, 26, 12)).toBe(216669); // 216668.83
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(-1, 1, 2)).toBe(-1);
    expect(mulDivRound(5, 1, -2)).toBe(-3);
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
    expect(() => mulDivRound(1, 1, 0)).toThrow(RangeError);
  });

  it('isCents / assertCents', () => {
    expect(isCents(0)).toBe(true);
    expect(isCents(-1)).toBe(true);
    expect(isCents(1.5)).toBe(false);
    expect(isCents('1')).toBe(false);
    expect(() => assertCents(Infinity, 'limit')).toThrow(/limit/);
  });
});
