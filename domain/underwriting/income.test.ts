import { addDays } from '../dates';
import { detectIncomeStreams, incomeStabilityOf } from './income';
import { DEFAULT_UNDERWRITING_POLICY } from './policy';
import { FIXTURE_AS_OF, scenarios } from './test-fixtures';
import type { BankHistory, BankTransaction, IncomeStream } from './types';

const policy = DEFAULT_UNDERWRITING_POLICY.income;
const asOf = FIXTURE_AS_OF; // 2025-06-30, a Monday

function streamsOf(history: BankHistory): IncomeStream[] {
  return detectIncomeStreams(history.transactions, { asOf: history.asOf, lookbackDays: 90, observedDays: 90, policy });
}

let n = 0;
function deposits(dates: string[], amountCents: number | number[], name = 'ACME CORP PAYROLL PPD ID: 1', extra: Partial<BankTransaction> = {}): BankTransaction[] {
  return dates.map((date, i) => ({
    transaction_id: `d${++n}`,
    account_id: 'a',
    amountCents: -(Array.isArray(amountCents) ? amountCents[i] : amountCents),
    date,
    name,
    pending: false,
    personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
    ...extra,
  }));
}
const detect = (txs: BankTransaction[], on = asOf) => detectIncomeStreams(txs, { asOf: on, lookbackDays: 90, observedDays: 90, policy });
const every = (start: string, step: number, count: number) => Array.from({ length: count }, (_, i) => addDays(start, i * step));

describe('cadence detection on the fixture scenarios', () => {
  it.each([
    ['steadyBiweekly', 'biweekly', 'ACME CORP PAYROLL'],
    ['semimonthly', 'semimonthly', 'GLOBEX CORP'],
    ['semimonthlyFirstAndFifteenth', 'semimonthly', 'HOOLI PAYROLL'],
    ['monthly', 'monthly', 'COUNTY OF SPRINGFIELD PAYROLL'],
    ['weekly', 'weekly', 'INITECH LOGISTICS PAYROLL'],
    ['lowIncome', 'biweekly', 'CORNER CAFE PAYROLL'],
  ] as const)('%s is %s from %s', (scenario, cadence, source) => {
    const [main] = streamsOf(scenarios[scenario]());
    expect(main).toMatchObject({ cadence, source, kind: 'payroll', active: true, labeledAsIncome: true });
    expect(main.confidence).toBeGreaterThanOrEqual(0.9);
    expect(main.scheduleCoverage).toBe(1);
  });

  it('gig worker: two irregular streams, each counted per month', () => {
    const streams = streamsOf(scenarios.gigWorker());
    expect(streams.map((s) => [s.source, s.cadence, s.kind])).toEqual([
      ['UBER', 'irregular', 'gig'],
      ['DOORDASH', 'irregular', 'gig'],
    ]);
    const uber = streams[0];
    const total = scenarios
      .gigWorker()
      .transactions.filter((t) => t.merchant_name === 'Uber')
      .reduce((s, t) => s - t.amountCents, 0);
    expect(uber.monthlyAmountCents).toBe(Math.round((total * 30) / 90));
    expect(uber.confidence).toBeLessThanOrEqual(0.5);
  });

  it('no income: savings transfers and a few Venmo cash-outs are not income', () => {
    expect(streamsOf(scenarios.noIncome())).toEqual([]);
  });

  it('lost job: the stream is found but inactive', () => {
    const [s] = streamsOf(scenarios.lostJob());
    expect(s).toMatchObject({ cadence: 'biweekly', active: false, lastDepositDate: '2025-05-16' });
  });
});

