/**
 * `npm run temporal -- show <workflowId>`: an operator's shell (holding the payload keys) reads a
 * history decoded, while the history as Temporal stores it holds only ciphertext; a shell with
 * the wrong keys is told which key it lacks.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { loadConfig } from '../platform/config';
import { createTemporalClient } from '../platform/temporal-client';
import { OTHER_TEST_PAYLOAD_KEY, TEST_PAYLOAD_KEY_ID } from '../test/support/payload-keys';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..');
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'temporal.ts'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });

it('shows an operator the decoded history; the stored one is ciphertext; wrong keys are named', async () => {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const client = createTemporalClient(loadConfig(), connection);
  const workflowId = `cli-show-${randomUUID()}`;
  const secret = { email: `probe.${randomUUID()}@example.com`, legalName: 'Probe Person' };
  // A queue no worker polls: the start alone writes the (encrypted) input into the history.
  const handle = await client.workflow.start('cliShowProbe', { taskQueue: `nobody-${randomUUID()}`, workflowId, args: [secret] });
  try {
    expect(historyToJSON(await handle.fetchHistory())).not.toContain(secret.email);

    const { stdout } = await cli(['show', workflowId, '--json']);
    const events = JSON.parse(stdout) as { type: string; attributes: Record<string, { input?: unknown[] }> }[];
    expect(events[0].type).toBe('WORKFLOW_EXECUTION_STARTED');
    expect(events[0].attributes.workflowExecutionStartedEventAttributes.input).toEqual([secret]);

    const wrong = await cli(['show', workflowId], { TEMPORAL_PAYLOAD_KEYS: OTHER_TEST_PAYLOAD_KEY, TEMPORAL_PAYLOAD_KEY_ID: '' }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(wrong?.code).toBe(1);
    expect(wrong?.stderr).toMatch(new RegExp(`encrypted with key "${TEST_PAYLOAD_KEY_ID}", which TEMPORAL_PAYLOAD_KEYS does not hold`));
  } finally {
    await handle.terminate('test done');
    await connection.close();
  }
});
