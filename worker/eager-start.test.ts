/**
 * Workflows that the worker's activities start (a sweep's hand-over, an advance's transfer) go
 * through the worker's own connection and are started eagerly: the server hands the first workflow
 * task back to this worker in the start's answer (platform/temporal-client.ts).
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config';
import { createTemporalClient, eagerStart } from '../platform/temporal-client';
import { startTestWorker, TestTemporal } from '../test/support/temporal';
import { benchNoopWorkflow } from '../workflows/bench-noop';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestWorker();
});
afterAll(() => t.stop());

it('starts a workflow eagerly through the worker connection, and never asks for it through a plain one', async () => {
  const shared = createTemporalClient(loadConfig(), t.nativeConnection);
  expect(eagerStart(shared)).toEqual({ requestEagerStart: true });
  // The SDK refuses requestEagerStart on a connection that no worker shares: none is asked.
  expect(eagerStart(t.client)).toEqual({});

  const args = [{ activities: 1, localActivities: 0 }] as [{ activities: number; localActivities: number }];
  const eager = await shared.workflow.start(benchNoopWorkflow, { ...eagerStart(shared), taskQueue: t.taskQueue, workflowId: `eager-${randomUUID()}`, args });
  expect(eager.eagerlyStarted).toBe(true);
  expect(await eager.result()).toBe(1);
  const queued = await t.client.workflow.start(benchNoopWorkflow, { ...eagerStart(t.client), taskQueue: t.taskQueue, workflowId: `queued-${randomUUID()}`, args });
  expect(queued.eagerlyStarted).toBe(false);
  expect(await queued.result()).toBe(1);
});
