/**
 * With RECORD_HISTORIES=1, keeps a finished run's history in workflows/histories/<name>.json, where
 * workflows/replay.test.ts replays every one against today's workflow code (the determinism guard).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

const HISTORIES = path.join(__dirname, '..', '..', 'workflows', 'histories');

export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  mkdirSync(HISTORIES, { recursive: true });
  writeFileSync(path.join(HISTORIES, `${name}.json`), historyToJSON(history));
}
