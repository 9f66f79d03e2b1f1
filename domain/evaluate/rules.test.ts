import { DEFAULT_EVALUATE_POLICY, EVALUATE_RULE_VERSION, EvaluatePolicy } from './policy';
import { EvaluateInput, decide, effectiveThreshold, nextPayday, repaymentDueDate } from './rules';

// Biweekly Friday paydays; 2025-07-11 is the first payday after an advance on 2025-07-01.
const PAYDAYS = ['2025-05-30', '2025-06-13', '2025-06-27'];

/** An approved, active account with nothing outstanding, balance comfortably above the threshold. */
function idle(overrides: Partial<EvaluateInput> = {}): EvaluateInput {
  return {
    today: '2025-07-01',
    account: { status: 'active', bankLink: 'ok', approved: true, limitCents: 50_000, thresholdCents: null },
    balance: { availableCents: 20_000, currentCents: 21_000 },
    transferInFlight: null,
    advance: null,
    income: { cadence: 'biweekly', depositDates: PAYDAYS, expectedPayday: '2025-07-11' },
    ...overrides,
  };
}

/** $100 outstanding since 07-01, payday 07-11 has come (deposit seen), notice sent 07-08 for 07-11. */
function dueToday(overrides: Partial<EvaluateInput> = {}): EvaluateInput {
  return idle({
    today: '2025-07-11',
    balance: { availableCents: 150_000 },
    advance: { outstandingCents: 10_000, disbursedOn: '2025-07-01' },
    income: { cadence: 'biweekly', depositDates: [...PAYDAYS, '2025-07-11'], expectedPayday: '2025-07-11' },
    repaymentNotice: { sentOn: '2025-07-08', amountCents: 10_000, scheduledFor: '2025-07-11' },
    ...overrides,
  });
}

const withBalance = (availableCents: number | null, base = idle()) => ({ ...base, balance: { availableCents } });
const withAccount = (patch: Partial<EvaluateInput['account']>, base = idle()) => ({ ...base, account: { ...base.account, ...patch } });

describe('gates: nothing moves, with the reason', () => {
  it.each([
    ['closed account', withAccount({ status: 'closed' }), 'ACCOUNT_CLOSED'],
    ['suspended account', withAccount({ status: 'suspended' }), 'ACCOUNT_SUSPENDED'],
    ['login required', withAccount({ bankLink: 'login_required' }), 'BANK_LOGIN_REQUIRED'],
    ['disconnected', withAccount({ bankLink: 'disconnected' }), 'BANK_DISCONNECTED'],
    ['advance in flight', idle({ transferInFlight: { kind: 'advance' } }), 'ADVANCE_IN_FLIGHT'],
    ['repayment in flight', idle({ transferInFlight: { kind: 'repayment' } }), 'REPAYMENT_IN_FLIGHT'],
  ] as const)('%s -> %s, for advances', (_label, input, reason) => {
    expect(decide(withBalance(0, input))).toMatchObject({ action: 'none', reason });
  });

  it.each([
    ['suspended', withAccount({ status: 'suspended' }, dueToday()), 'ACCOUNT_SUSPENDED'],
    ['login required', withAccount({ bankLink: 'login_required' }, dueToday()), 'BANK_LOGIN_REQUIRED'],
    ['repayment in flight', dueToday({ transferInFlight: { kind: 'repayment' } }), 'REPAYMENT_IN_FLIGHT'],
  ] as const)('%s -> %s, for repayments too', (_label, input, reason) => {
    expect(decide(input)).toMatchObject({ action: 'none', reason });
  });
});

