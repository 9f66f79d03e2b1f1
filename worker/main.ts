/**
 * `npm run worker`: the worker process. Polls TEMPORAL_TASK_QUEUE until SIGTERM/SIGINT, then
 * stops polling and lets in-flight activities finish (WORKER_SHUTDOWN_GRACE_SECONDS).
 */
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { errForLog } from '../db/pg-error';
import { closePool, keepIdleConnections } from '../db/pool';
import { configOrExit } from '../platform/config';
import { useDevEndpoints } from '../platform/dev-endpoints';
import { logger } from '../platform/logger';
import { clientConnectionOptions, workerConnectionOptions } from '../platform/temporal';
import { createTemporalClient, shareWorkerConnection } from '../platform/temporal-client';
import { installRuntime } from './runtime';
import { checkTaskQueueServed, missingSearchAttributes } from './startup-check';
import { ensureSchedules } from './schedules';
import { createWorker } from './worker';

async function main(): Promise<void> {
  // DATABASE_URL / TEMPORAL_ADDRESS unset: those of the running `npm run dev` (logged).
  await useDevEndpoints(['database', 'temporal']);
  const cfg = configOrExit();
  keepIdleConnections();
  installRuntime(cfg);
  const connection = await NativeConnection.connect(workerConnectionOptions(cfg));
  shareWorkerConnection(cfg, connection);
  const worker = await createWorker(cfg, connection);
  const client = createTemporalClient(cfg, await Connection.connect(clientConnectionOptions(cfg)));

  const missing = await missingSearchAttributes(client, cfg.TEMPORAL_NAMESPACE);
  if (missing.length)
    logger.warn({ missing }, 'search attributes are missing on the namespace; register them (see README) so operators can filter runs');

  // Schedules (evaluation sweep, transfer event sync) exist and match this version's settings.
  if (cfg.WORKER_MANAGES_SCHEDULES)
    await ensureSchedules(client, cfg).then(
      (schedules) => logger.info({ schedules }, 'schedules in place'),
      (err) => logger.error({ err }, 'could not set up schedules; run `npm run schedules`'),
    );

  const running = worker.run();
  logger.info(
    { taskQueue: cfg.TEMPORAL_TASK_QUEUE, namespace: cfg.TEMPORAL_NAMESPACE, metrics: cfg.METRICS_PORT ? `http://${cfg.HOST}:${cfg.METRICS_PORT}/metrics` : 'off' },
    'worker polling',
  );
  checkTaskQueueServed(client, cfg.TEMPORAL_TASK_QUEUE)
    .then((r) => logger.info(r, 'start-up check passed: the task queue is served'))
    .catch((err) => logger.error({ err }, 'start-up check failed: the task queue is not served'));

  await running; // resolves after a shutdown signal once in-flight work has finished
  await client.connection.close();
  await connection.close();
  await closePool();
  logger.info('worker stopped');
}

main().catch((err) => {
  logger.fatal({ err: errForLog(err) }, 'worker failed');
  process.exit(1);
});
