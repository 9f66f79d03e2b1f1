/**
 * A new sweep's input: each page cut evenly over the lanes, so every lane evaluates one batch per
 * page (issue 15, ninth session), within the largest batch one activity should redo on a retry.
 */
import { firstSweepInput, MAX_SWEEP_BATCH, sweepBatchSize } from './evaluate-sweep';

it('cuts a page evenly over the lanes: one round of batches, each as small as that allows', () => {
  for (const [pageSize, fanOut] of [
    [500, 8],
    [500, 10],
    [2, 2],
    [7, 3],
    [1, 8],
    [501, 8],
  ]) {
    const size = sweepBatchSize(pageSize, fanOut);
    // As the workflow cuts its page: batches of `size`, the last one what is left.
    expect(Math.ceil(pageSize / size)).toBeLessThanOrEqual(fanOut);
    // The smallest size that does: one account fewer per batch would need another round.
    if (size > 1) expect(Math.ceil(pageSize / (size - 1))).toBeGreaterThan(fanOut);
  }
  expect(sweepBatchSize(500, 8)).toBe(63);
});

it('never makes a batch larger than one activity should redo on a retry', () => {
  expect(sweepBatchSize(5000, 8)).toBe(MAX_SWEEP_BATCH);
  expect(sweepBatchSize(5000, 1)).toBe(MAX_SWEEP_BATCH);
});

it('starts a sweep from the first account with the batch size written in its input, carried over every continue-as-new', () => {
  expect(firstSweepInput({ pageSize: 500, fanOut: 8, trigger: 'schedule' })).toEqual({
    afterId: null,
    pageSize: 500,
    fanOut: 8,
    batchSize: 63,
    processed: 0,
    failed: 0,
    trigger: 'schedule',
  });
});
