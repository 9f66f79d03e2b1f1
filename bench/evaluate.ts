/**
 * `npm run bench -- evaluate [--n 10000] [--page 500] [--fan-out 8] [--batch <page cut evenly over the lanes>] [--due 1] [--warm-up 500]`
 * Seeds N approved accounts with linked sandbox banks ($100 available), each with the balance and
 * 15 days of card spending ($3-$20 a day) that transactions sync would have kept, and a threshold
 * of their own: most far below the balance (92%), some near it (6%: $95-$99), some above it (2%:
 * $150, so an advance is due: `--due` of every 50, default 1), in exact shares; and advance histories as a live book has them
 * (30% repaid one weeks ago, 20% owe one sent days ago: bench/advance-history.ts). Then times one full sweep through the worker running in its own
 * process: accounts per second and the worker's peak memory, beside this run's floor: the same
 * paging, batching and fan-out with no-op activities. Also counts the Plaid calls the sweep made
 * (real-time balances are billed per call) and the share of decisions made on a kept balance.
 * Warm-up (`--warm-up`, default one page): before anything is timed, the same worker runs a floor
 * and a sweep over other accounts seeded alike (then closed), then idles 12 s, as a running worker
 * has before an hourly sweep; `--warm-up 0` times a fresh worker's first sweep instead.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { bankDeps } from '../activities/bank/deps';
import { encryptToken } from '../activities/bank/token-crypto';
import { getPool } from '../db/pool';
import { config } from '../platform/config';
import { getTemporalClient } from '../platform/temporal-client';
import { benchNoopSweepWorkflow } from '../workflows/bench-noop';
import { evaluateSweepWorkflow, firstSweepInput } from '../workflows/evaluate-sweep';
import { seedAdvanceHistory } from './advance-history';
import { runsBreakdown } from './breakdown';
import { startBenchEnv } from './env';
import { formatCpu, startCpuMeter } from './cpu-meter';

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
function peakMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function seed(n: number, plaidUrl: string, duePer50: number, label: string, firstPhone = 0): Promise<string[]> {
  const pool = getPool();
  const t0 = Date.now();
  const res = await fetch(`${plaidUrl}/__sandbox/items/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: n, username: 'user_good', seed_prefix: `bench-${Date.now()}` }) });
  if (!res.ok) throw new Error(`bulk seed failed: ${res.status} ${await res.text()}`);
  const { batch_id } = (await res.json()) as { batch_id: string };
  // Accounts (active, approved) in one statement; then one bank item per account.
  const { rows } = await pool.query(
    `WITH ins AS (
       INSERT INTO accounts.accounts (id, email, first_name, last_name, phone, status)
       SELECT gen_random_uuid(), 'bench' || g || '.' || $2 || '@example.com', 'Bench', 'Customer' || g, '+1' || (2000000000 + $3::int + g)::text, 'active'
       FROM generate_series(1, $1) g RETURNING id)
     INSERT INTO accounts.advance_terms (account_id, approved, limit_cents, next_payday, income_cadence, application_id, model_version)
     SELECT id, true, 20000, current_date + 7, 'biweekly', gen_random_uuid(), 'bench' FROM ins RETURNING account_id`,
    [n, Date.now(), firstPhone],
  );
  const accountIds: string[] = rows.map((r) => r.account_id);
  let after: string | null = null;
  let i = 0;
  const key = bankDeps().key;
  do {
    const page = (await (await fetch(`${plaidUrl}/__sandbox/items?batch_id=${batch_id}&limit=5000${after ? `&after=${after}` : ''}`)).json()) as { items: { item_id: string; access_token: string }[]; next_after: string | null };
    const batch = page.items.map((it) => ({ id: randomUUID(), account_id: accountIds[i++], plaid_item_id: it.item_id, access_token_enc: encryptToken(key, it.access_token) }));
    await pool.query(
      `INSERT INTO bank.items (id, account_id, plaid_item_id, access_token_enc, institution_id, institution_name, status)
       SELECT r.id, r.account_id, r.plaid_item_id, r.access_token_enc, 'ins_109508', 'First Platypus Bank', 'active'
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, account_id uuid, plaid_item_id text, access_token_enc text)`,
      [JSON.stringify(batch)],
    );
    after = page.next_after;
  } while (after);
  // What transactions sync would have kept: the bank's accounts with their balances as of 0-6 hours
  // ago (the sandbox's own rows, same database), and 15 days of card spending on the checking account.
  await pool.query(
    `INSERT INTO bank.accounts (plaid_account_id, item_id, name, official_name, mask, type, subtype, current_cents, available_cents, limit_cents, iso_currency_code, balances_at)
     SELECT sa.account_id, bi.id, sa.name, sa.official_name, sa.mask, sa.type, sa.subtype, sa.current_cents, sa.available_cents, sa.limit_cents, sa.iso_currency_code,
            now() - random() * interval '6 hours'
     FROM plaid_sandbox.accounts sa JOIN bank.items bi ON bi.plaid_item_id = sa.item_id WHERE bi.account_id = ANY($1::uuid[])`,
    [accountIds],
  );
  await pool.query(
    `INSERT INTO bank.transactions (transaction_id, item_id, plaid_account_id, amount_cents, date, name, pending, raw)
     SELECT 'bench-' || a.plaid_account_id || '-' || g, a.item_id, a.plaid_account_id, 300 + floor(random() * 1700)::bigint, current_date - g, 'CARD PURCHASE', false, '{}'::jsonb
     FROM bank.accounts a JOIN bank.items bi ON bi.id = a.item_id, generate_series(0, 14) g
     WHERE bi.account_id = ANY($1::uuid[]) AND a.subtype = 'checking'`,
    [accountIds],
  );
  // Thresholds: most far below the $100 balance, some near it, a few above it, in exact shares
  // (of every 50 accounts by default: 46 far, 3 near, 1 above), so runs compare without the draw's
  // noise. `--due 0` leaves the sweep's own work alone: each account due an advance runs two
  // workflows of its own (evaluateAccountWorkflow, then the transfer) on the same cores.
  const { rows: shares } = await pool.query<{ id: string; k: number }>(
    `UPDATE accounts.accounts a SET low_balance_threshold_cents = CASE WHEN s.k < 47 - $2 THEN floor(random() * 5000) WHEN s.k < 50 - $2 THEN 9500 + floor(random() * 500) ELSE 15000 END
     FROM (SELECT id, ((row_number() OVER (ORDER BY random())) % 50)::int AS k FROM accounts.accounts WHERE id = ANY($1::uuid[])) s WHERE s.id = a.id
     RETURNING a.id, s.k`,
    [accountIds, duePer50],
  );
  // Advance histories, as a live book has them (of every 50: 15 repaid one, 10 owe one), among the
  // accounts far above their threshold, so the decisions' mix above stays exact.
  await seedAdvanceHistory(pool, shares.filter((s) => s.k < 15).map((s) => s.id), shares.filter((s) => s.k >= 15 && s.k < 25).map((s) => s.id));
  // Statistics and visibility as a live database has them (autovacuum has long been through all
  // but the newest rows), so the measured sweep neither races autovacuum over the freshly loaded
  // tables nor plans on empty statistics, and index-only scans find their pages all-visible.
  await pool.query('VACUUM ANALYZE');
  process.stderr.write(`seeded ${n} ${label} accounts with linked banks in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return accountIds;
}

/** Idle time between the warm-up and the timed sweep: longer than pg's idle timeout for a connection (10 s), as between hourly sweeps. */
const IDLE_GAP_MS = 12_000;

