/**
 * The local Plaid sandbox's named users (plaid-sandbox/scenarios, a pure generator) must land
 * where a person would expect, on any creation date and seed. This reads the sandbox's data
 * exactly as the bank module would hand it over (Plaid shapes, amounts in cents, Plaid's sign).
 */
import { SCENARIOS } from '../../plaid-sandbox/scenarios/catalog';
import type { BankHistory, UnderwritingDecision } from './types';
import { underwrite } from './underwrite';

const ANCHORS = ['2024-12-31', '2025-03-14', '2025-06-30', '2025-09-07'];
const SEEDS = [undefined, 'seed-2', 'seed-3'];

function decisionFor(username: string, anchor: string, seed = username): UnderwritingDecision {
  const item = SCENARIOS[username].generate(seed, anchor);
  const history: BankHistory = {
    asOf: anchor,
    accounts: item.accounts.map((a, i) => ({
      account_id: `acc${i}`,
      type: a.type,
      subtype: a.subtype,
      balances: { currentCents: a.current_cents, availableCents: a.available_cents },
    })),
    transactions: item.accounts.flatMap((a, i) =>
      a.transactions.map((t, j) => ({
        transaction_id: `t${i}_${j}`,
        account_id: `acc${i}`,
        amountCents: t.amount_cents,
        date: t.date,
        name: t.name,
        merchant_name: t.merchant_name,
        personal_finance_category: { primary: t.pfc_primary, detailed: t.pfc_detailed },
        pending: t.pending,
      })),
    ),
  };
  return underwrite({ history });
}

const cases = ANCHORS.flatMap((anchor) => SEEDS.map((seed) => [anchor, seed ?? 'default'] as const));
const seedOf = (s: string, username: string) => (s === 'default' ? username : s);
const codes = (d: UnderwritingDecision) => d.reasons.map((r) => r.code);

describe('plaid-sandbox scenarios', () => {
  it.each(cases)('user_steady_biweekly on %s (%s): approved at the top tier, biweekly', (anchor, seed) => {
    for (const user of ['user_steady_biweekly', 'user_login_expired']) {
      const d = decisionFor(user, anchor, seedOf(seed, user));
      expect(d).toMatchObject({ approved: true, limitCents: 50_000, reasons: [] });
      expect(d.income.cadence).toBe('biweekly');
      expect(d.nextPayday).not.toBeNull();
    }
  });

  it.each(cases)('user_no_income on %s (%s): declined, NO_RECURRING_INCOME', (anchor, seed) => {
    const d = decisionFor('user_no_income', anchor, seedOf(seed, 'user_no_income'));
    expect(d.approved).toBe(false);
    expect(codes(d)[0]).toBe('NO_RECURRING_INCOME');
  });

  it.each(cases)('user_overdrafts on %s (%s): limited or declined, with the reason', (anchor, seed) => {
    const d = decisionFor('user_overdrafts', anchor, seedOf(seed, 'user_overdrafts'));
    expect(d.limitCents).toBeLessThanOrEqual(10_000);
    expect(codes(d).some((c) => c === 'FREQUENT_OVERDRAFTS' || c === 'OTHER_CASH_ADVANCES')).toBe(true);
    expect(d.income.cadence).toBe('biweekly'); // the EarnIn advances are not mistaken for income
  });

  it.each(cases)('user_gig_irregular on %s (%s): irregular income, a small limit or a decline, with reasons', (anchor, seed) => {
    const d = decisionFor('user_gig_irregular', anchor, seedOf(seed, 'user_gig_irregular'));
    expect(d.income.cadence).toBe('irregular');
    expect(d.limitCents).toBeLessThanOrEqual(10_000);
    expect(d.reasons.length).toBeGreaterThan(0);
    if (d.approved) expect(codes(d)).toContain('IRREGULAR_INCOME');
  });
});
