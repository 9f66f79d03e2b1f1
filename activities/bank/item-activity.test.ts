/**
 * bank.item_activity (migration 0024) is what the item's transactions say, after any change:
 * inserts, upserts that modify, removals, deletions, and two transactions changing one item at
 * once. The oracle is the computation the evaluation view made from the transactions themselves
 * before the read model existed.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { closePool, getPool } from '../../db/pool';

afterAll(() => closePool());

/** The spending and income dates straight from bank.transactions (the view's query before 0024). */
async function fromTransactions(itemId: string) {
  const { rows } = await getPool().query(
    `SELECT income.dates, spend.by_account
     FROM (SELECT $1::uuid AS id) it
     LEFT JOIN LATERAL (
       SELECT array_agg(DISTINCT to_char(t.date, 'YYYY-MM-DD') ORDER BY to_char(t.date, 'YYYY-MM-DD')) AS dates
       FROM bank.transactions t
       WHERE t.item_id = it.id AND t.removed_at IS NULL AND t.amount_cents < 0 AND t.category_primary = 'INCOME') income ON true
     LEFT JOIN LATERAL (
       SELECT json_object_agg(plaid_account_id, json_build_object('largestDay', largest_day, 'largestOne', largest_one, 'days', span)) AS by_account
       FROM (SELECT plaid_account_id, max(out_cents) AS largest_day, max(largest_cents) AS largest_one, max(date) - min(date) + 1 AS span
             FROM (SELECT t.plaid_account_id, t.date, coalesce(sum(t.amount_cents) FILTER (WHERE t.amount_cents > 0), 0) AS out_cents,
                          greatest(max(t.amount_cents), 0) AS largest_cents
                   FROM bank.transactions t
                   WHERE t.item_id = it.id AND t.removed_at IS NULL
                     AND t.date > (SELECT max(l.date) FROM bank.transactions l WHERE l.item_id = it.id AND l.removed_at IS NULL) - 30
                   GROUP BY 1, 2) days
             GROUP BY 1) s) spend ON true`,
    [itemId],
  );
  return { incomeDates: rows[0].dates ?? [], spend: rows[0].by_account };
}

async function kept(itemId: string) {
  const { rows } = await getPool().query('SELECT income_dates, spend_by_account FROM bank.item_activity WHERE item_id = $1', [itemId]);
  // An item never refreshed reads as the view reads it (its LEFT JOIN finds nothing): empty.
  return rows[0] ? { incomeDates: rows[0].income_dates, spend: rows[0].spend_by_account } : { incomeDates: [], spend: null };
}

async function newItem(): Promise<string> {
  const id = randomUUID();
  await getPool().query(
    `INSERT INTO bank.items (id, account_id, plaid_item_id, access_token_enc, status) VALUES ($1, $2, $3, 'unused', 'active')`,
    [id, randomUUID(), `item-${id}`],
  );
  return id;
}

const day = (offset: number) => new Date(Date.UTC(2026, 10, 1) + offset * 86_400_000).toISOString().slice(0, 10);

interface Tx {
  id: string;
  account: string;
  cents: number;
  date: string;
  income: boolean;
}

async function upsert(itemId: string, txs: Tx[]): Promise<void> {
  await getPool().query(
    `INSERT INTO bank.transactions (transaction_id, item_id, plaid_account_id, amount_cents, date, name, category_primary, pending)
     SELECT r.id, $1, r.account, r.cents, r.date::date, 'test', CASE WHEN r.income THEN 'INCOME' ELSE 'GENERAL_MERCHANDISE' END, false
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, account text, cents bigint, date text, income boolean)
     ON CONFLICT (transaction_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents, date = EXCLUDED.date, removed_at = NULL`,
    [itemId, JSON.stringify(txs)],
  );
}

/** What a sync (or anyone) may do to an item's transactions; `pick` chooses among those known. */
const posting = fc.record({ account: fc.constantFrom('acc-checking', 'acc-savings'), cents: fc.integer({ min: 1, max: 40_000 }), day: fc.integer({ min: 0, max: 80 }), income: fc.boolean() });
const change = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), postings: fc.array(posting, { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('modify' as const), pick: fc.array(fc.nat(), { maxLength: 6 }), cents: fc.integer({ min: 1, max: 40_000 }), day: fc.integer({ min: 0, max: 80 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.array(fc.nat(), { maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.array(fc.nat(), { maxLength: 3 }) }),
);

it('equals the computation from the transactions after every kind of change', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 25 }), async (changes) => {
      const itemId = await newItem();
      const known: Tx[] = [];
      const picked = (pick: number[]) => (known.length ? [...new Set(pick.map((i) => known[i % known.length]))] : []);
      for (const c of changes) {
        if (c.kind === 'add') {
          const added = c.postings.map((p) => ({ id: `tx-${itemId}-${known.length}-${randomUUID()}`, account: p.account, cents: p.income ? -p.cents * 10 : p.cents, date: day(p.day), income: p.income }));
          known.push(...added);
          await upsert(itemId, added);
        } else if (c.kind === 'modify') {
          // Plaid modifies postings: the amount and the date change (the window's end can move).
          await upsert(itemId, picked(c.pick).map((t) => Object.assign(t, { cents: t.income ? t.cents : c.cents, date: day(c.day) })));
        } else if (c.kind === 'remove') {
          await getPool().query('UPDATE bank.transactions SET removed_at = now() WHERE item_id = $1 AND transaction_id = ANY($2)', [itemId, picked(c.pick).map((t) => t.id)]);
        } else {
          const gone = picked(c.pick);
          known.splice(0, known.length, ...known.filter((t) => !gone.includes(t)));
          await getPool().query('DELETE FROM bank.transactions WHERE item_id = $1 AND transaction_id = ANY($2)', [itemId, gone.map((t) => t.id)]);
        }
        expect(await kept(itemId)).toEqual(await fromTransactions(itemId));
      }
      // Everything deleted: no spending, no income.
      await getPool().query('DELETE FROM bank.transactions WHERE item_id = $1', [itemId]);
      expect(await kept(itemId)).toEqual({ incomeDates: [], spend: null });
    }),
    { numRuns: 25, seed: 15 },
  );
});

it('keeps both when two transactions add postings to one item at once', async () => {
  const itemId = await newItem();
  const first = await getPool().connect();
  const second = await getPool().connect();
  try {
    await first.query('BEGIN');
    await second.query('BEGIN');
    await first.query(
      `INSERT INTO bank.transactions (transaction_id, item_id, plaid_account_id, amount_cents, date, name, pending) VALUES ($1, $2, 'acc', 700, '2026-11-20', 'a', false)`,
      [`tx-${itemId}-a`, itemId],
    );
    // The second waits for the item's lock, held by the first until it commits...
    const secondInsert = second.query(
      `INSERT INTO bank.transactions (transaction_id, item_id, plaid_account_id, amount_cents, date, name, pending) VALUES ($1, $2, 'acc', 300, '2026-11-25', 'b', false)`,
      [`tx-${itemId}-b`, itemId],
    );
    await new Promise((r) => setTimeout(r, 200));
    await first.query('COMMIT');
    await secondInsert;
    await second.query('COMMIT');
  } finally {
    first.release();
    second.release();
  }
  // ...then refreshes from both postings, not only its own.
  expect(await kept(itemId)).toEqual({ incomeDates: [], spend: { acc: { largestDay: 700, largestOne: 700, days: 6 } } });
  expect(await kept(itemId)).toEqual(await fromTransactions(itemId));
});
