/**
 * Starts what the tests need, once per `npm test` (scripts/ephemeral-env.ts): a real Temporal dev
 * server in memory, a fresh database (dropped in global-teardown) and the workflow bundle.
 * The addresses reach every test file through process.env (Jest workers inherit it).
 */
import { startEphemeralEnv } from '../scripts/ephemeral-env';

export default async function globalSetup(): Promise<void> {
  const env = await startEphemeralEnv('test');
  Object.assign(process.env, env.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    TEMPORAL_TASK_QUEUE: `timely-test-${process.pid}`,
  });
  (globalThis as Record<string, unknown>).__timelyTest = env;
}
