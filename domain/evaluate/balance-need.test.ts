import { BalanceNeedPolicy, DEFAULT_BALANCE_NEED_POLICY, decideOnKeptBalance, KeptBalance } from './balance-need';
import { DEFAULT_EVALUATE_POLICY } from './policy';
import { decide, EvaluateInput } from './rules';

// Default threshold $50. History: largest day $40 of outflows, largest single outflow $25, 30 days.
const kept = (availableCents: number | null, patch: Partial<KeptBalance> = {}): KeptBalance => ({
  availableCents,
  currentCents: availableCents,
  ageHours: 2,
  spend: { largestDayCents: 4_000, largestOutflowCents: 2_500, historyDays: 30 },
  ...patch,
});

function idle(overrides: Partial<EvaluateInput> = {}): EvaluateInput {
  return {
    today: '2025-07-01',
    account: { status: 'active', bankLink: 'ok', approved: true, limitCents: 50_000, thresholdCents: null },
    balance: null,
    transferInFlight: null,
    advance: null,
    income: { cadence: 'biweekly', depositDates: ['2025-06-13', '2025-06-27'], expectedPayday: '2025-07-11' },
    ...overrides,
  };
}

const HOURLY = 1;

describe('balanceNeed: when a kept balance may stand in for a real-time one', () => {
  it('far above the threshold: the kept balance decides "nothing", no billable call', () => {
    const { decision, need } = decideOnKeptBalance(idle(), kept(100_000), HOURLY);
    expect(decision.reason).toBe('BALANCE_ABOVE_THRESHOLD');
    expect(need).toMatchObject({ realTime: false, reason: 'kept-clear-of-threshold', headroomCents: 95_000 });
    // 3 hours of the largest day is $5, less than the largest single outflow: that one counts.
    expect(need.expectedSpendCents).toBe(2_500);
  });

  it('near the threshold (headroom below what could be spent before the next sweep): real-time', () => {
    // $60 kept, $50 threshold: $10 of room, $25 could leave in one payment.
    expect(decideOnKeptBalance(idle(), kept(6_000), HOURLY).need).toMatchObject({ realTime: true, reason: 'near-threshold', headroomCents: 1_000, expectedSpendCents: 2_500 });
  });

  it('the window counts from when the balance was read: an old kept balance needs more room', () => {
    // 46 h old + 1 h to the next sweep = 47 h of a $40 day = $78.34; $75 of room is not enough.
    expect(decideOnKeptBalance(idle(), kept(12_500, { ageHours: 46 }), HOURLY).need).toMatchObject({ realTime: true, reason: 'near-threshold', expectedSpendCents: 7_834 });
    expect(decideOnKeptBalance(idle(), kept(12_500, { ageHours: 2 }), HOURLY).need.realTime).toBe(false);
  });

  it('exactly the expected spend of room is enough; one cent less is not', () => {
    expect(decideOnKeptBalance(idle(), kept(7_500), HOURLY).need).toMatchObject({ realTime: false, headroomCents: 2_500 });
    expect(decideOnKeptBalance(idle(), kept(7_499), HOURLY).need).toMatchObject({ realTime: true, headroomCents: 2_499 });
  });

  it('below the threshold on the kept balance: money may move, so always real-time first', () => {
    const { decision, need } = decideOnKeptBalance(idle(), kept(1_000), HOURLY);
    expect(decision.action).toBe('advance');
    expect(need).toMatchObject({ realTime: true, reason: 'money-may-move' });
  });

  it('no kept balance, too old, or too little history: real-time', () => {
    expect(decideOnKeptBalance(idle(), null, HOURLY).need.reason).toBe('no-kept-balance');
    expect(decideOnKeptBalance(idle(), kept(null), HOURLY).need.reason).toBe('no-kept-balance');
    expect(decideOnKeptBalance(idle(), kept(1_000_000, { ageHours: 49 }), HOURLY).need.reason).toBe('kept-too-old');
    expect(decideOnKeptBalance(idle(), kept(1_000_000, { spend: { largestDayCents: 0, largestOutflowCents: 0, historyDays: 3 } }), HOURLY).need.reason).toBe('short-history');
    expect(decideOnKeptBalance(idle(), kept(1_000_000, { ageHours: Number.NaN }), HOURLY).need.reason).toBe('kept-too-old');
  });

  it('a verdict that never looks at the balance needs none, kept or real-time', () => {
    for (const input of [
      idle({ account: { ...idle().account, status: 'suspended' } }),
      idle({ account: { ...idle().account, approved: false } }),
      idle({ transferInFlight: { kind: 'advance' } }),
      // Repayment not due for ten days.
      idle({ advance: { outstandingCents: 10_000, disbursedOn: '2025-06-30' } }),
    ]) {
      expect(decideOnKeptBalance(input, null, HOURLY).need).toMatchObject({ realTime: false, reason: 'balance-not-used' });
    }
  });

  it('when the balance decides a repayment, a kept balance never stands in (the pay may have landed)', () => {
    const due = idle({
      today: '2025-07-11',
      advance: { outstandingCents: 10_000, disbursedOn: '2025-07-01' },
      income: { cadence: 'biweekly', depositDates: ['2025-06-13', '2025-06-27', '2025-07-11'], expectedPayday: '2025-07-11' },
      repaymentNotice: { sentOn: '2025-07-08', amountCents: 10_000, scheduledFor: '2025-07-11' },
    });
    expect(decideOnKeptBalance(due, kept(5_000), HOURLY)).toMatchObject({ decision: { reason: 'INSUFFICIENT_FUNDS_FOR_REPAYMENT' }, need: { realTime: true, reason: 'balance-decides-repayment' } });
    expect(decideOnKeptBalance(due, kept(500_000), HOURLY)).toMatchObject({ decision: { action: 'repay' }, need: { realTime: true, reason: 'money-may-move' } });
  });

  it('whenever the kept balance stands, the decision is the one a real-time balance of the same value gives', () => {
    const input = idle({ account: { ...idle().account, thresholdCents: 20_000 } });
    const { decision, need } = decideOnKeptBalance(input, kept(60_000), HOURLY);
    expect(need.realTime).toBe(false);
    expect(decision).toEqual(decide({ ...input, balance: { availableCents: 60_000, currentCents: 60_000 } }, DEFAULT_EVALUATE_POLICY));
  });

  it('the policy is data: a stricter one trusts less', () => {
    const strict: BalanceNeedPolicy = { ...DEFAULT_BALANCE_NEED_POLICY, version: 'strict', maxKeptAgeHours: 1 };
    expect(decideOnKeptBalance(idle(), kept(100_000), HOURLY, DEFAULT_EVALUATE_POLICY, strict).need).toMatchObject({ realTime: true, reason: 'kept-too-old', version: 'strict' });
  });
});