describe('advance', () => {
  it.each([
    // available, expected amount: threshold $50 by default, rounded up to whole dollars, min $25
    [3_000, 2_500], // needs $20 -> minimum $25
    [1_000, 4_000], // needs exactly $40
    [1_001, 4_000], // needs $39.99 -> $40
    [999, 4_100], // needs $40.01 -> $41
    [0, 5_000],
    [-2_550, 7_600], // overdrawn $25.50: needs $75.50 -> $76
    [4_999, 2_500], // a cent short -> minimum
  ])('available %p cents -> advance %p cents', (available, amount) => {
    const d = decide(withBalance(available));
    expect(d).toMatchObject({ action: 'advance', reason: 'BALANCE_BELOW_THRESHOLD', amountCents: amount });
    expect(d.details).toMatchObject({ thresholdCents: 5_000, thresholdSource: 'default', availableCents: available });
  });

  it('at or above the threshold: nothing', () => {
    expect(decide(withBalance(5_000))).toMatchObject({ action: 'none', reason: 'BALANCE_ABOVE_THRESHOLD' });
    expect(decide(withBalance(90_000))).toMatchObject({ action: 'none', reason: 'BALANCE_ABOVE_THRESHOLD' });
  });

  it('never above the limit, rounded down to whole dollars', () => {
    const d = decide(withBalance(-60_000, withAccount({ limitCents: 50_000 })));
    expect(d).toMatchObject({ action: 'advance', amountCents: 50_000 });
    expect(d.message).toContain('capped at the $500.00 limit');
    expect(decide(withBalance(-60_000, withAccount({ limitCents: 10_050 })))).toMatchObject({ amountCents: 10_000 });
  });

  it("uses the customer's threshold within bounds", () => {
    const custom = withAccount({ thresholdCents: 20_000 });
    expect(decide(withBalance(15_000, custom))).toMatchObject({ action: 'advance', amountCents: 5_000, details: { thresholdSource: 'customer' } });
    expect(decide(withBalance(25_000, custom))).toMatchObject({ action: 'none', reason: 'BALANCE_ABOVE_THRESHOLD' });
    // $0 threshold: only an overdrawn account gets an advance.
    const zero = withAccount({ thresholdCents: 0 });
    expect(decide(withBalance(0, zero))).toMatchObject({ action: 'none', reason: 'BALANCE_ABOVE_THRESHOLD' });
    expect(decide(withBalance(-500, zero))).toMatchObject({ action: 'advance', amountCents: 2_500 });
  });

  it('clamps an out-of-bounds threshold', () => {
    expect(effectiveThreshold(100_000)).toEqual({ thresholdCents: 50_000, thresholdSource: 'customer_out_of_bounds' });
    expect(effectiveThreshold(-1)).toEqual({ thresholdCents: 0, thresholdSource: 'customer_out_of_bounds' });
    expect(effectiveThreshold(undefined)).toEqual({ thresholdCents: 5_000, thresholdSource: 'default' });
    expect(() => effectiveThreshold(10.5)).toThrow(RangeError);
  });

  it.each([
    ['not approved', withBalance(0, withAccount({ approved: false })), 'NOT_APPROVED'],
    ['limit zero', withBalance(0, withAccount({ limitCents: 0 })), 'LIMIT_ZERO'],
    ['limit below the minimum advance', withBalance(0, withAccount({ limitCents: 2_499 })), 'LIMIT_BELOW_MINIMUM'],
    ['last advance returned', { ...withBalance(0), lastAdvanceReturn: { on: '2025-06-20', returnCode: 'R03' } }, 'ADVANCE_BLOCKED_BY_RETURN'],
    ['repaid today', { ...withBalance(0), lastRepaidOn: '2025-07-01' }, 'COOLDOWN_AFTER_REPAYMENT'],
    ['no balance', { ...idle(), balance: null }, 'BALANCE_UNAVAILABLE'],
    ['no available nor current', withBalance(null), 'BALANCE_UNAVAILABLE'],
  ] as const)('%s -> %s', (_label, input, reason) => {
    expect(decide(input)).toMatchObject({ action: 'none', reason });
  });

  it('a limit of $25.50 still allows the $25 minimum; the day after a repayment is fine', () => {
    expect(decide(withBalance(0, withAccount({ limitCents: 2_550 })))).toMatchObject({ action: 'advance', amountCents: 2_500 });
    expect(decide({ ...withBalance(0), lastRepaidOn: '2025-06-30' })).toMatchObject({ action: 'advance' });
  });

  it('uses the current balance when the bank gives no available balance', () => {
    expect(decide({ ...idle(), balance: { availableCents: null, currentCents: 1_000 } })).toMatchObject({ action: 'advance', amountCents: 4_000 });
  });

  it('no new advance while one is outstanding, even far below the threshold', () => {
    const d = decide(dueToday({ today: '2025-07-03', balance: { availableCents: -10_000 } }));
    expect(d.action).toBe('none');
    expect(d.reason).toBe('REPAYMENT_NOT_DUE');
  });
});

