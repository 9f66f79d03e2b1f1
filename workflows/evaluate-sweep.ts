/**
 * evaluateSweepWorkflow: evaluates every active account with advance terms. Pages through them by
 * id; each page is cut into batches evaluated by activities, at most `fanOut` at once; an account
 * that needs money moved (or a repayment notice) is handed to its own evaluateAccountWorkflow,
 * visible in the UI. Continues as new after each page, so its history stays small at any scale.
 * Started by a Temporal Schedule (overlapping sweeps skipped) or by staff.
 */
import { continueAsNew, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { EvaluationTrigger } from './evaluate';

const { listEvaluableAccounts } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '30 seconds' } });
const { evaluateAccountsBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute', maximumAttempts: 5 },
});

export interface SweepInput {
  afterId: string | null;
  pageSize: number;
  /** batches evaluated at once */
  fanOut: number;
  /** Accounts per batch activity (firstSweepInput: the page cut evenly over the lanes); 50 in runs started before. */
  batchSize?: number;
  processed: number;
  handedOver?: number;
  failed: number;
  trigger: EvaluationTrigger;
  /** This page's ids, listed by the previous run while its batches were evaluated. */
  prefetched?: string[];
}

export interface SweepResult {
  processed: number;
  handedOver: number;
  failed: number;
}

export const EVALUATE_SWEEP_WORKFLOW_ID = 'evaluate-sweep';

/** The most accounts one batch activity evaluates (a retried batch redoes at most this many). */
export const MAX_SWEEP_BATCH = 100;

/**
 * A page cut evenly over the lanes: each of `fanOut` lanes evaluates one batch per page, so a page
 * is one round. Batches of a fixed 50 (8 + 2 at the defaults) left six lanes idle while the last
 * two ran, and put a workflow task (a batch done, the next scheduled) on the page's critical path.
 * Measured in bench/RESULTS.md (issue 15, ninth session).
 */
export function sweepBatchSize(pageSize: number, fanOut: number): number {
  return Math.max(1, Math.min(MAX_SWEEP_BATCH, Math.ceil(pageSize / fanOut)));
}

/** A new sweep's input (the schedule's, a staff trigger's, the benchmark's). */
export function firstSweepInput(o: { pageSize: number; fanOut: number; trigger: EvaluationTrigger }): SweepInput & { batchSize: number } {
  return { afterId: null, pageSize: o.pageSize, fanOut: o.fanOut, batchSize: sweepBatchSize(o.pageSize, o.fanOut), processed: 0, failed: 0, trigger: o.trigger };
}

export async function evaluateSweepWorkflow(input: SweepInput): Promise<SweepResult> {
  const { workflowId, runId } = workflowInfo();
  const ids = input.prefetched ?? (await listEvaluableAccounts({ afterId: input.afterId, limit: input.pageSize }));
  // The next page is listed while this one is evaluated, so listing is off the sweep's critical
  // path from the second page on (runs recorded before listed each page first).
  const full = ids.length === input.pageSize;
  const nextPage = full && patched('sweep-lists-next-page-early') ? listEvaluableAccounts({ afterId: ids[ids.length - 1], limit: input.pageSize }) : undefined;
  const size = input.batchSize ?? 50;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  let next = 0;
  let handedOver = input.handedOver ?? 0;
  let failed = input.failed;
  const lane = async () => {
    while (next < batches.length) {
      const r = await evaluateAccountsBatch({ accountIds: batches[next++], sweepWorkflowId: workflowId, sweepRunId: runId, trigger: input.trigger });
      handedOver += r.handedOver;
      failed += r.failed;
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.fanOut, batches.length) }, lane));
  const processed = input.processed + ids.length;
  if (!full) return { processed, handedOver, failed };
  const prefetched = await nextPage;
  // Nothing after this page: done now, not after a new run that would find nothing.
  if (prefetched?.length === 0) return { processed, handedOver, failed };
  return continueAsNew<typeof evaluateSweepWorkflow>({ ...input, afterId: ids[ids.length - 1], processed, handedOver, failed, prefetched });
}