/** The Plaid calls answered so far, once the count has stopped moving (handed-over accounts' workflows make theirs after the sweep). */
async function settledPlaidCalls(plaidCalls: () => Record<string, number>): Promise<Record<string, number>> {
  let calls = plaidCalls();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const again = plaidCalls();
    if (JSON.stringify(again) === JSON.stringify(calls)) break;
    calls = again;
  }
  return calls;
}

export async function benchEvaluate(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { n: { type: 'string', default: '10000' }, page: { type: 'string', default: '500' }, 'fan-out': { type: 'string', default: '8' }, batch: { type: 'string' }, due: { type: 'string', default: '1' }, 'warm-up': { type: 'string' } } });
  const n = Number(values.n);
  const pageSize = Number(values.page);
  const fanOut = Number(values['fan-out']);
  const due = Number(values.due);
  const warmUp = Number(values['warm-up'] ?? pageSize);
  // As the schedule starts it (the page cut evenly over the lanes), unless `--batch` says otherwise.
  const sweepInput = firstSweepInput({ pageSize, fanOut, trigger: 'staff' });
  const batchSize = values.batch ? Number(values.batch) : sweepInput.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a whole number of accounts per batch activity');
  // The advance histories go to the first 25 of every 50, all among the accounts far above their threshold.
  if (!Number.isInteger(due) || due < 0 || due > 22) throw new Error('--due must be a whole number of accounts per 50, from 0 to 22');
  if (!Number.isInteger(warmUp) || warmUp < 0) throw new Error('--warm-up must be a whole number of accounts (0: none)');
  const env = await startBenchEnv({ workerProcess: true });
  try {
    const client = getTemporalClient();
    const taskQueue = config().TEMPORAL_TASK_QUEUE;
    const workerPid = env.workerPid!;
    // The floor and the sweep, warm-up and timed alike: the same paging, batching and fan-out.
    const runFloor = (workflowId: string, total: number) =>
      client.workflow.execute(benchNoopSweepWorkflow, { taskQueue, workflowId, args: [{ total, done: 0, pageSize, fanOut, batchSize }] });
    const runSweep = (workflowId: string) => client.workflow.execute(evaluateSweepWorkflow, { taskQueue, workflowId, args: [{ ...sweepInput, batchSize }] });
    let warmUpLine = `warm-up: none (${n} accounts on a fresh worker)`;
    if (warmUp > 0) {
      const warmIds = await seed(warmUp, env.plaidUrl, due, 'warm-up');
      const w0 = Date.now();
      await runFloor(`bench-warm-up-noop-sweep-${w0}`, warmUp);
      const w1 = Date.now();
      await runSweep(`bench-warm-up-sweep-${w1}`);
      const w2 = Date.now();
      await settledPlaidCalls(env.plaidCalls);
      // Closed accounts are not evaluated: the timed sweep sees only its own.
      await getPool().query(`UPDATE accounts.accounts SET status = 'closed' WHERE id = ANY($1::uuid[])`, [warmIds]);
      warmUpLine = `warm-up (not timed in the ratio): ${warmUp} other accounts, floor ${((w1 - w0) / 1000).toFixed(1)} s, sweep ${((w2 - w1) / 1000).toFixed(1)} s (a fresh worker's first), then closed, and ${IDLE_GAP_MS / 1000} s idle`;
    }
    const idleFrom = Date.now();
    const accountIds = await seed(n, env.plaidUrl, due, 'timed', warmUp);
    // Between hourly sweeps the worker idles longer than pg's idle timeout (10 s) for a connection.
    if (warmUp > 0) await new Promise((r) => setTimeout(r, Math.max(0, IDLE_GAP_MS - (Date.now() - idleFrom))));

    const progress = setInterval(() => process.stderr.write(`  worker peak so far: ${peakMiB(workerPid).toFixed(0)} MiB\n`), 15_000);
    process.stderr.write('floor: no-op sweep of the same shape...\n');
    const floorCpu = startCpuMeter(env.processes);
    const f0 = Date.now();
    const floorId = `bench-noop-sweep-${f0}`;
    await runFloor(floorId, n);
    const floorMs = Date.now() - f0;
    const floorCpuSeconds = floorCpu.stop();
    const floorPeak = peakMiB(workerPid);

    process.stderr.write('sweep: evaluating every account...\n');
    const callsBefore = env.plaidCalls();
    const sweepCpu = startCpuMeter(env.processes);
    const s0 = Date.now();
    const sweepId = `bench-sweep-${s0}`;
    const result = await runSweep(sweepId);
    const sweepMs = Date.now() - s0;
    const sweepCpuSeconds = sweepCpu.stop();
    clearInterval(progress);
    const peak = peakMiB(workerPid);
    const decisions = (await getPool().query(`SELECT reason_code, count(*)::int AS n FROM evaluate.evaluations WHERE account_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 2 DESC`, [accountIds])).rows;
    // Plaid calls of the sweep (the floor makes none), once the handed-over accounts' own workflows
    // have made theirs.
    const settled = await settledPlaidCalls(env.plaidCalls);
    const calls: Record<string, number> = {};
    for (const [path, c] of Object.entries(settled)) if (c > (callsBefore[path] ?? 0)) calls[path] = c - (callsBefore[path] ?? 0);
    const balanceCalls = calls['/accounts/balance/get'] ?? 0;
    const sources = (
      await getPool().query(
        `SELECT coalesce(inputs->'balance'->>'source', CASE WHEN inputs->'balance' IS NULL THEN 'none' ELSE 'real-time' END) AS source, count(*)::int AS n FROM evaluate.evaluations WHERE account_id = ANY($1::uuid[]) GROUP BY 1`,
        [accountIds],
      )
    ).rows as { source: string; n: number }[];
    const decided = sources.reduce((t, r) => t + r.n, 0);
    const onKept = sources.find((r) => r.source === 'kept')?.n ?? 0;
    const sweepsPerDay = 24;

    const rate = (ms: number) => (n / (ms / 1000)).toFixed(1);
    process.stdout.write(
      [
        '',
        `machine: ${env.machine}`,
        warmUpLine,
        `n=${n} accounts (${due} of every 50 due an advance), page ${pageSize}, ${fanOut} batches of ${batchSize} at once (8 accounts in parallel per batch); worker in its own process (${config().WORKER_MAX_CONCURRENT_ACTIVITIES} activity slots)`,
        `floor (no-op sweep, same shape)  ${(floorMs / 1000).toFixed(1)} s  ${rate(floorMs)} accounts/s  worker peak RSS ${floorPeak.toFixed(0)} MiB`,
        `evaluate sweep                   ${(sweepMs / 1000).toFixed(1)} s  ${rate(sweepMs)} accounts/s  worker peak RSS ${peak.toFixed(0)} MiB`,
        `ratio sweep/floor throughput: ${(floorMs / sweepMs).toFixed(2)}`,
        // From the start to the end of each, so the sweep's includes the hand-overs' workflows while it ran.
        formatCpu('CPU of the floor', floorCpuSeconds),
        formatCpu('CPU of the sweep', sweepCpuSeconds),
        `evaluated: ${result.processed}, handed over to act: ${result.handedOver}, failed: ${result.failed}; decisions: ${decisions.map((d) => `${d.reason_code} ${d.n}`).join(', ')}`,
        `Plaid calls during the sweep: ${Object.entries(calls).map(([p, c]) => `${p} ${c}`).join(', ') || 'none'}`,
        `real-time balance calls (billable): ${balanceCalls} per sweep, ${(balanceCalls / n).toFixed(3)} per account per sweep, ${((balanceCalls / n) * sweepsPerDay).toFixed(2)} per account per day at the hourly sweep`,
        `decisions on a kept balance: ${onKept}/${decided} (${((100 * onKept) / Math.max(1, decided)).toFixed(1)}%); by balance source: ${sources.map((r) => `${r.source} ${r.n}`).join(', ')}`,
        'where the floor\'s time went:',
        await runsBreakdown(client, floorId),
        'where the sweep\'s time went:',
        await runsBreakdown(client, sweepId),
      ].join('\n') + '\n',
    );
  } finally {
    await env.stop();
  }
}
