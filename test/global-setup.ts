/**
 * Starts what the tests need, once per `npm test` (scripts/ephemeral-env.ts): a real Temporal dev
 * server in memory, a fresh database (dropped in global-teardown) and the workflow bundle; and
 * builds the web app (dist/web), which the API serves to the browser tests.
 * The addresses reach every test file through process.env (Jest workers inherit it).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEphemeralEnv } from '../scripts/ephemeral-env';
import { TEST_PAYLOAD_KEY_ID, TEST_PAYLOAD_KEYS } from './support/payload-keys';

function buildWebApp(): Promise<void> {
  const root = path.join(__dirname, '..');
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'build-web.ts'), '--quiet'], {
      cwd: root,
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`web app build failed (exit ${code}):\n${out}`))));
  });
}

export default async function globalSetup(): Promise<void> {
  const [env] = await Promise.all([startEphemeralEnv('test'), buildWebApp()]);
  Object.assign(process.env, env.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    TEMPORAL_TASK_QUEUE: `timely-test-${process.pid}`,
    // Payloads are encrypted in tests as everywhere, with the committed test key (recorded histories replay with it).
    TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    TEMPORAL_PAYLOAD_KEY_ID: TEST_PAYLOAD_KEY_ID,
  });
  (globalThis as Record<string, unknown>).__timelyTest = env;
}
