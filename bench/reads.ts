/**
 * `npm run bench -- reads [--rps 200] [--seconds 10] [--customers 200]`
 * Customer reads at a steady arrival rate (open loop: requests go out on schedule whether or not
 * earlier ones have answered), p50/p95/p99 of GET /v1/me, /v1/advances and /v1/applications,
 * beside this run's baseline: a bare Express + pg server answering each request with two reads
 * (the session by token hash, then the account), on the same database, same machine, same rate,
 * the paths interleaved second by second so that each meets the same machine.
 * Customers are seeded with approved terms; a quarter of them with a settled advance and its
 * ledger, so the advance views have something to read. No Temporal worker runs; the load comes
 * from its own thread. Request logging stays at `info`, as in
 * production, so its cost is in the figures: the request lines go to stdout, the report to stderr
 * (`npm run bench -- reads > /dev/null`).
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import express from 'express';
import { Pool } from 'pg';
import { createAccount } from '../activities/accounts/accounts-store';
import { createSession } from '../activities/accounts/sessions';
import { getPool } from '../db/pool';
import { logger } from '../platform/logger';
import { startBenchEnv } from './env';
import { startPhaseProfile } from './phase-profile';
import { summarize } from './stats';

/** The baseline: what any Express + pg endpoint costs here, two reads per request. */
async function startBaseline(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const app = express();
  app.get('/baseline/me', async (req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const s = await pool.query('SELECT subject_id FROM accounts.sessions WHERE token_hash = $1 AND expires_at > now()', [createHash('sha256').update(token).digest('hex')]);
    if (!s.rows[0]) return void res.status(401).json({ title: 'Unauthorized' });
    const a = await pool.query('SELECT id, email, first_name, last_name, phone, status, low_balance_threshold_cents FROM accounts.accounts WHERE id = $1', [s.rows[0].subject_id]);
    res.json(a.rows[0]);
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await new Promise((r) => server.close(r));
      await pool.end();
    },
  };
}

async function seed(n: number): Promise<string[]> {
  const pool = getPool();
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = await createAccount(pool, { email: `reads${i}.${Date.now()}@example.com`, firstName: 'Read', lastName: `Customer${i}`, phone: `+1415${String(3000000 + i).padStart(7, '0')}` });
    await pool.query(`UPDATE accounts.accounts SET status = 'active' WHERE id = $1`, [a.id]);
    await pool.query(
      `INSERT INTO accounts.advance_terms (account_id, approved, limit_cents, next_payday, income_cadence, application_id, model_version) VALUES ($1, true, 20000, current_date + 7, 'biweekly', gen_random_uuid(), 'bench')`,
      [a.id],
    );
    if (i % 4 === 0) {
      // A settled $30 advance: the advance, its disbursement, and the ledger's receivable.
      const adv = (await pool.query(`INSERT INTO transfers.advances (id, account_id, principal_cents, status) VALUES (gen_random_uuid(), $1, 3000, 'outstanding') RETURNING id`, [a.id])).rows[0].id;
      const t = (
        await pool.query(
          `INSERT INTO transfers.transfers (id, advance_id, account_id, purpose, direction, amount_cents, workflow_id, seq, status)
           VALUES (gen_random_uuid(), $1, $2, 'disbursement', 'credit', 3000, $3, 1, 'completed') RETURNING id`,
          [adv, a.id, `transfer-${adv}-disbursement-1`],
        )
      ).rows[0].id;
      const p = (await pool.query(`INSERT INTO transfers.ledger_postings (transfer_id, posting_key, event, attempt) VALUES ($1, $2, 'settled', 1) RETURNING id`, [t, `${t}:1:settled`])).rows[0].id;
      await pool.query(`INSERT INTO transfers.ledger_lines (posting_id, ledger_account, amount_cents) VALUES ($1, $2, 3000), ($1, 'cash', -3000)`, [p, `customer_receivable:${a.id}`]);
    }
    tokens.push((await createSession(pool, 'customer', a.id, 3600)).token);
  }
  return tokens;
}

/**
 * Open loop: one request every 1000/rps ms for `seconds`, round-robin over the customers. The load
 * runs on its own thread (plain JavaScript, no loader needed), so the API's event loop in this
 * process serves requests and nothing else.
 */
const LOAD_THREAD = `
const { parentPort, workerData: { tokens } } = require('node:worker_threads');
// One thread for the whole run, told each slice by a message (starting a thread per slice cost
// tens of milliseconds of CPU at each slice's start, which showed in every path's p95).
parentPort.on('message', async ({ url, rps, seconds, offset }) => {
  const total = rps * seconds;
  const latencies = [];
  let errors = 0;
  const start = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rps - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push((async () => {
      const s = performance.now();
      try {
        const res = await fetch(url, { headers: { authorization: 'Bearer ' + tokens[(offset + i) % tokens.length] } });
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
      } catch { errors += 1; }
      latencies.push(performance.now() - s);
    })());
  }
  await Promise.all(inFlight);
  parentPort.postMessage({ latencies, errors, wallMs: performance.now() - start });
});
`;

