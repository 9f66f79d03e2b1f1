import { returnRateReport } from './return-rates';
import {
  KNOWN_RETURN_CODES,
  MAX_REPRESENTMENTS,
  RetryRequest,
  describeReturnCode,
  normalizeReturnCode,
  retryDecision,
  returnCodeClass,
  returnCodeInfo,
} from './returns';

const debitReturn = (returnCode: string, extra: Partial<RetryRequest> = {}): RetryRequest => ({
  direction: 'debit',
  outcome: 'returned',
  returnCode,
  priorRepresentments: 0,
  originalSettlementDate: '2025-06-02',
  today: '2025-06-10',
  ...extra,
});

describe('return codes', () => {
  it('describes codes', () => {
    expect(describeReturnCode('R01')).toBe('Insufficient funds');
    expect(describeReturnCode('R02')).toBe('Account closed');
    expect(describeReturnCode('R08')).toBe('Payment stopped');
    expect(describeReturnCode('R99')).toBe('Unknown return reason');
    expect(KNOWN_RETURN_CODES.every((c) => describeReturnCode(c) !== 'Unknown return reason')).toBe(true);
  });

  it('normalises spelling', () => {
    expect(normalizeReturnCode(' r1 ')).toBe('R01');
    expect(normalizeReturnCode('R10')).toBe('R10');
    expect(normalizeReturnCode('XYZ')).toBe('XYZ');
    expect(returnCodeInfo('r09').retry).toBe('representable');
  });

  it('classes follow the Nacha thresholds in PRODUCT-NOTES', () => {
    for (const c of ['R05', 'R07', 'R10', 'R11', 'R29', 'R51']) expect(returnCodeClass(c)).toBe('unauthorized');
    for (const c of ['R02', 'R03', 'R04']) expect(returnCodeClass(c)).toBe('administrative');
    for (const c of ['R01', 'R08', 'R09', 'R16', 'R20', 'R99']) expect(returnCodeClass(c)).toBe('other');
  });
});

describe('retryDecision: returned debits', () => {
  it.each(['R01', 'R09'])('%s may be presented again, with RETRY PYMT, counting down', (code) => {
    const first = retryDecision(debitReturn(code));
    expect(first).toMatchObject({
      allowed: true,
      representment: true,
      remainingAfterThis: 1,
      windowEndsOn: '2025-11-29',
      companyEntryDescription: 'RETRY PYMT',
    });
    expect(first.rule).toContain('re-presentment 1 of 2');
    expect(retryDecision(debitReturn(code, { priorRepresentments: 1 }))).toMatchObject({ allowed: true, remainingAfterThis: 0 });
  });

  it('at most twice', () => {
    const d = retryDecision(debitReturn('R01', { priorRepresentments: MAX_REPRESENTMENTS }));
    expect(d).toMatchObject({ allowed: false, code: 'MAX_REPRESENTMENTS' });
    expect(retryDecision(debitReturn('R01', { priorRepresentments: 7 }))).toMatchObject({ allowed: false, code: 'MAX_REPRESENTMENTS' });
  });

  it('within 180 days of the original settlement, inclusive', () => {
    expect(retryDecision(debitReturn('R01', { today: '2025-11-29' })).allowed).toBe(true);
    const late = retryDecision(debitReturn('R01', { today: '2025-11-30' }));
    expect(late).toMatchObject({ allowed: false, code: 'WINDOW_EXPIRED' });
    expect(late.rule).toContain('2025-11-29');
  });

  it('refuses when the settlement date is unknown', () => {
    expect(retryDecision(debitReturn('R01', { originalSettlementDate: null }))).toMatchObject({ allowed: false, code: 'SETTLEMENT_DATE_UNKNOWN' });
  });

  it.each(['R07', 'R08'])('%s needs a new authorization', (code) => {
    const d = retryDecision(debitReturn(code));
    expect(d).toMatchObject({ allowed: false, code: 'NEEDS_NEW_AUTHORIZATION' });
    expect(d.rule).toMatch(/new authorization/);
  });

  it.each(['R02', 'R03', 'R04', 'R10', 'R16', 'R20', 'R29', 'R05', 'R14', 'R15'])('%s is never retried', (code) => {
    const d = retryDecision(debitReturn(code));
    expect(d).toMatchObject({ allowed: false, code: 'NEVER_RETRY' });
    if (!d.allowed) expect(d.returnCode?.code).toBe(code);
  });

  it.each(['R06', 'R11', 'R17', 'R23', 'R31', 'R99', 'XYZ'])('%s needs a correction by a person', (code) => {
    expect(retryDecision(debitReturn(code))).toMatchObject({ allowed: false, code: 'CORRECTION_REQUIRED' });
  });

  it('a return without a code needs a correction', () => {
    expect(retryDecision(debitReturn('', { returnCode: null }))).toMatchObject({ allowed: false, code: 'CORRECTION_REQUIRED' });
  });

  it('never-list beats counts and windows (the most useful reason first)', () => {
    expect(retryDecision(debitReturn('R02', { priorRepresentments: 5, today: '2030-01-01' }))).toMatchObject({ code: 'NEVER_RETRY' });
  });
});