describe('repayment', () => {
  it('collects on payday when notified and the balance covers amount + buffer', () => {
    const d = decide(dueToday());
    expect(d).toMatchObject({ action: 'repay', reason: 'REPAYMENT_DUE', amountCents: 10_000 });
    expect(d.details).toMatchObject({ outstandingCents: 10_000, dueDate: '2025-07-11', collectFrom: '2025-07-11' });
    expect(d.message).toBe('Collect the repayment of $100.00 due on 2025-07-11.');
  });

  it('a declined (re-underwritten) customer still repays', () => {
    expect(decide(withAccount({ approved: false, limitCents: 0 }, dueToday()))).toMatchObject({ action: 'repay' });
  });

  it('before the notice window: not due', () => {
    const d = decide(dueToday({ today: '2025-07-05', repaymentNotice: null, income: { cadence: 'biweekly', depositDates: PAYDAYS } }));
    expect(d).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOT_DUE', details: { dueDate: '2025-07-11', dueDateSource: 'schedule' } });
    expect(d.notice).toBeUndefined();
  });

  it('asks for the notice from two days before payday, for that payday', () => {
    const d = decide(dueToday({ today: '2025-07-09', repaymentNotice: null, income: { cadence: 'biweekly', depositDates: PAYDAYS } }));
    expect(d).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOTICE_REQUIRED', notice: { amountCents: 10_000, scheduledFor: '2025-07-11' } });
    expect(d.message).toBe('Tell the customer that $100.00 will be collected on 2025-07-11; it can be pulled 2 banking days after the notice.');
  });

  it('a notice missed until payday schedules the pull two banking days out', () => {
    // Friday 07-11: Monday 07-14 is the first banking day after it, Tuesday 07-15 the second.
    expect(decide(dueToday({ repaymentNotice: null })).notice).toEqual({ amountCents: 10_000, scheduledFor: '2025-07-15' });
  });

  it('counts the notice lead in banking days across a Fed holiday, and pulls a holiday payday the next banking day', () => {
    // Payday Tuesday 2025-11-11 is Veterans Day: the pull is Wednesday 11-12, and two banking days
    // before it is Friday 11-07 (the weekend and the holiday do not count).
    const holiday = (today: string) =>
      dueToday({ today, advance: { outstandingCents: 10_000, disbursedOn: '2025-11-01' }, repaymentNotice: null, income: { cadence: 'monthly', depositDates: ['2025-09-11', '2025-10-10'], expectedPayday: '2025-11-11' } });
    expect(decide(holiday('2025-11-06'))).toMatchObject({ reason: 'REPAYMENT_NOT_DUE', details: { dueDate: '2025-11-11' } });
    expect(decide(holiday('2025-11-07'))).toMatchObject({ reason: 'REPAYMENT_NOTICE_REQUIRED', notice: { scheduledFor: '2025-11-12' } });
    const told = holiday('2025-11-11');
    told.repaymentNotice = { sentOn: '2025-11-07', amountCents: 10_000, scheduledFor: '2025-11-12' };
    expect(decide(told)).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOT_DUE', details: { collectFrom: '2025-11-12' } });
    expect(decide({ ...told, today: '2025-11-12', income: { ...told.income, depositDates: [...told.income.depositDates, '2025-11-10'] } })).toMatchObject({ action: 'repay' });
  });

  it.each<[string, { sentOn: string; amountCents: number; scheduledFor: string }, string]>([
    ['for another amount', { sentOn: '2025-07-08', amountCents: 5_000, scheduledFor: '2025-07-11' }, '2025-07-11'],
    ['sent before this advance went out', { sentOn: '2025-06-25', amountCents: 10_000, scheduledFor: '2025-06-27' }, '2025-07-11'],
    ['too old to count', { sentOn: '2025-07-02', amountCents: 10_000, scheduledFor: '2025-07-11' }, '2025-08-08'],
  ])('a notice %s does not count', (_label, notice, today) => {
    expect(decide(dueToday({ repaymentNotice: notice, today }))).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOTICE_REQUIRED' });
  });

  it('waits for the date the customer was told, then for the notice to be old enough', () => {
    const told = dueToday({ repaymentNotice: { sentOn: '2025-07-08', amountCents: 10_000, scheduledFor: '2025-07-14' } });
    expect(decide(told)).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOT_DUE', details: { collectFrom: '2025-07-14' } });
    expect(decide({ ...told, today: '2025-07-14' })).toMatchObject({ action: 'repay' });
    // Told on Thursday 07-10: two banking days later is Monday 07-14, not Saturday.
    const late = dueToday({ repaymentNotice: { sentOn: '2025-07-10', amountCents: 10_000, scheduledFor: '2025-07-11' } });
    expect(decide(late)).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOTICE_TOO_RECENT', details: { collectFrom: '2025-07-14' } });
    expect(decide({ ...late, today: '2025-07-12' })).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOTICE_TOO_RECENT' });
    expect(decide({ ...late, today: '2025-07-14' })).toMatchObject({ action: 'repay' });
  });

  it('never pulls into a foreseeable overdraft: amount + buffer must be available', () => {
    expect(decide(dueToday({ balance: { availableCents: 12_500 } }))).toMatchObject({ action: 'repay' });
    const short = decide(dueToday({ balance: { availableCents: 12_499 } }));
    expect(short).toMatchObject({ action: 'none', reason: 'INSUFFICIENT_FUNDS_FOR_REPAYMENT' });
    expect(short.message).toContain('we wait for the income to arrive');
    expect(decide(dueToday({ balance: { availableCents: null, currentCents: null } }))).toMatchObject({ reason: 'BALANCE_UNAVAILABLE' });
  });

  it('payday passed without the funds: waits, then collects when the next income lands', () => {
    const missed = dueToday({ today: '2025-07-14', balance: { availableCents: 3_000 } });
    const d = decide(missed);
    expect(d).toMatchObject({ action: 'none', reason: 'INSUFFICIENT_FUNDS_FOR_REPAYMENT' });
    expect(d.message).toContain('payday passed without the funds');
    const nextIncome = { ...missed, today: '2025-07-25', balance: { availableCents: 140_000 }, income: { cadence: 'biweekly' as const, depositDates: [...PAYDAYS, '2025-07-11', '2025-07-25'] } };
    expect(decide(nextIncome)).toMatchObject({ action: 'repay', amountCents: 10_000 });
  });

  it('the payday is refreshed from an early deposit', () => {
    const early = dueToday({
      today: '2025-07-10',
      income: { cadence: 'biweekly', depositDates: [...PAYDAYS, '2025-07-10'] },
      repaymentNotice: { sentOn: '2025-07-07', amountCents: 10_000, scheduledFor: '2025-07-10' },
    });
    expect(decide(early)).toMatchObject({ action: 'repay', details: { dueDate: '2025-07-10', dueDateSource: 'income_deposit' } });
  });

  describe('after a returned repayment (Nacha)', () => {
    const returned = (attempt: Partial<NonNullable<EvaluateInput['lastRepaymentAttempt']>> = {}, overrides: Partial<EvaluateInput> = {}) =>
      dueToday({
        today: '2025-07-25',
        income: { cadence: 'biweekly', depositDates: [...PAYDAYS, '2025-07-11', '2025-07-25'] },
        lastRepaymentAttempt: { outcome: 'returned', on: '2025-07-15', returnCode: 'R01', priorRepresentments: 0, originalSettlementDate: '2025-07-14', ...attempt },
        ...overrides,
      });

    it('R01: presented again on the next income, as a RETRY PYMT re-presentment', () => {
      const d = decide(returned());
      expect(d).toMatchObject({ action: 'repay', amountCents: 10_000 });
      expect(d.details.retry).toMatchObject({ allowed: true, representment: true, companyEntryDescription: 'RETRY PYMT', remainingAfterThis: 1 });
      expect(d.message).toContain('RETRY PYMT');
    });

    it('R01: not before new income has arrived since the return', () => {
      const d = decide(returned({}, { today: '2025-07-18', income: { cadence: 'biweekly', depositDates: [...PAYDAYS, '2025-07-11'] } }));
      expect(d).toMatchObject({ action: 'none', reason: 'AWAITING_NEXT_INCOME' });
    });

    it.each([
      [{ priorRepresentments: 2 }, 'MAX_REPRESENTMENTS'],
      [{ returnCode: 'R02' }, 'NEVER_RETRY'],
      [{ returnCode: 'R10' }, 'NEVER_RETRY'],
      [{ returnCode: 'R08' }, 'NEEDS_NEW_AUTHORIZATION'],
      [{ returnCode: 'R07' }, 'NEEDS_NEW_AUTHORIZATION'],
      [{ returnCode: 'R11' }, 'CORRECTION_REQUIRED'],
      [{ originalSettlementDate: '2025-01-01' }, 'WINDOW_EXPIRED'],
    ] as const)('%j -> blocked (%s)', (attempt, code) => {
      const d = decide(returned(attempt));
      expect(d).toMatchObject({ action: 'none', reason: 'REPAYMENT_BLOCKED', details: { retry: { allowed: false, code } } });
      expect(d.message).toMatch(/^The repayment cannot be collected automatically: /);
    });

    it('the notice must still be current for the retry', () => {
      expect(decide(returned({}, { today: '2025-08-22', income: { cadence: 'biweekly', depositDates: [...PAYDAYS, '2025-08-22'] } }))).toMatchObject({
        reason: 'REPAYMENT_NOTICE_REQUIRED',
      });
    });
  });

  it('after a failure (never presented): tried again from the next day', () => {
    const failed = dueToday({ today: '2025-07-14', lastRepaymentAttempt: { outcome: 'failed', on: '2025-07-14', priorRepresentments: 0 } });
    expect(decide(failed)).toMatchObject({ action: 'none', reason: 'RETRY_NEXT_DAY' });
    expect(decide({ ...failed, today: '2025-07-15' })).toMatchObject({ action: 'repay', details: { retry: { allowed: true, representment: false } } });
    expect(decide({ ...failed, today: '2025-07-15', lastRepaymentAttempt: { outcome: 'failed', on: '2025-07-14', priorRepresentments: 0, priorFailedRetries: 3 } })).toMatchObject({
      reason: 'REPAYMENT_BLOCKED',
    });
  });

  it('without any payday: due the first Friday a week after the advance', () => {
    const none = dueToday({ today: '2025-07-11', income: { cadence: 'none', depositDates: [] } });
    expect(decide(none)).toMatchObject({ action: 'repay', details: { dueDate: '2025-07-11', dueDateSource: 'fallback' } });
  });
});

