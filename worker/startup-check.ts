/**
 * Start-up checks against the Temporal server: the search attributes exist on the namespace, and
 * the task queue is served (a workerCheckWorkflow completes). A worker that fails them logs why.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../platform/search-attributes';
import { workerCheckWorkflow } from '../workflows';

export async function missingSearchAttributes(client: Client, namespace: string): Promise<string[]> {
  const res = await client.connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(res.customAttributes ?? {}));
  return Object.keys(SEARCH_ATTRIBUTES).filter((k) => !known.has(k));
}

export async function checkTaskQueueServed(client: Client, taskQueue: string, timeoutMs = 30_000): Promise<{ servedBy: string; ms: number }> {
  const started = Date.now();
  const nonce = randomUUID();
  const result = await client.workflow.execute(workerCheckWorkflow, {
    taskQueue,
    workflowId: `worker-check-${nonce}`,
    args: [{ nonce }],
    workflowExecutionTimeout: timeoutMs,
  });
  if (result.nonce !== nonce) throw new Error('worker check returned another nonce');
  return { servedBy: result.servedBy, ms: Date.now() - started };
}
