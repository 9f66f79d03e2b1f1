import { reachesDebitPause, returnRateReport } from './return-rates';

describe('reachesDebitPause', () => {
  it('pauses at exactly 0.4% unauthorized returns, not just below', () => {
    expect(reachesDebitPause(returnRateReport(1000, ['R10', 'R05', 'R07', 'R29']))).toBe(true); // 4 / 1000 = 0.4%
    expect(reachesDebitPause(returnRateReport(1001, ['R10', 'R05', 'R07', 'R29']))).toBe(false); // 0.3996%
  });

  it('counts only unauthorized codes, and never pauses without entries', () => {
    expect(reachesDebitPause(returnRateReport(100, ['R01', 'R01', 'R02', 'R03']))).toBe(false);
    expect(reachesDebitPause(returnRateReport(0, []))).toBe(false);
    expect(reachesDebitPause(returnRateReport(200, ['R11']))).toBe(true); // 0.5%
  });
});
