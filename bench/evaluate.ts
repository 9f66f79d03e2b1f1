/**
 * `npm run bench -- evaluate [--n 10000] [--page 500] [--fan-out 50]`
 * Seeds N approved accounts with linked sandbox banks (balances above the threshold: every
 * evaluation decides "nothing", the sweep's common case), then times one full sweep through the
 * worker running in its own process: accounts per second and the worker's peak memory, beside
 * this run's floor: the same paging, batching and fan-out with no-op activities.
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
import { evaluateSweepWorkflow } from '../workflows/evaluate-sweep';
import { startBenchEnv } from './env';

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
function peakMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function seed(n: number, plaidUrl: string): Promise<void> {
  const pool = getPool();
  const t0 = Date.now();
  const res = await fetch(`${plaidUrl}/__sandbox/items/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: n, username: 'user_good', seed_prefix: `bench-${Date.now()}` }) });
  if (!res.ok) throw new Error(`bulk seed failed: ${res.status} ${await res.text()}`);
  const { batch_id } = (await res.json()) as { batch_id: string };
  // Accounts (active, approved) in one statement; then one bank item per account.
  const { rows } = await pool.query(
    `WITH ins AS (
       INSERT INTO accounts.accounts (id, email, first_name, last_name, phone, status)
       SELECT gen_random_uuid(), 'bench' || g || '.' || $2 || '@example.com', 'Bench', 'Customer' || g, '+1' || (2000000000 + g)::text, 'active'
       FROM generate_series(1, $1) g RETURNING id)
     INSERT INTO accounts.advance_terms (account_id, approved, limit_cents, next_payday, income_cadence, application_id, model_version)
     SELECT id, true, 20000, current_date + 7, 'biweekly', gen_random_uuid(), 'bench' FROM ins RETURNING account_id`,
    [n, Date.now()],
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
  process.stderr.write(`seeded ${n} accounts with linked banks in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

export async function benchEvaluate(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { n: { type: 'string', default: '10000' }, page: { type: 'string', default: '500' }, 'fan-out': { type: 'string', default: '8' } } });
  const n = Number(values.n);
  const pageSize = Number(values.page);
  const fanOut = Number(values['fan-out']);
  const env = await startBenchEnv({ workerProcess: true });
  try {
    await seed(n, env.plaidUrl);
    const client = getTemporalClient();
    const taskQueue = config().TEMPORAL_TASK_QUEUE;
    const workerPid = env.workerPid!;

    const progress = setInterval(() => process.stderr.write(`  worker peak so far: ${peakMiB(workerPid).toFixed(0)} MiB\n`), 15_000);
    process.stderr.write('floor: no-op sweep of the same shape...\n');
    const f0 = Date.now();
    await client.workflow.execute(benchNoopSweepWorkflow, { taskQueue, workflowId: `bench-noop-sweep-${f0}`, args: [{ total: n, done: 0, pageSize, fanOut, batchSize: 50 }] });
    const floorMs = Date.now() - f0;
    const floorPeak = peakMiB(workerPid);

    process.stderr.write('sweep: evaluating every account...\n');
    const s0 = Date.now();
    const result = await client.workflow.execute(evaluateSweepWorkflow, { taskQueue, workflowId: `bench-sweep-${s0}`, args: [{ afterId: null, pageSize, fanOut, batchSize: 50, processed: 0, failed: 0, trigger: 'staff' }] });
    const sweepMs = Date.now() - s0;
    clearInterval(progress);
    const peak = peakMiB(workerPid);
    const decisions = (await getPool().query(`SELECT reason_code, count(*)::int AS n FROM evaluate.evaluations GROUP BY 1 ORDER BY 2 DESC`)).rows;

    const rate = (ms: number) => (n / (ms / 1000)).toFixed(1);
    process.stdout.write(
      [
        '',
        `machine: ${env.machine}`,
        `n=${n} accounts, page ${pageSize}, ${fanOut} batches of 50 at once (8 accounts in parallel per batch); worker in its own process (${config().WORKER_MAX_CONCURRENT_ACTIVITIES} activity slots)`,
        `floor (no-op sweep, same shape)  ${(floorMs / 1000).toFixed(1)} s  ${rate(floorMs)} accounts/s  worker peak RSS ${floorPeak.toFixed(0)} MiB`,
        `evaluate sweep                   ${(sweepMs / 1000).toFixed(1)} s  ${rate(sweepMs)} accounts/s  worker peak RSS ${peak.toFixed(0)} MiB`,
        `ratio sweep/floor throughput: ${(floorMs / sweepMs).toFixed(2)}`,
        `evaluated: ${result.processed}, handed over to act: ${result.handedOver}, failed: ${result.failed}; decisions: ${decisions.map((d) => `${d.reason_code} ${d.n}`).join(', ')}`,
      ].join('\n') + '\n',
    );
  } finally {
    await env.stop();
  }
}
