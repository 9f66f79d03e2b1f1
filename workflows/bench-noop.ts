/**
 * The benchmarks' same-run ceiling: a workflow with the same shape as the one measured (N no-op
 * activities in sequence, and optionally one local one), so a benchmark can compare Timely's
 * workflow with what this Temporal server and worker can do at best.
 */
import { continueAsNew, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { noop } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

export async function benchNoopWorkflow(shape: { activities: number; localActivities: number; parallelFirst?: number; activityMs?: number }): Promise<number> {
  let done = 0;
  if (shape.parallelFirst) {
    await Promise.all(Array.from({ length: shape.parallelFirst }, () => noop()));
    done += shape.parallelFirst;
  }
  for (let i = done; i < shape.activities; i++) await noop(shape.activityMs ?? 0);
  for (let i = 0; i < shape.localActivities; i++) await local.noop();
  return shape.activities + shape.localActivities;
}

/**
 * The sweep benchmark's floor: the same paging, batching, fan-out and continue-as-new as
 * evaluateSweepWorkflow over `total` synthetic accounts, each batch a no-op activity: what this
 * Temporal server and worker cost before any account is evaluated.
 */
export async function benchNoopSweepWorkflow(input: { total: number; done: number; pageSize: number; fanOut: number; batchSize: number }): Promise<number> {
  const page = Math.min(input.pageSize, input.total - input.done);
  const batches = Math.ceil(page / input.batchSize);
  let next = 0;
  const lane = async () => {
    while (next++ < batches) await noop();
  };
  await Promise.all(Array.from({ length: Math.min(input.fanOut, batches) }, lane));
  const done = input.done + page;
  if (done >= input.total) return done;
  return continueAsNew<typeof benchNoopSweepWorkflow>({ ...input, done });
}
