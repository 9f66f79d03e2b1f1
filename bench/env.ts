/**
 * The benchmarks' environment: the same real parts as `npm run dev` (Temporal dev server,
 * PostgreSQL, the local Plaid sandbox, a worker with the prebuilt bundle, the API), started fresh
 * in this process and torn down after, so every run measures from the same clean state.
 */
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { FakeOtpSender } from '../activities/accounts/otp-sender';
import { createApp } from '../api/app';
import { handleClientErrors } from '../api/client-error';
import { closePool } from '../db/pool';
import { loadConfig, resetConfigForTests } from '../platform/config';
import { closeTemporalClient } from '../platform/temporal-client';
import { ManualClock } from '../plaid-sandbox/clock';
import { createPlaidSandbox } from '../plaid-sandbox/sandbox';
import { startEphemeralEnv } from '../scripts/ephemeral-env';
import { createWorker } from '../worker/worker';
import { startWorkerProcess } from '../test/support/worker-process';
import { postgresPids, ProcessGroups } from './cpu-meter';

export interface BenchEnv {
  apiUrl: string;
  plaidUrl: string;
  machine: string;
  /** set when the worker runs in its own process (to measure its memory alone) */
  workerPid?: number;
  /** Plaid API calls the sandbox answered so far, by path (e.g. /accounts/balance/get). */
  plaidCalls(): Record<string, number>;
  /** The run's processes by part, for bench/cpu-meter.ts. */
  processes: ProcessGroups;
  stop(): Promise<void>;
}

export async function startBenchEnv(opts: { workerProcess?: boolean; worker?: boolean } = {}): Promise<BenchEnv> {
  process.env.LOG_LEVEL ??= 'warn';
  const eph = await startEphemeralEnv('bench');
  // Its connections stay open while idle (min), as Plaid's servers do not start cold between sweeps.
  const sandboxPool = new Pool({ connectionString: eph.databaseUrl, max: 10, min: 10 });
  const sandbox = createPlaidSandbox({ pool: sandboxPool, clock: new ManualClock(new Date()) });
  // The sandbox behind a counter of Plaid calls by path: the benchmarks report billable calls.
  await sandbox.ready();
  const plaidCalls: Record<string, number> = {};
  const plaidServer = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && !path.startsWith('/__sandbox')) plaidCalls[path] = (plaidCalls[path] ?? 0) + 1;
    sandbox.app(req, res);
  });
  await new Promise<void>((resolve) => plaidServer.listen(0, '127.0.0.1', resolve));
  const plaidUrl = `http://127.0.0.1:${(plaidServer.address() as AddressInfo).port}`;
  Object.assign(process.env, eph.env, { NODE_ENV: 'test', PLAID_ENV: 'local', PLAID_LOCAL_URL: plaidUrl, TEMPORAL_TASK_QUEUE: `bench-${process.pid}`, DATABASE_POOL_MAX: '20' });
  resetConfigForTests();
  const cfg = loadConfig();

  let stopWorker: () => Promise<void>;
  let workerPid: number | undefined;
  if (opts.worker === false) {
    stopWorker = async () => {}; // reads need no worker: the machine's cores go to the API and PostgreSQL
  } else if (opts.workerProcess) {
    // BENCH_CPU_PROF_DIR: profile the worker too, in <dir>/worker (one file per thread: tsx's loader has its own).
    const prof = process.env.BENCH_CPU_PROF_DIR;
    const wp = await startWorkerProcess({ ...process.env, LOG_LEVEL: 'info' } as Record<string, string>, { nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/worker`] : [] });
    workerPid = wp.proc.pid;
    stopWorker = () => wp.kill('SIGTERM');
  } else {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
    const worker: Worker = await createWorker(cfg, connection);
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
  }

  const app = createApp({ otpSender: new FakeOtpSender(cfg.FAKE_OTP_CODE) });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  handleClientErrors(server); // as api/main.ts does: malformed HTTP answers problem+json, not Node's bare 400
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, Temporal CLI dev server (SQLite in memory), PostgreSQL 15 local`;
  return {
    apiUrl,
    plaidUrl,
    machine,
    workerPid,
    plaidCalls: () => ({ ...plaidCalls }),
    processes: {
      'Temporal server': () => [eph.server.process.pid!],
      ...(workerPid ? { worker: () => [workerPid] } : {}),
      PostgreSQL: postgresPids,
      // The API, the Plaid sandbox (Plaid's cost in production) and the driver; the worker too when it runs here.
      [workerPid ? 'API + sandbox + driver' : 'API + sandbox + driver + worker']: () => [process.pid],
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await stopWorker();
      await closeTemporalClient();
      await new Promise((r) => {
        plaidServer.close(r);
        plaidServer.closeAllConnections();
      });
      await sandbox.stop();
      await sandboxPool.end();
      await closePool();
      await eph.stop();
    },
  };
}
