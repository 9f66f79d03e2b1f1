import { DEFAULT_UNDERWRITING_POLICY, UNDERWRITING_MODEL_VERSION, UnderwritingPolicy, maxTierLimitCents } from './policy';
import { REASON_PRIORITY } from './reasons';
import { FIXTURE_ACCOUNT_ID, ScenarioName, buildHistory, identities, scenarios } from './test-fixtures';
import type { BankHistory, UnderwritingDecision, UnderwritingInput } from './types';
import { deriveFeatures, lookbackStart, underwrite } from './underwrite';

const codes = (d: UnderwritingDecision) => d.reasons.map((r) => r.code);
const decide = (name: ScenarioName, extra: Partial<UnderwritingInput> = {}) => underwrite({ history: scenarios[name](), ...extra });

describe('the scenarios land where a person would expect', () => {
  it('steady biweekly earner: approved at the top tier, no reasons, next payday two weeks after the last', () => {
    const d = decide('steadyBiweekly', { identity: identities.matched });
    expect(d).toMatchObject({ approved: true, limitCents: 50_000, reasons: [], nextPayday: '2025-07-11' });
    expect(d.income).toMatchObject({ cadence: 'biweekly', source: 'ACME CORP PAYROLL', confidence: 1 });
    expect(d.income.amountCents).toBeGreaterThan(160_000);
    expect(d.features.identity).toBe('matched');
    expect(d.features.incomeStability).toBe('stable');
  });

  it.each([
    ['semimonthly', 'semimonthly', '2025-07-15'],
    ['semimonthlyFirstAndFifteenth', 'semimonthly', '2025-07-01'],
    ['monthly', 'monthly', '2025-07-31'],
    ['weekly', 'weekly', '2025-07-04'],
  ] as const)('%s earner: approved, cadence %s, next payday %s', (name, cadence, payday) => {
    const d = decide(name);
    expect(d.approved).toBe(true);
    expect(d.limitCents).toBe(50_000);
    expect(d.income.cadence).toBe(cadence);
    expect(d.nextPayday).toBe(payday);
  });

  it('no income: declined, NO_RECURRING_INCOME', () => {
    const d = decide('noIncome');
    expect(d).toMatchObject({ approved: false, limitCents: 0, nextPayday: null });
    expect(codes(d)).toEqual(['NO_RECURRING_INCOME']);
    expect(d.income).toEqual({ cadence: 'none', amountCents: 0, monthlyAmountCents: 0, source: null, confidence: 0, depositDates: [] });
  });

  it('occasional overdrafts: approved but capped, FREQUENT_OVERDRAFTS', () => {
    const d = decide('occasionalOverdrafter');
    expect(d.features.overdraftIncidents90).toBeGreaterThanOrEqual(2);
    expect(d.features.overdraftIncidents90).toBeLessThan(4);
    expect(d).toMatchObject({ approved: true, limitCents: 10_000 });
    expect(codes(d)).toContain('FREQUENT_OVERDRAFTS');
    expect(d.reasons[0].message).toMatch(/overdrawn or charged overdraft\/NSF fees \d times in the last 90 days/);
  });

  it('repeated overdrafts: declined, FREQUENT_OVERDRAFTS', () => {
    const d = decide('chronicOverdrafter');
    expect(d.features.overdraftIncidents90).toBeGreaterThanOrEqual(4);
    expect(d.approved).toBe(false);
    expect(codes(d)).toContain('FREQUENT_OVERDRAFTS');
  });

  it('gig worker with irregular income: a small limit, IRREGULAR_INCOME', () => {
    const d = decide('gigWorker');
    expect(d).toMatchObject({ approved: true, limitCents: 10_000 });
    expect(codes(d)).toEqual(['IRREGULAR_INCOME']);
    expect(d.income.cadence).toBe('irregular');
    expect(d.features.incomeStability).toBe('irregular');
    expect(d.nextPayday).not.toBeNull();
    expect(d.reasons[0].message).toMatch(/irregular times or in varying amounts, which limits/);
  });

  it('identity mismatch: declined, IDENTITY_MISMATCH, even with a perfect bank history', () => {
    const d = decide('steadyBiweekly', { identity: identities.mismatch });
    expect(d).toMatchObject({ approved: false, limitCents: 0 });
    expect(codes(d)).toEqual(['IDENTITY_MISMATCH']);
  });

  it('lost job: declined, NO_RECENT_INCOME with the last date seen', () => {
    const d = decide('lostJob');
    expect(codes(d)).toEqual(['NO_RECENT_INCOME']);
    expect(d.reasons[0].message).toContain('2025-05-16');
  });

  it('new account: declined, ACCOUNT_TOO_NEW with the numbers', () => {
    const d = decide('newAccount');
    expect(codes(d)).toEqual(['ACCOUNT_TOO_NEW']);
    expect(d.reasons[0].message).toBe('The linked account has 35 days of history; we need at least 60.');
  });

  it('low but steady income: the lowest tier, INSUFFICIENT_INCOME (for a higher limit)', () => {
    const d = decide('lowIncome');
    expect(d).toMatchObject({ approved: true, limitCents: 10_000 });
    expect(codes(d)).toEqual(['INSUFFICIENT_INCOME']);
    expect(d.reasons[0].message).toMatch(/about \$1,126\.67 a month\) are below what we need for a higher limit/);
  });
});

