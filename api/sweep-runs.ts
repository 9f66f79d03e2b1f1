/**
 * The last sweeps, from Temporal's visibility store (the evaluate module stores evaluations, not
 * sweep runs; Temporal already keeps every run with its start, close and status, so nothing is
 * stored twice). Each continue-as-new page is a run of its own; a completed run's result gives the
 * accounts it processed and the failures (running or continued runs: null).
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { config } from '../platform/config';
import { logger } from '../platform/logger';
import { getTemporalClient } from '../platform/temporal-client';
import type { SweepResult } from '../workflows/evaluate-sweep';

export interface SweepRun {
  workflowId: string;
  startedAt: string;
  closedAt: string | null;
  durationMs: number | null;
  accounts: number | null;
  failures: number | null;
  status: string;
}

export async function lastSweepRuns(limit = 10): Promise<SweepRun[]> {
  const client = getTemporalClient();
  const runs: WorkflowExecutionInfo[] = [];
  try {
    // This deployment's sweeps only (its task queue), newest first.
    const query = `WorkflowType = "evaluateSweepWorkflow" AND TaskQueue = "${config().TEMPORAL_TASK_QUEUE}"`;
    for await (const w of client.workflow.list({ query, pageSize: limit })) {
      runs.push(w);
      if (runs.length >= limit) break;
    }
  } catch (err) {
    logger.warn({ err }, 'listing sweep runs failed; the dashboard shows none');
    return [];
  }
  return Promise.all(
    runs.map(async (w) => {
      let result: SweepResult | null = null;
      if (w.status.name === 'COMPLETED')
        result = await client.workflow
          .getHandle(w.workflowId, w.runId, { followRuns: false })
          .result()
          .catch(() => null);
      return {
        workflowId: w.workflowId,
        startedAt: w.startTime.toISOString(),
        closedAt: w.closeTime?.toISOString() ?? null,
        durationMs: w.closeTime ? w.closeTime.getTime() - w.startTime.getTime() : null,
        accounts: result?.processed ?? null,
        failures: result?.failed ?? null,
        status: w.status.name.toLowerCase(),
      };
    }),
  );
}
