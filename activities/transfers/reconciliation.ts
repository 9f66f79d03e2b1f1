/**
 * Daily reconciliation of the transfers module with Plaid: every Plaid transfer and event over
 * the window (/transfer/list, /transfer/event/list) against our attempts, stored events and
 * ledger. A mismatch is a row in transfers.reconciliation_mismatches, unique by (kind, subject):
 * a second run, or a run retried after its worker was killed, records nothing new (last_seen_at
 * moves). Mismatches are re-checked after a grace pause before they are recorded, so a transfer
 * caught between Plaid's answer and our write (an event not synced yet) is not reported.
 *
 * Kinds: missing_transfer (Plaid has it, we do not), missing_event (Plaid sent it, we never
 * stored it), status_differs, amount_differs, ledger_differs (what a transfer booked is not what
 * its status at Plaid stands for, domain/ledger.ts), ledger_unbalanced (lines do not sum to 0),
 * and against the customer's bank: each settled transfer must have its posting among the bank
 * transactions the bank module synced for that Plaid account (same description, Plaid's sign:
 * a debit leaves the account, a credit arrives), posting_missing or posting_amount_differs
 * otherwise. Before the grace re-check the bank module syncs the accounts concerned, so a posting
 * not synced yet is not reported.
 */
import { heartbeat } from '@temporalio/activity';
import type { Transfer, TransferEvent } from 'plaid';
import type { Pool } from 'pg';
import { balancesOf, positionFor, type TransferStatus } from '../../domain/ledger';
import { crashPoint } from './crash-points';
import type { BankDeps } from '../bank/deps';
import { bankPostingsNamed, refreshBankPostings, type BankPosting } from '../bank/postings';
import { plaidErrorInfo, toActivityFailure } from '../bank/plaid-errors';

export const MISMATCH_KINDS = [
  'missing_transfer',
  'missing_event',
  'status_differs',
  'amount_differs',
  'ledger_differs',
  'ledger_unbalanced',
  'posting_missing',
  'posting_amount_differs',
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export interface Mismatch {
  kind: MismatchKind;
  subject: string;
  detail: Record<string, unknown>;
}

export interface ReconcileRequest {
  /** The business day of the run (the run's key). */
  day: string;
  windowDays: number;
  /** Pause before a candidate mismatch is looked at again (default 60 s; tests shorten it). */
  graceSeconds: number;
}

const PAGE = 25; // Plaid's maximum count for both list endpoints

async function plaidCall<T>(f: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await f()).data;
  } catch (err) {
    throw plaidErrorInfo(err) ? toActivityFailure(err) : err;
  }
}

