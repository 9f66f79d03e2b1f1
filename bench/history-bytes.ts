/**
 * How much a workflow's history weighs: the protobuf size of each run's full history, as the
 * server stores it (payloads included, whatever their encoding). Issue 13's figure: the apply
 * benchmark's history bytes per application.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export async function historyBytes(client: Client, workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return temporal.api.history.v1.History.encode(history).finish().length;
}

/** Mean and largest history size over the given runs, as one line for a benchmark report. */
export async function historyBytesSummary(client: Client, workflowIds: string[]): Promise<string> {
  const sizes: number[] = [];
  for (const id of workflowIds) sizes.push(await historyBytes(client, id));
  if (sizes.length === 0) return 'history bytes: no runs';
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  return `history bytes per run: mean ${Math.round(mean).toLocaleString('en-US')}, max ${Math.max(...sizes).toLocaleString('en-US')} (${sizes.length} runs)`;
}