describe('every decision', () => {
  const inputs: EvaluateInput[] = [];
  for (const available of [-70_000, -1, 0, 1, 2_499, 4_999, 5_000, 12_499, 12_500, 60_000, null]) {
    for (const limitCents of [0, 2_500, 10_000, 10_050, 50_000]) {
      for (const thresholdCents of [null, 0, 20_000, 50_000]) {
        inputs.push({ ...withAccount({ limitCents, thresholdCents }), balance: { availableCents: available } });
        inputs.push({ ...withAccount({ limitCents, thresholdCents }, dueToday()), balance: { availableCents: available } });
      }
    }
  }

  it('carries the versions, a reason and a message; money amounts obey the rules', () => {
    for (const input of inputs) {
      const d = decide(input);
      expect(d.ruleVersion).toBe(EVALUATE_RULE_VERSION);
      expect(d.policyVersion).toBe(DEFAULT_EVALUATE_POLICY.version);
      expect(d.message.length).toBeGreaterThan(10);
      expect(JSON.parse(JSON.stringify(d))).toEqual(d);
      if (d.action === 'none') expect(d.amountCents).toBeUndefined();
      if (d.action === 'advance') {
        const amount = d.amountCents!;
        expect(amount % 100).toBe(0);
        expect(amount).toBeGreaterThanOrEqual(DEFAULT_EVALUATE_POLICY.minAdvanceCents);
        expect(amount).toBeLessThanOrEqual(input.account.limitCents);
        expect(input.advance).toBeFalsy();
      }
      if (d.action === 'repay') {
        expect(d.amountCents).toBe(input.advance!.outstandingCents);
        expect(input.balance!.availableCents! - d.amountCents!).toBeGreaterThanOrEqual(DEFAULT_EVALUATE_POLICY.repaymentBufferCents);
      }
    }
  });

  it('is deterministic', () => {
    for (const input of inputs.slice(0, 40)) expect(decide(input)).toEqual(decide(input));
  });

  it('honours an overridden policy and reports its version', () => {
    const policy: EvaluatePolicy = { ...DEFAULT_EVALUATE_POLICY, version: 'p-test', defaultThresholdCents: 10_000, minAdvanceCents: 1_000 };
    expect(decide(withBalance(8_000), policy)).toMatchObject({ action: 'advance', amountCents: 2_000, policyVersion: 'p-test' });
  });

  it('refuses malformed input', () => {
    expect(() => decide(idle({ today: '2025-7-1' }))).toThrow(RangeError);
    expect(() => decide(withBalance(10.5))).toThrow(RangeError);
    expect(() => decide(dueToday({ advance: { outstandingCents: 100.1, disbursedOn: '2025-07-01' } }))).toThrow(RangeError);
    expect(() => decide(idle({ income: { cadence: 'weekly', depositDates: ['2025-02-30'] } }))).toThrow(RangeError);
  });

  it('re-exports the payday helpers', () => {
    expect(nextPayday({ cadence: 'biweekly', depositDates: PAYDAYS, after: '2025-07-01' })).toBe('2025-07-11');
    expect(repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'biweekly', depositDates: PAYDAYS, fallbackRepaymentDays: 7 }).dueDate).toBe('2025-07-11');
  });
});