describe('retryDecision: returned credits and failed transfers', () => {
  it('a returned advance is not re-sent', () => {
    expect(retryDecision(debitReturn('R01', { direction: 'credit' }))).toMatchObject({ allowed: false, code: 'CREDIT_NOT_RETRIED' });
    expect(retryDecision(debitReturn('R23', { direction: 'credit' }))).toMatchObject({ allowed: false, code: 'CREDIT_NOT_RETRIED' });
    expect(retryDecision(debitReturn('R03', { direction: 'credit' }))).toMatchObject({ allowed: false, code: 'NEVER_RETRY' });
  });

  it.each(['debit', 'credit'] as const)('a failed %s (never presented) may be retried, a few times', (direction) => {
    const base = { direction, outcome: 'failed' as const, priorRepresentments: 0, today: '2025-06-10' };
    const d = retryDecision(base);
    expect(d).toMatchObject({ allowed: true, representment: false, companyEntryDescription: null, windowEndsOn: null });
    expect(retryDecision({ ...base, returnCode: 'R01', priorFailedRetries: 2 }).allowed).toBe(true);
    expect(retryDecision({ ...base, priorFailedRetries: 3 })).toMatchObject({ allowed: false, code: 'MAX_FAILED_RETRIES' });
  });

  it('a failure that says the account is closed is still final', () => {
    expect(retryDecision({ direction: 'debit', outcome: 'failed', returnCode: 'R02', priorRepresentments: 0, today: '2025-06-10' })).toMatchObject({
      allowed: false,
      code: 'NEVER_RETRY',
    });
  });

  it('validates its input', () => {
    expect(() => retryDecision(debitReturn('R01', { priorRepresentments: -1 }))).toThrow(RangeError);
    expect(() => retryDecision(debitReturn('R01', { priorRepresentments: 1.5 }))).toThrow(RangeError);
    expect(() => retryDecision(debitReturn('R01', { today: '10/06/2025' }))).toThrow(RangeError);
    expect(() => retryDecision(debitReturn('R01', { originalSettlementDate: '2025-02-30' }))).toThrow(RangeError);
  });

  it('every answer names the policy version and a readable rule', () => {
    for (const code of [...KNOWN_RETURN_CODES, 'R99']) {
      for (const direction of ['credit', 'debit'] as const) {
        const d = retryDecision(debitReturn(code, { direction }));
        expect(d.policyVersion).toMatch(/^ach-retry-/);
        expect(d.rule.length).toBeGreaterThan(30);
      }
    }
  });
});

describe('returnRateReport', () => {
  it('computes the three Nacha rates and flags breaches strictly above the threshold', () => {
    const r = returnRateReport(1000, ['R10', 'R07', 'R05', 'R11', 'R29', 'R02', 'R03', 'R01', 'R01']);
    expect(r.unauthorized).toEqual({ returns: 5, rate: 0.005, threshold: 0.005, breached: false });
    expect(r.administrative).toMatchObject({ returns: 2, breached: false });
    expect(r.overall).toMatchObject({ returns: 9, breached: false });
    expect(returnRateReport(1000, Array(6).fill('R10')).unauthorized.breached).toBe(true);
    expect(returnRateReport(100, Array(4).fill('R02')).administrative.breached).toBe(true);
    expect(returnRateReport(100, Array(16).fill('R01')).overall.breached).toBe(true);
  });

  it('handles no entries and refuses nonsense', () => {
    expect(returnRateReport(0, []).overall).toEqual({ returns: 0, rate: 0, threshold: 0.15, breached: false });
    expect(returnRateReport(0, ['R01']).overall.breached).toBe(true);
    expect(() => returnRateReport(-1, [])).toThrow(RangeError);
  });
});
