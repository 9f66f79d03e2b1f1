/** Builds the Timely worker: every workflow and activity on one task queue. */
import { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Config } from '../platform/config';
import { dataConverter } from '../platform/data-converter';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function createWorker(
  cfg: Config,
  connection: NativeConnection,
  overrides: Partial<WorkerOptions> = {},
): Promise<Worker> {
  const code: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = cfg.WORKFLOW_BUNDLE_PATH
    ? { workflowBundle: { codePath: cfg.WORKFLOW_BUNDLE_PATH } }
    : { workflowsPath: WORKFLOWS_PATH };
  return Worker.create({
    connection,
    namespace: cfg.TEMPORAL_NAMESPACE,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    activities: createActivities(),
    dataConverter: dataConverter(cfg),
    ...code,
    shutdownGraceTime: `${cfg.WORKER_SHUTDOWN_GRACE_SECONDS}s`,
    maxConcurrentActivityTaskExecutions: cfg.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: cfg.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    ...overrides,
  });
}
