/**
 * Activities are dispatched eagerly on our Temporal servers (scripts/temporal-dev-server.ts for dev,
 * tests and benchmarks; deploy/ for the clusters): when a workflow task schedules an activity and
 * the worker has a free slot, the server hands the activity task back in its answer to that
 * workflow task instead of through the task queue. The server counts each such dispatch in its
 * `activity_eager_execution` metric, read here from a dev server of this file's own.
 */
import { freePort } from '../scripts/net';
import { eventually } from '../test/support/wait';
import { DevServer, startDevServer } from '../scripts/temporal-dev-server';
import { startTestWorker, TestTemporal } from '../test/support/temporal';
import { benchNoopWorkflow } from '../workflows/bench-noop';

let server: DevServer;
let t: TestTemporal;
const previousAddress = process.env.TEMPORAL_ADDRESS;
beforeAll(async () => {
  const [port, metricsPort] = [await freePort(), await freePort()];
  server = await startDevServer({ port, metricsPort, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  process.env.TEMPORAL_ADDRESS = server.address;
  t = await startTestWorker();
}, 90_000);
afterAll(async () => {
  await t?.stop();
  await server?.stop();
  if (previousAddress === undefined) delete process.env.TEMPORAL_ADDRESS;
  else process.env.TEMPORAL_ADDRESS = previousAddress;
});

/** The server's count of eagerly dispatched activities (all labels summed). */
async function eagerActivities(): Promise<number> {
  const text = await (await fetch(server.metricsUrl!)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('activity_eager_execution'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

it('hands the activities a workflow task schedules back to the worker in the same answer', async () => {
  const before = await eagerActivities();
  // Two in parallel, then two one after the other: each is scheduled by a workflow task.
  const shape = { activities: 4, localActivities: 0, parallelFirst: 2 };
  const result = await t.client.workflow.execute(benchNoopWorkflow, { taskQueue: t.taskQueue, workflowId: `eager-activities-${Date.now()}`, args: [shape] });
  expect(result).toBe(4);
  // The server publishes its counters about once a second.
  const counted = await eventually('the server to count 4 eager dispatches', async () => {
    const n = await eagerActivities();
    return n >= before + 4 ? n : undefined;
  }, 10_000);
  expect(counted).toBe(before + 4);
}, 60_000);
