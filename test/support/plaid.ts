/**
 * The local Plaid sandbox for Timely's own tests: in-process on a free port over the test
 * database, with Timely's config pointed at it (PLAID_LOCAL_URL) before anything reads it.
 */
import { resetConfigForTests } from '../../platform/config';
import { ManualClock } from '../../plaid-sandbox/clock';
import { startTestSandbox, TestSandbox } from '../../plaid-sandbox/test/harness';

export async function startSandboxForTimely(): Promise<TestSandbox> {
  // Any client id / secret: Timely's defaults are what it sends. The clock starts at the real now
  // (histories end today, as underwriting expects) and moves only when a test advances it.
  const t = await startTestSandbox({ credentials: undefined, clock: new ManualClock(new Date()) });
  process.env.PLAID_ENV = 'local';
  process.env.PLAID_LOCAL_URL = t.url;
  resetConfigForTests();
  return t;
}

/** Points Plaid's webhooks (set at link time) at this test's API. */
export function useWebhookUrl(apiUrl: string): void {
  process.env.PLAID_WEBHOOK_URL = `${apiUrl}/v1/webhooks/plaid`;
  resetConfigForTests();
}
