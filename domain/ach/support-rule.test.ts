import { AttemptFacts, shortDate, supportRule, supportRuleSentence } from './support-rule';
import { retryDecision } from './returns';

const returned = (returnCode: string, settledOn: string | null = '2025-01-10', postedOn: string | null = null): AttemptFacts => ({ status: 'returned', returnCode, settledOn, postedOn, plaidTransferId: 'pt' });
const failed = (): AttemptFacts => ({ status: 'failed', returnCode: null, settledOn: null, postedOn: null, plaidTransferId: null });
const rule = (attempts: AttemptFacts[], extra: Partial<Parameters<typeof supportRule>[0]> = {}) =>
  supportRule({ status: 'needs_attention', direction: 'debit', attempts, today: '2025-02-01', ...extra });

describe('supportRule', () => {
  it('R01 after the first return: may be presented twice more, until 180 days after the original settlement', () => {
    expect(rule([returned('R01')])).toEqual({ canRetry: true, canCancel: true, sentence: 'May be presented twice more until 9 Jul.' });
  });

  it('R01 after one re-presentment: once more, the window still counted from the original entry', () => {
    expect(rule([returned('R01', '2025-01-10'), returned('R01', '2025-01-20')])).toEqual({ canRetry: true, canCancel: true, sentence: 'May be presented once more until 9 Jul.' });
  });

  it('a return that was only posted counts the window from the posted day; the year shows when it is not this one', () => {
    expect(rule([returned('R09', null, '2025-08-01')], { today: '2025-09-01' }).sentence).toBe('May be presented twice more until 28 Jan 2026.');
  });

  it('R01 presented again twice already: Nacha forbids a third', () => {
    expect(rule([returned('R01'), returned('R01'), returned('R01')])).toMatchObject({ canRetry: false, canCancel: true, sentence: expect.stringMatching(/^Already presented again twice/) });
  });

  it('R01 after the 180-day window: refused', () => {
    expect(rule([returned('R01', '2024-01-10')]).sentence).toMatch(/180-day window .* has closed/);
  });

  it('R02 and the other never-codes: never presented again, link another account', () => {
    for (const code of ['R02', 'R03', 'R04', 'R10', 'R16', 'R20', 'R29'])
      expect(rule([returned(code)])).toEqual({ canRetry: false, canCancel: true, sentence: 'Never presented again: ask the customer to link another account.' });
  });

  it('R07/R08 need a new authorization; R06 needs a correction', () => {
    expect(rule([returned('R08')]).sentence).toMatch(/authorize the debit again/);
    expect(rule([returned('R06')]).sentence).toMatch(/corrected first/);
  });

  it('a returned advance (credit) is not sent again', () => {
    expect(rule([returned('R01')], { direction: 'credit' })).toMatchObject({ canRetry: false, sentence: expect.stringMatching(/returned advance is not sent again/) });
  });

  it('a transfer that never reached the bank may be tried again, up to the limit', () => {
    expect(rule([failed()])).toMatchObject({ canRetry: true, sentence: expect.stringMatching(/^Never reached the bank/) });
    expect(rule([failed(), failed(), failed(), failed()])).toMatchObject({ canRetry: false, canCancel: true, sentence: expect.stringMatching(/after 3 retries/) });
  });

  it('outside needs_attention: a pending transfer at Plaid may be cancelled, a finished one nothing', () => {
    expect(supportRule({ status: 'pending', direction: 'debit', attempts: [{ ...failed(), status: 'pending', plaidTransferId: 'pt' }], today: '2025-02-01' })).toMatchObject({ canRetry: false, canCancel: true });
    expect(supportRule({ status: 'completed', direction: 'debit', attempts: [], today: '2025-02-01' })).toEqual({ canRetry: false, canCancel: false, sentence: 'Nothing to do: the transfer is completed.' });
  });

  it('words every refusal code of retryDecision', () => {
    const d = retryDecision({ direction: 'debit', outcome: 'returned', returnCode: 'R01', priorRepresentments: 0, originalSettlementDate: null, today: '2025-02-01' });
    expect(supportRuleSentence(d, '2025-02-01')).toMatch(/settlement date is unknown/);
  });

  it('writes short dates', () => {
    expect(shortDate('2025-01-12', '2025-03-01')).toBe('12 Jan');
    expect(shortDate('2026-01-12', '2025-03-01')).toBe('12 Jan 2026');
  });
});