/** The load thread: open-loop slices against one URL at a time, each answering its raw latencies. */
function startLoadThread(tokens: string[]) {
  const w = new Worker(LOAD_THREAD, { eval: true, workerData: { tokens } });
  return {
    slice: (url: string, rps: number, seconds: number, offset: number) =>
      new Promise<{ latencies: number[]; errors: number; wallMs: number }>((resolve, reject) => {
        // Each slice removes the listener it did not use: forty slices would otherwise leave forty
        // 'error' listeners behind (Node warned at the eleventh).
        const onMessage = (m: { latencies: number[]; errors: number; wallMs: number }) => {
          w.off('error', onError);
          resolve(m);
        };
        const onError = (err: Error) => {
          w.off('message', onMessage);
          reject(err);
        };
        w.once('message', onMessage);
        w.once('error', onError);
        w.postMessage({ url, rps, seconds, offset });
      }),
    stop: () => w.terminate(),
  };
}

/**
 * Every target in turn, one second each, `seconds` rounds: the machine's state drifts over a run
 * (the baseline's p50 moved from 1.3 to 2.5 ms between runs minutes apart, and within a run from
 * its first to its last measurement), so each path is measured across the same stretch of time
 * rather than in a block of its own. Each slice starts on the next customers in turn.
 */
async function loadInterleaved(load: ReturnType<typeof startLoadThread>, urls: string[], rps: number, seconds: number) {
  const acc = urls.map(() => ({ latencies: [] as number[], errors: 0, wallMs: 0 }));
  for (let round = 0; round < seconds; round++) {
    for (const [i, url] of urls.entries()) {
      const r = await load.slice(url, rps, 1, (round * urls.length + i) * rps);
      acc[i].latencies.push(...r.latencies);
      acc[i].errors += r.errors;
      acc[i].wallMs += r.wallMs;
    }
  }
  return acc.map((a) => ({ ...summarize(a.latencies, a.wallMs), errors: a.errors }));
}

export async function benchReads(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { rps: { type: 'string', default: '200' }, seconds: { type: 'string', default: '10' }, customers: { type: 'string', default: '200' } } });
  const rps = Number(values.rps);
  const seconds = Number(values.seconds);
  const env = await startBenchEnv({ worker: false });
  // Request logs as in production (info): their cost counts.
  logger.level = 'info';
  const baseline = await startBaseline(process.env.DATABASE_URL!);
  try {
    process.stderr.write(`seeding ${values.customers} customers...\n`);
    const tokens = await seed(Number(values.customers));
    const targets: [string, string][] = [
      ['baseline: Express + pg, 2 reads', `${baseline.url}/baseline/me`],
      ['GET /v1/me', `${env.apiUrl}/v1/me`],
      ['GET /v1/advances', `${env.apiUrl}/v1/advances`],
      ['GET /v1/applications', `${env.apiUrl}/v1/applications`],
    ];
    // Warm up every path with every customer (JIT, pool connections, each session's last-used touch,
    // which then falls due again only after the measured minute), then measure the paths interleaved.
    const load = startLoadThread(tokens);
    for (const [, url] of targets) await load.slice(url, Math.min(rps, tokens.length), Math.ceil(tokens.length / Math.min(rps, tokens.length)), 0);
    process.stderr.write(`  ${targets.length} paths interleaved, 1 s each, ${seconds} rounds at ${rps} rps...\n`);
    const stopProfile = await startPhaseProfile('reads');
    const measured = await loadInterleaved(
      load,
      targets.map(([, url]) => url),
      rps,
      seconds,
    );
    await stopProfile();
    await load.stop();
    const results = targets.map(([name], i) => ({ name, r: measured[i] }));
    const base = results[0].r.p50;
    const lines = [
      '',
      `machine: ${env.machine}`,
      `${rps} rps, ${seconds} s per path in 1 s slices interleaved with the others (open loop), ${tokens.length} customers round-robin, request logging at info (to stdout)`,
      ...results.map(
        ({ name, r }) =>
          `${name.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  errors ${r.errors}` +
          (name.startsWith('GET') ? `  p50 vs baseline ${(r.p50 / base).toFixed(2)}x` : ''),
      ),
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
  } finally {
    await baseline.stop();
    await env.stop();
  }
}
