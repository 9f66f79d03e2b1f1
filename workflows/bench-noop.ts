/**
 * The benchmarks' same-run ceiling: a workflow with the same shape as the one measured (N no-op
 * activities in sequence, and optionally one local one), so a benchmark can compare Timely's
 * workflow with what this Temporal server and worker can do at best.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { noop } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

export async function benchNoopWorkflow(shape: { activities: number; localActivities: number; parallelFirst?: number }): Promise<number> {
  let done = 0;
  if (shape.parallelFirst) {
    await Promise.all(Array.from({ length: shape.parallelFirst }, () => noop()));
    done += shape.parallelFirst;
  }
  for (let i = done; i < shape.activities; i++) await noop();
  for (let i = 0; i < shape.localActivities; i++) await local.noop();
  return shape.activities + shape.localActivities;
}
