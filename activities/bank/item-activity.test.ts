/**
 * bank.item_activity (migration 0024) is what the item's transactions say, after any change:
 * inserts, upserts that modify, removals, deletions, and two transactions changing one item at
 * once. The oracle is the computation the evaluation view made from the transactions themselves
 * before the read model existed.
 */
import { randomUUID } from 'node:crypto';
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
  return rows[0] ? { incomeDates: rows[0].income_dates, spend: rows[0].spend_by_account } : undefined;
}

async function newItem(): Promise<string> {
  const id = randomUUID();
  await getPool().query(
    `INSERT INTO bank.items (id, account_id, plaid_item_id, access_token_enc, status) VALUES ($1, $2, $3, 'unused', 'active')`,
    [id, randomUUID(), `item-${id}`],
  );
  return id;
}

/** A small deterministic generator, so a failure replays. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
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

it('equals the computation from the transactions after every kind of change', async () => {
  const itemId = await newItem();
  expect(await kept(itemId)).toBeUndefined();
  const rand = prng(15);
  const known: Tx[] = [];
  const accounts = ['acc-checking', 'acc-savings'];
  for (let step = 0; step < 40; step++) {
    const kind = step < 3 ? 0 : rand(4);
    if (kind === 0 || known.length === 0) {
      // New postings over ~two months, income among them.
      const batch = Array.from({ length: 1 + rand(12) }, () => {
        const income = rand(6) === 0;
        return { id: `tx-${itemId}-${known.length}-${rand(1e9)}`, account: accounts[rand(2)], cents: income ? -(50_000 + rand(100_000)) : 100 + rand(20_000), date: day(rand(70)), income };
      });
      known.push(...batch);
      await upsert(itemId, batch);
    } else if (kind === 1) {
      // Plaid modifies some: the amount and the date change (the window's end can move).
      const changed = known.filter(() => rand(4) === 0).map((t) => Object.assign(t, { cents: t.income ? t.cents : 100 + rand(40_000), date: day(rand(80)) }));
      await upsert(itemId, changed);
    } else if (kind === 2) {
      const gone = known.filter(() => rand(5) === 0).map((t) => t.id);
      await getPool().query('UPDATE bank.transactions SET removed_at = now() WHERE item_id = $1 AND transaction_id = ANY($2)', [itemId, gone]);
    } else {
      const gone = known.splice(0, rand(3)).map((t) => t.id);
      await getPool().query('DELETE FROM bank.transactions WHERE item_id = $1 AND transaction_id = ANY($2)', [itemId, gone]);
    }
    expect({ step, ...(await kept(itemId)) }).toEqual({ step, ...(await fromTransactions(itemId)) });
  }
  // Everything deleted: no spending, no income.
  await getPool().query('DELETE FROM bank.transactions WHERE item_id = $1', [itemId]);
  expect(await kept(itemId)).toEqual({ incomeDates: [], spend: null });
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
