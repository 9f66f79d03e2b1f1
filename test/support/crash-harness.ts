/**
 * What a crash test needs around its worker processes: the local Plaid sandbox, the API on a real
 * port (Plaid's webhooks pointed at it), a pool for assertions, and workers in their own OS
 * processes on the file's own task queue, each optionally frozen at a crash point
 * (activities/transfers/crash-points.ts) to be SIGKILLed from the test.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { CrashPoint } from '../../activities/transfers/crash-points';
import { closePool } from '../../db/pool';
import { resetConfigForTests } from '../../platform/config';
import { closeTemporalClient, getTemporalClient } from '../../platform/temporal-client';
import type { TestSandbox } from '../../plaid-sandbox/test/harness';
import { startApi, type TestApi } from './api';
import { useIsolatedDatabase } from './isolated-db';
import { startSandboxForTimely, useWebhookUrl } from './plaid';
import { webhookUrlOf } from './transfers';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export interface CrashHarness {
  sandbox: TestSandbox;
  api: TestApi;
  db: Pool;
  /** Where the sandbox sends TRANSFER_EVENTS_UPDATE. */
  hook: string;
  taskQueue: string;
  /** A worker process on this file's queue, frozen at `pauseAt` when the run reaches it. */
  worker(pauseAt?: CrashPoint): Promise<WorkerProcess>;
  /** Resolves when `w` logs that it is frozen at `point` for `id` (a transfer id, a day...). */
  frozenAt(w: WorkerProcess, point: CrashPoint, id: string): Promise<string>;
  /**
   * SIGKILLs a worker process and tells Temporal the sticky queues of these workflows are gone, as
   * the server concludes by itself after ~10 s without a poller (only latency).
   */
  kill(w: WorkerProcess, workflowIds: string[]): Promise<void>;
  killAll(): Promise<void>;
  close(): Promise<void>;
}

export async function startCrashHarness(opts: { prefix: string; env?: Record<string, string>; isolatedDatabase?: string }): Promise<CrashHarness> {
  const isolated = opts.isolatedDatabase ? await useIsolatedDatabase(opts.isolatedDatabase) : null;
  const sandbox = await startSandboxForTimely();
  const taskQueue = `${opts.prefix}-${randomUUID()}`;
  Object.assign(process.env, { TEMPORAL_TASK_QUEUE: taskQueue, ...opts.env });
  resetConfigForTests();
  const api = await startApi();
  useWebhookUrl(api.url);
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const workers: WorkerProcess[] = [];
  const h: CrashHarness = {
    sandbox,
    api,
    db,
    hook: webhookUrlOf(api),
    taskQueue,
    async worker(pauseAt) {
      const w = await startWorkerProcess({
        TEMPORAL_TASK_QUEUE: taskQueue,
        PLAID_LOCAL_URL: sandbox.url,
        PLAID_ENV: 'local',
        DATABASE_URL: process.env.DATABASE_URL!,
        LOG_LEVEL: 'info',
        TIMELY_TEST_PAUSE_AT: pauseAt ?? '',
      });
      workers.push(w);
      return w;
    },
    frozenAt: (w, point, id) => w.waitForLine((l) => l.includes('crash point reached') && l.includes(`"${point}"`) && l.includes(id), 60_000),
    async kill(w, workflowIds) {
      await w.kill('SIGKILL');
      if (w.proc.signalCode !== 'SIGKILL') throw new Error(`worker ended by ${w.proc.signalCode ?? w.proc.exitCode}, not SIGKILL`);
      for (const workflowId of workflowIds)
        await getTemporalClient()
          .workflowService.resetStickyTaskQueue({ namespace: 'default', execution: { workflowId } })
          .catch(() => undefined); // the run may not exist (yet)
    },
    async killAll() {
      for (const w of workers) await w.kill();
    },
    async close() {
      await h.killAll();
      await api.close();
      await sandbox.close();
      await db.end();
      await closeTemporalClient();
      await closePool();
      await isolated?.drop();
    },
  };
  return h;
}
