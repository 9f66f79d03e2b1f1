/**
 * Determinism guard: histories of real runs (workflows/histories/*.json, recorded from the tests
 * with RECORD_HISTORIES=1) replay against today's workflow code. A change that would break a
 * running workflow fails here; put it behind patched() instead. Histories recorded before payloads
 * were encrypted (json/plain) and after (the committed test key, test/support/payload-keys.ts)
 * both replay through the same data converter as the worker's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { dataConverter } from '../platform/data-converter';

const dir = path.join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

it('has recorded histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

it.each(files)('replays %s without a determinism error', async (file) => {
  // The worker turns the JSON (Temporal's history JSON) back into a history itself.
  const history = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! }, dataConverter: dataConverter(loadConfig()) }, history, file.replace(/\.json$/, ''));
});