describe('invariants over every scenario', () => {
  const names = Object.keys(scenarios) as ScenarioName[];
  const top = maxTierLimitCents(DEFAULT_UNDERWRITING_POLICY);

  it.each(names)('%s: versions stored, reasons for every decline or reduced limit, limit on a tier', (name) => {
    const d = decide(name);
    expect(d.modelVersion).toBe(UNDERWRITING_MODEL_VERSION);
    expect(d.policyVersion).toBe(DEFAULT_UNDERWRITING_POLICY.version);
    expect(d.asOf).toBe('2025-06-30');
    if (!d.approved) expect(d.limitCents).toBe(0);
    if (d.limitCents < top) expect(d.reasons.length).toBeGreaterThan(0);
    else expect(d.reasons).toEqual([]);
    expect([0, ...DEFAULT_UNDERWRITING_POLICY.tiers.map((t) => t.limitCents)]).toContain(d.limitCents);
    for (const r of d.reasons) {
      expect(REASON_PRIORITY).toContain(r.code);
      expect(r.message.length).toBeGreaterThan(20);
    }
    // Sorted by priority, no duplicates.
    const idx = d.reasons.map((r) => REASON_PRIORITY.indexOf(r.code));
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(new Set(idx).size).toBe(idx.length);
  });

  it.each(names)('%s: deterministic and plain JSON (safe to store and to replay)', (name) => {
    const a = decide(name);
    const b = decide(name);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe('knock-outs', () => {
  const steady = () => scenarios.steadyBiweekly();

  it('consumer report: decline flags decline, cap flags cap, scores only when the policy asks', () => {
    const flagged = underwrite({ history: steady(), consumerReport: { provider: 'Experian', flags: ['fraud_alert'] } });
    expect(codes(flagged)).toEqual(['CONSUMER_REPORT_FLAG']);
    expect(flagged.reasons[0].message).toContain('from Experian');
    expect(flagged.approved).toBe(false);

    const capped = underwrite({ history: steady(), consumerReport: { provider: 'Experian', flags: ['UNPAID_CASH_ADVANCE'] } });
    expect(capped).toMatchObject({ approved: true, limitCents: 10_000 });
    expect(codes(capped)).toEqual(['CONSUMER_REPORT_FLAG']);
    expect(capped.reasons[0].message).toContain('limits the advance');

    const lowScore = { provider: 'Experian', score: 480, flags: [] };
    expect(underwrite({ history: steady(), consumerReport: lowScore }).approved).toBe(true);
    const strict: UnderwritingPolicy = { ...DEFAULT_UNDERWRITING_POLICY, version: 'strict', consumerReport: { ...DEFAULT_UNDERWRITING_POLICY.consumerReport, minScore: 550 } };
    expect(codes(underwrite({ history: steady(), consumerReport: lowScore }, strict))).toEqual(['CONSUMER_REPORT_SCORE']);
    expect(underwrite({ history: steady(), consumerReport: { ...lowScore, score: null } }, strict).approved).toBe(true);
    expect(underwrite({ history: steady(), consumerReport: { provider: 'Experian', flags: ['SOMETHING_NEW'] } }).approved).toBe(true);
  });

  it('identity: unverified declines only when the policy requires a check', () => {
    const required: UnderwritingPolicy = { ...DEFAULT_UNDERWRITING_POLICY, version: 'id-required', identity: { required: true, minScore: 70 } };
    expect(codes(underwrite({ history: steady() }, required))).toEqual(['IDENTITY_UNVERIFIED']);
    expect(underwrite({ history: steady() }).approved).toBe(true);
    expect(underwrite({ history: steady(), identity: { nameMatch: null, emailMatch: true } }).approved).toBe(true);
    expect(codes(underwrite({ history: steady(), identity: { nameMatch: null, emailMatch: true } }, required))).toEqual(['IDENTITY_UNVERIFIED']);
    expect(underwrite({ history: steady(), identity: identities.matched }, required).approved).toBe(true);
  });

  it('no checking account: declined NO_CHECKING_ACCOUNT', () => {
    const h = steady();
    const onlyCard: BankHistory = { ...h, accounts: [{ account_id: 'card', type: 'credit', subtype: 'credit card', balances: { currentCents: 0, availableCents: 100 } }] };
    expect(codes(underwrite({ history: onlyCard }))).toEqual(['NO_CHECKING_ACCOUNT']);
    expect(codes(underwrite({ history: { ...h, primaryAccountId: 'nope' } }))).toEqual(['NO_CHECKING_ACCOUNT']);
  });

  it('balance unavailable: declined BALANCE_UNAVAILABLE', () => {
    const h = steady();
    const accounts = h.accounts.map((a) => (a.account_id === FIXTURE_ACCOUNT_ID ? { ...a, balances: { currentCents: null, availableCents: null } } : a));
    const d = underwrite({ history: { ...h, accounts } });
    expect(codes(d)).toContain('BALANCE_UNAVAILABLE');
    expect(d.approved).toBe(false);
  });

  it('available balance is used when current is missing', () => {
    const h = steady();
    const accounts = h.accounts.map((a) => (a.account_id === FIXTURE_ACCOUNT_ID ? { ...a, balances: { currentCents: null, availableCents: a.balances.currentCents } } : a));
    expect(underwrite({ history: { ...h, accounts } }).approved).toBe(true);
  });

  it('an empty history: INSUFFICIENT_HISTORY, ACCOUNT_TOO_NEW, NO_RECURRING_INCOME', () => {
    const h: BankHistory = { ...steady(), transactions: [] };
    expect(codes(underwrite({ history: h }))).toEqual(['INSUFFICIENT_HISTORY', 'ACCOUNT_TOO_NEW', 'NO_RECURRING_INCOME']);
  });

  it('income too low for any tier: declined INSUFFICIENT_INCOME', () => {
    const h = buildHistory({
      seed: 3,
      openingBalanceCents: 50_000,
      income: [{ name: 'PART TIME PAYROLL', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 30_000 }],
      dailySpendCents: 800,
    });
    const d = underwrite({ history: h });
    expect(codes(d)).toEqual(['INSUFFICIENT_INCOME']);
    expect(d.reasons[0].message).not.toContain('higher limit');
  });

  it('negative average balance: declined LOW_AVERAGE_BALANCE', () => {
    const h = buildHistory({
      seed: 4,
      openingBalanceCents: -400_000,
      income: [{ name: 'ACME CORP PAYROLL', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 165_000 }],
      bills: [{ name: 'RENT', amountCents: 120_000, dayOfMonth: 1 }],
      dailySpendCents: 6_000,
    });
    const d = underwrite({ history: h });
    expect(d.features.averageDailyBalance30Cents).toBeLessThan(0);
    expect(codes(d)).toContain('LOW_AVERAGE_BALANCE');
    expect(d.approved).toBe(false);
  });
});

describe('sizing', () => {
  it('a thin average balance lowers the tier with LOW_AVERAGE_BALANCE', () => {
    // Good pay, but nearly all of it is swept to savings the day after payday.
    const sweep = { name: 'TRANSFER TO SAVINGS', amountCents: 165_000, category: { primary: 'TRANSFER_OUT', detailed: 'TRANSFER_OUT_SAVINGS' } };
    const h = buildHistory({
      seed: 6,
      openingBalanceCents: 15_000,
      income: [{ name: 'GLOBEX CORP PAYROLL', cadence: 'semimonthly', semimonthlyDays: 'fifteenth_and_last', amountCents: 170_000 }],
      bills: [
        { ...sweep, dayOfMonth: 1 },
        { ...sweep, dayOfMonth: 16 },
      ],
      dailySpendCents: 400,
    });
    const d = underwrite({ history: h });
    expect(d.features.monthlyIncomeCents).toBeGreaterThanOrEqual(300_000);
    expect(d.features.overdraftIncidents90).toBe(0);
    expect(d.approved).toBe(true);
    expect(d.limitCents).toBe(30_000);
    expect(codes(d)).toEqual(['LOW_AVERAGE_BALANCE']);
    expect(d.reasons[0].message).toContain('for a higher limit');
  });

  it('callers can override the policy, and the decision says which policy it used', () => {
    const generous: UnderwritingPolicy = {
      ...DEFAULT_UNDERWRITING_POLICY,
      version: 'generous-1',
      minAccountAgeDays: 30,
      tiers: [...DEFAULT_UNDERWRITING_POLICY.tiers, { limitCents: 75_000, minMonthlyIncomeCents: 350_000, minAverageDailyBalance30Cents: 100_000 }],
    };
    const d = underwrite({ history: scenarios.newAccount() }, generous);
    expect(d.policyVersion).toBe('generous-1');
    expect(d.approved).toBe(true);
    const top = underwrite({ history: scenarios.steadyBiweekly() }, generous);
    expect(top.limitCents).toBe(75_000);
    expect(top.reasons).toEqual([]);
  });

  it('advances from other apps (stacking) cap the limit, OTHER_CASH_ADVANCES', () => {
    const h = buildHistory({
      seed: 11,
      openingBalanceCents: 120_000,
      income: [
        { name: 'ACME CORP PAYROLL PPD ID: {n}', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 165_000 },
        // An earned-wage app advancing $100 two days before each payday.
        { name: 'EARNIN ACTIVEHOURS', cadence: 'biweekly', anchor: '2025-06-25', amountCents: 10_000, category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS' } },
      ],
      bills: [{ name: 'RENT', amountCents: 120_000, dayOfMonth: 1 }],
      dailySpendCents: 6_000,
    });
    const d = underwrite({ history: h });
    expect(d.features.otherCashAdvanceDeposits90).toBeGreaterThanOrEqual(6);
    expect(d.income.source).toBe('ACME CORP PAYROLL'); // the app's deposits are not income
    expect(d.features.incomeStreams).toHaveLength(1);
    expect(d).toMatchObject({ approved: true, limitCents: 10_000 });
    expect(codes(d)).toEqual(['OTHER_CASH_ADVANCES']);
    expect(d.reasons[0].message).toMatch(/received \d+ advances or loans from other apps/);
  });

  it('irregular and overdraft caps bind together when equal', () => {
    const h = buildHistory({
      seed: 16,
      openingBalanceCents: 60_000,
      income: [{ name: 'UBER PAYOUT {n}', merchantName: 'Uber', cadence: 'irregular', dailyChance: 0.5, amountCents: 12_000, jitterCents: 8_000 }],
      bills: [{ name: 'RENT', amountCents: 70_000, dayOfMonth: 1 }],
      dailySpendCents: 1_000,
      oneOffs: [
        { date: '2025-05-02', name: 'TOW TRUCK', amountCents: 150_000 },
        { date: '2025-06-10', name: 'DENTIST', amountCents: 150_000 },
      ],
      overdraftFeeCents: 3_500,
    });
    const d = underwrite({ history: h });
    expect(d.features.overdraftIncidents90).toBeGreaterThanOrEqual(2);
    expect(d.features.overdraftIncidents90).toBeLessThan(4);
    expect(d.limitCents).toBe(10_000);
    expect(codes(d)).toEqual(['IRREGULAR_INCOME', 'FREQUENT_OVERDRAFTS']);
  });
});

describe('deriveFeatures', () => {
  it('reports what it saw on the steady earner', () => {
    const { features, mainStream } = deriveFeatures({ history: scenarios.steadyBiweekly() });
    expect(features).toMatchObject({
      primaryAccountId: FIXTURE_ACCOUNT_ID,
      primaryAccountSubtype: 'checking',
      accountAgeDays: 90,
      observedDays: 90,
      negativeBalanceDays90: 0,
      overdraftIncidents90: 0,
      identity: 'not_checked',
      consumerReportProvider: null,
    });
    // The pending coffee is in `available` only.
    expect(features.availableBalanceCents).toBe((features.currentBalanceCents ?? 0) - 645);
    expect(features.totalDeposits90Cents).toBeGreaterThan(1_000_000);
    expect(mainStream?.source).toBe('ACME CORP PAYROLL');
    expect(features.lastIncomeDate).toBe('2025-06-27');
  });

  it('lookbackStart', () => {
    expect(lookbackStart('2025-06-30')).toBe('2025-04-02');
  });
});
