/**
 * Workflows that the worker's activities start (a sweep's hand-over, an advance's transfer) go
 * through the worker's own connection and are started eagerly: the server hands the first workflow
 * task back to this worker in the start's answer (platform/temporal-client.ts).
 */
import { Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { loadConfig, resetConfigForTests } from '../platform/config';
import { createTemporalClient, eagerStart } from '../platform/temporal-client';
import { benchNoopWorkflow } from '../workflows/bench-noop';
import { createWorker } from './worker';

it('starts a workflow eagerly through the worker connection, and never asks for it through a plain one', async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.TEMPORAL_TASK_QUEUE = `eager-${randomUUID()}`;
  resetConfigForTests();
  const cfg = loadConfig();
  const native = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const plain = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const worker = await createWorker(cfg, native, { shutdownGraceTime: '2s' });
  const running = worker.run();
  try {
    const shared = createTemporalClient(cfg, native);
    const own = createTemporalClient(cfg, plain);
    expect(eagerStart(shared)).toEqual({ requestEagerStart: true });
    // The SDK refuses requestEagerStart on a connection that no worker shares: none is asked.
    expect(eagerStart(own)).toEqual({});

    const args = [{ activities: 1, localActivities: 0 }] as [{ activities: number; localActivities: number }];
    const eager = await shared.workflow.start(benchNoopWorkflow, { ...eagerStart(shared), taskQueue: cfg.TEMPORAL_TASK_QUEUE, workflowId: `eager-${randomUUID()}`, args });
    expect(eager.eagerlyStarted).toBe(true);
    expect(await eager.result()).toBe(1);
    const queued = await own.workflow.start(benchNoopWorkflow, { ...eagerStart(own), taskQueue: cfg.TEMPORAL_TASK_QUEUE, workflowId: `queued-${randomUUID()}`, args });
    expect(queued.eagerlyStarted).toBe(false);
    expect(await queued.result()).toBe(1);
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await plain.close();
  }
});
