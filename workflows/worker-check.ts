/**
 * The worker's start-up check: a tiny workflow that runs one activity on the worker's own task
 * queue. When it completes, the queue is served end to end (server -> workflow task -> activity).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { echo } = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });

export interface WorkerCheckInput {
  nonce: string;
}

export async function workerCheckWorkflow(input: WorkerCheckInput): Promise<{ nonce: string; servedBy: string }> {
  return echo(input.nonce);
}