/** Every Plaid transfer and transfer event created since `start` (offset paging, 25 a page). */
async function plaidSide(deps: BankDeps, start: string): Promise<{ transfers: Transfer[]; events: TransferEvent[] }> {
  const transfers: Transfer[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await plaidCall(() => deps.plaid.transferList({ start_date: start, count: PAGE, offset }));
    transfers.push(...page.transfers);
    heartbeat();
    if (page.transfers.length < PAGE) break;
  }
  const events: TransferEvent[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await plaidCall(() => deps.plaid.transferEventList({ start_date: start, count: PAGE, offset }));
    events.push(...page.transfer_events);
    heartbeat();
    if (!page.has_more) break;
  }
  return { transfers, events };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

/** What our side says about these Plaid transfers and events, read fresh (called twice: before and after the grace pause). */
async function compare(pool: Pool, plaid: { transfers: Transfer[]; events: TransferEvent[] }, start: string): Promise<Mismatch[]> {
  const ids = plaid.transfers.map((t) => t.id);
  const ours = new Map<string, { transferId: string; attempt: number; status: string; amountCents: number; purpose: 'disbursement' | 'repayment'; accountId: string }>();
  const { rows } = await pool.query(
    `SELECT a.plaid_transfer_id, a.transfer_id, a.attempt, a.status, t.amount_cents, t.purpose, t.account_id
       FROM transfers.attempts a JOIN transfers.transfers t ON t.id = a.transfer_id WHERE a.plaid_transfer_id = ANY($1)`,
    [ids],
  );
  for (const r of rows)
    ours.set(r.plaid_transfer_id, { transferId: r.transfer_id, attempt: r.attempt, status: r.status, amountCents: Number(r.amount_cents), purpose: r.purpose, accountId: r.account_id });
  const booked = new Map<string, { account: string; amountCents: number }[]>();
  const lines = await pool.query(
    `SELECT a.plaid_transfer_id, l.ledger_account, l.amount_cents FROM transfers.attempts a
       JOIN transfers.ledger_postings p ON p.transfer_id = a.transfer_id AND p.attempt = a.attempt
       JOIN transfers.ledger_lines l ON l.posting_id = p.id WHERE a.plaid_transfer_id = ANY($1)`,
    [ids],
  );
  for (const l of lines.rows) booked.set(l.plaid_transfer_id, [...(booked.get(l.plaid_transfer_id) ?? []), { account: l.ledger_account, amountCents: Number(l.amount_cents) }]);

  const out: Mismatch[] = [];
  for (const p of plaid.transfers) {
    const o = ours.get(p.id);
    if (!o) {
      out.push({ kind: 'missing_transfer', subject: p.id, detail: { plaidStatus: p.status, amount: p.amount, created: p.created } });
      continue;
    }
    if (o.status !== p.status) out.push({ kind: 'status_differs', subject: p.id, detail: { transferId: o.transferId, attempt: o.attempt, ours: o.status, plaid: p.status } });
    if (o.amountCents !== cents(p.amount)) out.push({ kind: 'amount_differs', subject: p.id, detail: { transferId: o.transferId, oursCents: o.amountCents, plaid: p.amount } });
    // What the transfer booked must be what its status at Plaid stands for (zero balances dropped).
    const kind = o.purpose === 'disbursement' ? 'advance' : 'repayment';
    const expected = balancesOf(positionFor(kind, p.status as TransferStatus, o.accountId, o.amountCents));
    const actual = Object.fromEntries(Object.entries(balancesOf(booked.get(p.id) ?? [])).filter(([, v]) => v !== 0));
    const plaidStatusBooks = ['pending', 'posted', 'settled', 'funds_available', 'failed', 'cancelled', 'returned'].includes(p.status);
    if (plaidStatusBooks && JSON.stringify(expected) !== JSON.stringify(actual))
      out.push({ kind: 'ledger_differs', subject: p.id, detail: { transferId: o.transferId, plaidStatus: p.status, expected, booked: actual } });
  }
  const eventIds = plaid.events.map((e) => e.event_id);
  const stored = new Set((await pool.query(`SELECT event_id FROM transfers.plaid_events WHERE event_id = ANY($1::bigint[])`, [eventIds])).rows.map((r) => Number(r.event_id)));
  for (const e of plaid.events)
    if (!stored.has(e.event_id) && ours.has(e.transfer_id))
      out.push({ kind: 'missing_event', subject: String(e.event_id), detail: { plaidTransferId: e.transfer_id, eventType: e.event_type, timestamp: e.timestamp } });

  out.push(...(await comparePostings(pool, plaid.transfers, ours, start)));

  // The whole ledger, and each posting, must sum to zero.
  const total = Number((await pool.query('SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines')).rows[0].s);
  if (total !== 0) out.push({ kind: 'ledger_unbalanced', subject: 'ledger', detail: { sumCents: total } });
  const unbalanced = await pool.query('SELECT posting_id, sum(amount_cents) AS s FROM transfers.ledger_lines GROUP BY posting_id HAVING sum(amount_cents) <> 0 LIMIT 100');
  for (const u of unbalanced.rows) out.push({ kind: 'ledger_unbalanced', subject: `posting:${u.posting_id}`, detail: { sumCents: Number(u.s) } });
  return out;
}

/** Statuses in which the customer's bank has booked the transfer (a credit ends at settled). */
const SETTLED = ['settled', 'funds_available'];

/**
 * Each settled transfer of ours against the bank's postings on its Plaid account (bank module,
 * ../bank/postings.ts), one posting per transfer: first the exact ones (description, amount and
 * direction); a transfer returned after settlement takes its posting and the reversal out of the
 * way; a settled transfer left over is posting_amount_differs when an unclaimed posting with its
 * description is there (the amount or the direction is not ours), posting_missing otherwise.
 */
async function comparePostings(
  pool: Pool,
  transfers: Transfer[],
  ours: Map<string, { transferId: string; attempt: number; accountId: string }>,
  start: string,
): Promise<Mismatch[]> {
  const mine = transfers.filter((p) => ours.has(p.id) && (SETTLED.includes(p.status) || p.status === 'returned'));
  if (!mine.some((p) => SETTLED.includes(p.status))) return [];
  const postings = await bankPostingsNamed(pool, {
    plaidAccountIds: [...new Set(mine.flatMap((p) => (p.account_id ? [p.account_id] : [])))],
    since: start.slice(0, 10),
    nameContains: [...new Set(mine.map((p) => p.description ?? '').filter((d) => d !== ''))],
  });
  const used = new Set<string>();
  const signed = (p: Transfer) => (p.type === 'debit' ? cents(p.amount) : -cents(p.amount));
  const candidates = (p: Transfer) => postings.filter((b) => !used.has(b.transactionId) && b.plaidAccountId === p.account_id && !!p.description && b.name.toUpperCase().includes(p.description.toUpperCase()));
  const take = (b: BankPosting | undefined) => (b ? (used.add(b.transactionId), true) : false);
  const byCreated = [...mine].sort((a, b) => a.created.localeCompare(b.created));
  const unmatched: Transfer[] = [];
  for (const p of byCreated.filter((x) => SETTLED.includes(x.status))) if (!take(candidates(p).find((b) => b.amountCents === signed(p)))) unmatched.push(p);
  for (const p of byCreated.filter((x) => x.status === 'returned')) {
    take(candidates(p).find((b) => b.amountCents === signed(p)));
    take(candidates(p).find((b) => b.amountCents === -signed(p)));
  }
  const out: Mismatch[] = [];
  for (const p of unmatched) {
    const o = ours.get(p.id)!;
    const detail = { transferId: o.transferId, attempt: o.attempt, accountId: o.accountId, plaidAccountId: p.account_id, direction: p.type, description: p.description, expectedCents: signed(p) };
    const near = candidates(p).sort((a, b) => Number(Math.sign(b.amountCents) === Math.sign(signed(p))) - Number(Math.sign(a.amountCents) === Math.sign(signed(p))))[0];
    if (near) {
      used.add(near.transactionId);
      out.push({ kind: 'posting_amount_differs', subject: p.id, detail: { ...detail, bookedCents: near.amountCents, bankTransactionId: near.transactionId, bookedOn: near.date } });
    } else out.push({ kind: 'posting_missing', subject: p.id, detail });
  }
  return out;
}

const keyOf = (m: Mismatch) => `${m.kind}|${m.subject}`;

/** One reconciliation run; safe to run again or after a crash at any point (see the top). */
export async function reconcileWithPlaid(deps: BankDeps, r: ReconcileRequest): Promise<{ plaidTransfers: number; plaidEvents: number; mismatches: number }> {
  const pool = deps.pool;
  await pool.query(`INSERT INTO transfers.reconciliation_runs (day) VALUES ($1) ON CONFLICT (day) DO NOTHING`, [r.day]);
  const start = new Date(Date.parse(`${r.day}T00:00:00Z`) - r.windowDays * 86_400_000).toISOString();
  const plaid = await plaidSide(deps, start);
  const first = await compare(pool, plaid, start);
  let found = first;
  if (first.length > 0 && r.graceSeconds > 0) {
    // The bank's side of a missing posting may simply not be synced yet: the bank module syncs those customers first.
    const unsynced = first.filter((m) => m.kind.startsWith('posting_')).map((m) => String(m.detail.accountId));
    if (unsynced.length > 0) await refreshBankPostings(deps, unsynced);
    // Events may be on their way to us right now: only what is still wrong after the pause counts.
    for (let waited = 0; waited < r.graceSeconds; waited += 5) {
      heartbeat();
      await new Promise((res) => setTimeout(res, Math.min(5, r.graceSeconds - waited) * 1000));
    }
    const again = new Set(first.map(keyOf));
    found = (await compare(pool, plaid, start)).filter((m) => again.has(keyOf(m)));
  }
  for (const m of found)
    await pool.query(
      `INSERT INTO transfers.reconciliation_mismatches (kind, subject, detail, first_seen_day) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, subject) DO UPDATE SET detail = EXCLUDED.detail, last_seen_at = now(), resolved_at = NULL`,
      [m.kind, m.subject, JSON.stringify(m.detail), r.day],
    );
  await crashPoint('reconcile:after-mismatches', r.day);
  // What an earlier run saw and this one no longer does is resolved.
  const seen = found.map(keyOf);
  await pool.query(
    `UPDATE transfers.reconciliation_mismatches SET resolved_at = now() WHERE resolved_at IS NULL AND NOT (kind || '|' || subject = ANY($1::text[]))
       AND (kind IN ('ledger_unbalanced') OR subject = ANY($2::text[]) OR kind = 'missing_event')`,
    [seen, plaid.transfers.map((t) => t.id)],
  );
  await pool.query(
    `UPDATE transfers.reconciliation_runs SET finished_at = now(), plaid_transfers = $2, plaid_events = $3, mismatches_found = $4 WHERE day = $1`,
    [r.day, plaid.transfers.length, plaid.events.length, found.length],
  );
  return { plaidTransfers: plaid.transfers.length, plaidEvents: plaid.events.length, mismatches: found.length };
}

/** Open mismatches, newest first, for operators (and the count per kind for the metric). */
export async function openMismatches(pool: Pool, limit: number) {
  const { rows } = await pool.query(
    `SELECT id, kind, subject, detail, first_seen_day::text AS first_seen_day, first_seen_at, last_seen_at FROM transfers.reconciliation_mismatches
      WHERE resolved_at IS NULL ORDER BY first_seen_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((m) => ({
    id: Number(m.id),
    kind: m.kind as MismatchKind,
    subject: m.subject as string,
    detail: m.detail as Record<string, unknown>,
    firstSeenDay: m.first_seen_day as string,
    firstSeenAt: m.first_seen_at.toISOString() as string,
    lastSeenAt: m.last_seen_at.toISOString() as string,
  }));
}

export async function openMismatchCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query(`SELECT kind, count(*)::int AS n FROM transfers.reconciliation_mismatches WHERE resolved_at IS NULL GROUP BY kind`);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

export async function lastReconciliationRun(pool: Pool) {
  const { rows } = await pool.query(`SELECT day::text AS day, started_at, finished_at, plaid_transfers, plaid_events, mismatches_found FROM transfers.reconciliation_runs ORDER BY day DESC LIMIT 1`);
  const r = rows[0];
  return r
    ? { day: r.day as string, startedAt: r.started_at.toISOString() as string, finishedAt: r.finished_at?.toISOString() ?? null, plaidTransfers: r.plaid_transfers as number | null, plaidEvents: r.plaid_events as number | null, mismatches: r.mismatches_found as number | null }
    : null;
}
