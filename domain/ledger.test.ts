import {
  ACH_SUSPENSE,
  LedgerLine,
  LedgerRuleError,
  OPERATING_CASH,
  TERMINAL_STATUSES,
  TransferKind,
  TransferStatus,
  balancesOf,
  journalEntryFor,
  linesFor,
  outstandingAdvanceCents,
  positionFor,
  receivableAccount,
  sumLines,
} from './ledger';

const ALL: TransferStatus[] = ['created', 'pending', 'posted', 'settled', 'funds_available', 'failed', 'cancelled', 'returned'];
const statusesOf = (kind: TransferKind) => (kind === 'advance' ? ALL.filter((s) => s !== 'funds_available') : ALL);

/** Books a path of statuses for one transfer, returning every line. */
function book(kind: TransferKind, path: TransferStatus[], amountCents = 10_000, accountId = 'acct1', transferId = `${kind}-1`): LedgerLine[] {
  const lines: LedgerLine[] = [];
  let from: TransferStatus | null = null;
  for (const to of path) {
    lines.push(...linesFor({ kind, transferId, accountId, amountCents, from, to }));
    from = to;
  }
  return lines;
}

describe('every status change balances', () => {
  for (const kind of ['advance', 'repayment'] as const) {
    const statuses = statusesOf(kind);
    it(`${kind}: every legal transition sums to zero`, () => {
      let checked = 0;
      for (const from of [null, ...statuses]) {
        for (const to of statuses) {
          let lines: LedgerLine[];
          try {
            lines = linesFor({ kind, transferId: 't', accountId: 'a', amountCents: 12_345, from, to });
          } catch (e) {
            expect(e).toBeInstanceOf(LedgerRuleError);
            continue;
          }
          expect(sumLines(lines)).toBe(0);
          for (const l of lines) expect(Number.isSafeInteger(l.amountCents)).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});

describe('advance lifecycle', () => {
  it('pending: owed by the customer, cash committed in suspense', () => {
    expect(linesFor({ kind: 'advance', transferId: 't', accountId: 'acct1', amountCents: 10_000, from: null, to: 'pending' })).toEqual([
      { account: 'customer_receivable:acct1', amountCents: 10_000 },
      { account: ACH_SUSPENSE, amountCents: -10_000 },
    ]);
  });

  it('settled: suspense cleared against cash', () => {
    expect(linesFor({ kind: 'advance', transferId: 't', accountId: 'acct1', amountCents: 10_000, from: 'posted', to: 'settled' })).toEqual([
      { account: ACH_SUSPENSE, amountCents: 10_000 },
      { account: OPERATING_CASH, amountCents: -10_000 },
    ]);
  });

  it('created -> pending -> posted -> settled: outstanding = amount, suspense empty, cash out', () => {
    const lines = book('advance', ['created', 'pending', 'posted', 'settled']);
    expect(balancesOf(lines)).toEqual({ [ACH_SUSPENSE]: 0, 'customer_receivable:acct1': 10_000, [OPERATING_CASH]: -10_000 });
    expect(outstandingAdvanceCents(lines, 'acct1')).toBe(10_000);
  });

  it.each([
    [['pending', 'failed']],
    [['pending', 'cancelled']],
    [['pending', 'posted', 'returned']],
    [['pending', 'posted', 'settled', 'returned']],
    [['created', 'cancelled']],
  ] as TransferStatus[][][])('%j leaves nothing outstanding and every account at zero', (path) => {
    const lines = book('advance', path);
    expect(outstandingAdvanceCents(lines, 'acct1')).toBe(0);
    expect(Object.values(balancesOf(lines)).every((b) => b === 0)).toBe(true);
  });

  it('skipping a step (pending -> settled) lands in the same place', () => {
    expect(balancesOf(book('advance', ['pending', 'settled']))).toEqual(balancesOf(book('advance', ['pending', 'posted', 'settled'])));
  });

  it('an advance counts as outstanding from pending (no second advance while in flight)', () => {
    expect(outstandingAdvanceCents(book('advance', ['pending']), 'acct1')).toBe(10_000);
  });

  it('has no funds_available', () => {
    expect(() => book('advance', ['pending', 'settled', 'funds_available'])).toThrow(LedgerRuleError);
  });
});

describe('repayment lifecycle', () => {
  const advance = book('advance', ['pending', 'posted', 'settled']);

  it('reduces the outstanding advance only when the funds are available', () => {
    const inFlight = [...advance, ...book('repayment', ['pending', 'posted', 'settled'])];
    expect(outstandingAdvanceCents(inFlight, 'acct1')).toBe(10_000);
    const done = [...advance, ...book('repayment', ['pending', 'posted', 'settled', 'funds_available'])];
    expect(outstandingAdvanceCents(done, 'acct1')).toBe(0);
    expect(balancesOf(done)).toEqual({ [ACH_SUSPENSE]: 0, 'customer_receivable:acct1': 0, [OPERATING_CASH]: 0 });
  });

  it('funds_available books cash against the receivable', () => {
    expect(linesFor({ kind: 'repayment', transferId: 'r', accountId: 'acct1', amountCents: 10_000, from: 'settled', to: 'funds_available' })).toEqual([
      { account: OPERATING_CASH, amountCents: 10_000 },
      { account: 'customer_receivable:acct1', amountCents: -10_000 },
    ]);
  });

  it.each([
    [['pending', 'returned']],
    [['pending', 'posted', 'returned']],
    [['pending', 'posted', 'settled', 'returned']],
    [['pending', 'posted', 'settled', 'funds_available', 'returned']],
    [['pending', 'failed']],
    [['created', 'cancelled']],
  ] as TransferStatus[][][])('a repayment that ends %j restores the full receivable', (path) => {
    const lines = [...advance, ...book('repayment', path)];
    expect(outstandingAdvanceCents(lines, 'acct1')).toBe(10_000);
    expect(balancesOf(lines)[OPERATING_CASH]).toBe(-10_000);
  });

  it('returned R01, then re-presented and collected: nothing outstanding', () => {
    const lines = [
      ...advance,
      ...book('repayment', ['pending', 'posted', 'returned'], 10_000, 'acct1', 'rep-1'),
      ...book('repayment', ['pending', 'posted', 'settled', 'funds_available'], 10_000, 'acct1', 'rep-1-retry-1'),
    ];
    expect(outstandingAdvanceCents(lines, 'acct1')).toBe(0);
    expect(sumLines(lines)).toBe(0);
  });

  it('a partial repayment leaves the rest outstanding', () => {
    const lines = [...advance, ...book('repayment', ['pending', 'funds_available'], 4_000)];
    expect(outstandingAdvanceCents(lines, 'acct1')).toBe(6_000);
  });
});

describe('rules and helpers', () => {
  it('a repeated status books nothing', () => {
    expect(linesFor({ kind: 'advance', transferId: 't', accountId: 'a', amountCents: 100, from: 'settled', to: 'settled' })).toEqual([]);
  });

  it('nothing follows a terminal status, and statuses do not go backwards', () => {
    for (const from of TERMINAL_STATUSES) {
      expect(() => linesFor({ kind: 'advance', transferId: 't', accountId: 'a', amountCents: 100, from, to: 'settled' })).toThrow(LedgerRuleError);
    }
    expect(() => linesFor({ kind: 'repayment', transferId: 't', accountId: 'a', amountCents: 100, from: 'settled', to: 'pending' })).toThrow(/go back/);
  });

  it('refuses zero, negative, float and unsafe amounts, and bad account ids', () => {
    for (const amountCents of [0, -100, 10.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => linesFor({ kind: 'advance', transferId: 't', accountId: 'a', amountCents, from: null, to: 'pending' })).toThrow(RangeError);
    }
    expect(() => receivableAccount('')).toThrow(RangeError);
    expect(() => receivableAccount('a:b')).toThrow(RangeError);
  });

  it('keeps customers apart', () => {
    const lines = [...book('advance', ['pending'], 5_000, 'alice', 'a1'), ...book('advance', ['pending', 'settled'], 7_500, 'bob', 'b1')];
    expect(outstandingAdvanceCents(lines, 'alice')).toBe(5_000);
    expect(outstandingAdvanceCents(lines, 'bob')).toBe(7_500);
    expect(outstandingAdvanceCents(lines)).toBe(12_500);
    expect(outstandingAdvanceCents(lines, 'carol')).toBe(0);
  });

  it('journal entries carry an idempotency key and the rules version', () => {
    const e = journalEntryFor({ kind: 'advance', transferId: 'transfer-adv-7-advance', accountId: 'a', amountCents: 100, from: 'pending', to: 'posted' });
    expect(e).toMatchObject({ entryId: 'transfer-adv-7-advance:posted', rulesVersion: 'ledger-1.0.0', lines: [] });
    expect(e.description).toBe('advance transfer-adv-7-advance: pending -> posted');
  });

  it('positionFor is the table in the header', () => {
    expect(positionFor('repayment', 'settled', 'a', 100)).toEqual([]);
    expect(positionFor('advance', 'created', 'a', 100)).toEqual([]);
    expect(positionFor('advance', null, 'a', 100)).toEqual([]);
  });
});
