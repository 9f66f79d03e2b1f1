/**
 * A real worker on the test run's Temporal dev server, with the prebuilt bundle from
 * global-setup. Each test file uses its own task queue so files cannot steal each other's tasks.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { loadConfig, resetConfigForTests } from '../../platform/config';
import { createTemporalClient } from '../../platform/temporal-client';
import { createWorker } from '../../worker/worker';

let runtimeInstalled = false;

export interface TestTemporal {
  client: Client;
  /** The worker's own connection (a client on it may start workflows eagerly). */
  nativeConnection: NativeConnection;
  taskQueue: string;
  worker: Worker;
  /** resolves when the worker has stopped */
  running: Promise<void>;
  stop(): Promise<void>;
}

export async function startTestWorker(overrides: Partial<WorkerOptions> = {}): Promise<TestTemporal> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  // A queue of this test file's own, also used by the API in this process: files running in
  // parallel never serve each other's workflows.
  const taskQueue = `test-${randomUUID()}`;
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  resetConfigForTests();
  const cfg = loadConfig();
  const nativeConnection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const worker = await createWorker(cfg, nativeConnection, { shutdownGraceTime: '2s', ...overrides });
  const running = worker.run();
  const connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const client = createTemporalClient(cfg, connection);
  return {
    client,
    nativeConnection,
    taskQueue,
    worker,
    running,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