describe('cadence detection on exact calendars', () => {
  it('biweekly is not mistaken for semimonthly (and vice versa)', () => {
    expect(detect(deposits(every('2025-04-11', 14, 6), 150_000))[0].cadence).toBe('biweekly');
    const semi = ['2025-04-15', '2025-04-30', '2025-05-15', '2025-05-30', '2025-06-13', '2025-06-30'];
    expect(detect(deposits(semi, 150_000))[0].cadence).toBe('semimonthly');
  });

  it('weekly is not mistaken for biweekly, nor biweekly for weekly', () => {
    expect(detect(deposits(every('2025-04-04', 7, 13), 80_000))[0].cadence).toBe('weekly');
    expect(detect(deposits(every('2025-04-04', 14, 7), 80_000))[0].cadence).toBe('biweekly');
  });

  it('tolerates a holiday-shifted payday and a missing one', () => {
    const dates = every('2025-04-04', 14, 7);
    dates[3] = addDays(dates[3], -1); // paid a day early
    const [s] = detect(deposits(dates, 150_000));
    expect(s.cadence).toBe('biweekly');
    const missing = every('2025-04-04', 14, 7).filter((_, i) => i !== 2);
    const [m] = detect(deposits(missing, 150_000));
    expect(m.cadence).toBe('biweekly');
    expect(m.scheduleCoverage).toBeLessThan(1);
    expect(m.confidence).toBeLessThan(1);
  });

  it('merges a paycheck split in two deposits on the same day', () => {
    const dates = every('2025-04-11', 14, 6);
    const txs = [...deposits(dates, 100_000), ...deposits(dates, 50_000)];
    const [s] = detect(txs);
    expect(s).toMatchObject({ cadence: 'biweekly', amountCents: 150_000, depositCount: 6 });
  });

  it('an extra bonus deposit does not break the cadence nor the typical amount', () => {
    const dates = every('2025-04-04', 14, 7);
    const txs = [...deposits(dates, 150_000), ...deposits(['2025-05-07'], 300_000)];
    const [s] = detect(txs);
    expect(s).toMatchObject({ cadence: 'biweekly', amountCents: 150_000, amountCv: 0 });
  });

  it('monthly needs only two deposits, with less confidence', () => {
    const [two] = detect(deposits(['2025-05-30', '2025-06-30'], 300_000));
    expect(two.cadence).toBe('monthly');
    expect(two.confidence).toBeLessThan(0.7);
  });

  it('too few deposits are no cadence, and unlabelled ones are not irregular income either', () => {
    expect(detect(deposits(['2025-06-13', '2025-06-27'], 150_000, 'ACME'))).toEqual([]);
    const randomDays = ['2025-04-03', '2025-04-09', '2025-04-27', '2025-05-02', '2025-05-19', '2025-06-07', '2025-06-21'];
    expect(detect(deposits(randomDays, 5_000, 'ZELLE FROM JOHN', { personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_DEPOSIT' } }))).toEqual([]);
    expect(detect(deposits(randomDays, 5_000, 'FREELANCE CLIENT LLC'))[0].cadence).toBe('irregular');
  });

  it('a regular stream the bank does not call income counts, with less confidence', () => {
    const txs = deposits(every('2025-04-04', 14, 7), 60_000, 'ZELLE FROM JOHN', { personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_DEPOSIT' } });
    const [s] = detect(txs);
    expect(s).toMatchObject({ cadence: 'biweekly', labeledAsIncome: false, kind: 'other' });
    expect(s.confidence).toBeCloseTo(0.85, 5);
  });

  it('our own advances are never income', () => {
    expect(detect(deposits(every('2025-04-04', 14, 7), 10_000, 'TIMELY ADVANCE', { personal_finance_category: null }))).toEqual([]);
  });

  it('estimates monthly amounts per cadence', () => {
    expect(detect(deposits(every('2025-04-04', 7, 13), 80_000))[0].monthlyAmountCents).toBe(346_667); // x52/12
    expect(detect(deposits(every('2025-04-04', 14, 7), 150_000))[0].monthlyAmountCents).toBe(325_000); // x26/12
  });

  it('ignores deposits outside the lookback window and after asOf', () => {
    const txs = deposits([...every('2025-01-03', 14, 5), '2025-07-11'], 150_000);
    expect(detect(txs)).toEqual([]);
  });
});

describe('incomeStabilityOf', () => {
  const base = detect(deposits(every('2025-04-04', 14, 7), 150_000))[0];
  it.each([
    [0, 'stable'],
    [0.15, 'stable'],
    [0.2, 'variable'],
    [0.35, 'variable'],
    [0.5, 'irregular'],
  ] as const)('cv %p -> %s', (amountCv, stability) => {
    expect(incomeStabilityOf({ ...base, amountCv }, policy)).toBe(stability);
  });
  it('irregular cadence and none', () => {
    expect(incomeStabilityOf({ ...base, cadence: 'irregular' }, policy)).toBe('irregular');
    expect(incomeStabilityOf(null, policy)).toBe('none');
  });
});
