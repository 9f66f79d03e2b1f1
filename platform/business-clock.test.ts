/**
 * The business clock: wall time in production, the local Plaid sandbox's clock in dev and tests,
 * so moving the sandbox's time moves Timely's business dates with it.
 */
import { startSandboxForTimely } from '../test/support/plaid';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { businessClockSource, businessNow, businessToday } from './business-clock';
import { ConfigError, loadConfig, resetConfigForTests } from './config';

const saved = { ...process.env };
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandboxForTimely();
});
afterAll(async () => {
  await sandbox.close();
  process.env = saved;
  resetConfigForTests();
});
afterEach(() => {
  delete process.env.BUSINESS_CLOCK;
  process.env.PLAID_LOCAL_URL = sandbox.url;
  resetConfigForTests();
});

const wallDay = () => new Date().toISOString().slice(0, 10);

it('follows the local sandbox by default, wall time with Plaid itself, and refuses to follow a sandbox Plaid does not have', () => {
  expect(businessClockSource(loadConfig({ PLAID_ENV: 'local' }))).toBe('plaid-sandbox');
  expect(businessClockSource(loadConfig({ PLAID_ENV: 'sandbox' }))).toBe('wall');
  expect(businessClockSource(loadConfig({ PLAID_ENV: 'local', BUSINESS_CLOCK: 'wall' }))).toBe('wall');
  expect(() => loadConfig({ PLAID_ENV: 'sandbox', BUSINESS_CLOCK: 'plaid-sandbox' })).toThrow(ConfigError);
  expect(() => loadConfig({ BUSINESS_CLOCK: 'sandbox-ish' })).toThrow(ConfigError);
});

it("moves with the sandbox's clock; wall time when told so", async () => {
  expect(await businessToday()).toBe(sandbox.clock.now().toISOString().slice(0, 10));
  await sandbox.control('/clock/advance', { days: 3, hours: 1 });
  const sandboxNow = sandbox.clock.now();
  expect(Math.abs((await businessNow()).getTime() - sandboxNow.getTime())).toBeLessThan(2_000);
  expect(await businessToday()).toBe(sandboxNow.toISOString().slice(0, 10));
  expect(await businessToday()).not.toBe(wallDay());

  process.env.BUSINESS_CLOCK = 'wall';
  resetConfigForTests();
  expect(await businessToday()).toBe(wallDay());
});

it('falls back to wall time when the sandbox cannot be reached (dev only; never in production)', async () => {
  process.env.PLAID_LOCAL_URL = 'http://127.0.0.1:9';
  resetConfigForTests();
  expect(await businessToday()).toBe(wallDay());
});
