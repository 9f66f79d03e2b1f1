/**
 * SIGTERM (a pod being replaced) lets the worker finish the activity it is running before it
 * exits: the activity completes on its first attempt, nothing times out or runs twice.
 */
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { createTemporalClient } from '../platform/temporal-client';
import { benchNoopWorkflow } from '../workflows/bench-noop';
import { startWorkerProcess } from '../test/support/worker-process';
import { eventually } from '../test/support/wait';

it('finishes the in-flight activity, then exits cleanly', async () => {
  const taskQueue = `shutdown-${randomUUID()}`;
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const client = createTemporalClient(loadConfig(), connection);
  const worker = await startWorkerProcess({ TEMPORAL_TASK_QUEUE: taskQueue, WORKER_SHUTDOWN_GRACE_SECONDS: '30' });
  try {
    // Two slow activities in sequence: the first is running when SIGTERM arrives.
    const handle = await client.workflow.start(benchNoopWorkflow, { taskQueue, workflowId: `shutdown-${randomUUID()}`, args: [{ activities: 2, localActivities: 0, activityMs: 3000 }] });
    // History records an activity's start only when it ends; the pending-activity view knows now.
    await eventually('the first activity to be running', async () => {
      const d = await handle.describe();
      return d.raw.pendingActivities?.some((a) => String(a.state).includes('STARTED') || a.state === 2) || undefined;
    }, 20_000, 50);
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) => worker.proc.once('exit', (code) => resolve(code)));
    worker.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    // It waited for the activity (about 3 s) rather than dropping it.
    expect(Date.now() - signalledAt).toBeGreaterThan(1500);
    // Every activity it had started completed, on its first attempt: none was cut off, timed out
    // or handed to another worker to run again.
    const events = (await handle.fetchHistory()).events ?? [];
    const started = events.filter((e) => e.activityTaskStartedEventAttributes);
    const completed = events.filter((e) => e.activityTaskCompletedEventAttributes);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(completed).toHaveLength(started.length);
    expect(started.every((e) => e.activityTaskStartedEventAttributes!.attempt === 1)).toBe(true);
    expect(events.some((e) => e.activityTaskTimedOutEventAttributes || e.activityTaskFailedEventAttributes)).toBe(false);
    expect(worker.lines.some((l) => l.includes('worker stopped'))).toBe(true);
  } finally {
    await worker.kill();
    await connection.close();
  }
}, 60_000);
