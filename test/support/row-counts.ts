/**
 * Row counts of every table of every module and of the Plaid sandbox, in one query: what "nothing
 * written" means for the fuzz test and the fuzz benchmark.
 */
import type { Pool } from 'pg';

export const COUNTED_SCHEMAS = ['accounts', 'bank', 'underwriting', 'transfers', 'evaluate', 'plaid_sandbox'];

// Written on purpose by requests that are refused: the abuse limiter (issue 12) consumes a point
// per attempt *because* it is an attempt, valid or not, so a bad request moving it is correct.
const EXCLUDED = new Set(['accounts.rate_limits']);

export type RowCounts = Record<string, number>;

export async function rowCounter(db: Pool): Promise<() => Promise<RowCounts>> {
  const { rows } = await db.query<{ t: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1) ORDER BY 1`,
    [COUNTED_SCHEMAS],
  );
  const tables = rows.map((r) => r.t).filter((t) => !EXCLUDED.has(t));
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL ');
  return async () => {
    const out: RowCounts = {};
    for (const r of (await db.query<{ t: string; n: number }>(sql)).rows) out[r.t] = r.n;
    return out;
  };
}

/** Tables whose count moved, with before -> after; empty when nothing was written. */
export function countChanges(before: RowCounts, after: RowCounts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of Object.keys(after)) if (before[t] !== after[t]) out[t] = `${before[t]} -> ${after[t]}`;
  return out;
}

export const rowsWritten = (before: RowCounts, after: RowCounts) => Object.keys(after).reduce((s, t) => s + Math.abs(after[t] - (before[t] ?? 0)), 0);
