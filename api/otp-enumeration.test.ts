/**
 * POST /v1/auth/otp must not tell a customer's phone from a stranger's (issue 12, abuse limits):
 * not by its body, and not by waiting for (or failing with) the SMS provider, which is only ever
 * called for customers. Here the provider is slow and then fails.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { FakeOtpSender, type OtpSender } from '../activities/accounts/otp-sender';
import { createApp } from './app';
import { closePool } from '../db/pool';
import { call, type TestApi, uniqueCustomer } from '../test/support/api';

const SLOW_MS = 1500;
class SlowFailingSender implements OtpSender {
  readonly name = 'slow-failing';
  sent = 0;
  private readonly fake = new FakeOtpSender('000000');
  newCode(): string {
    return this.fake.newCode();
  }
  async send(): Promise<void> {
    this.sent += 1;
    await new Promise((r) => setTimeout(r, SLOW_MS));
    throw new Error('provider down');
  }
}

const sender = new SlowFailingSender();
let api: TestApi;
let server: Server;
beforeAll(async () => {
  const app = createApp({ otpSender: sender });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  api = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: async () => undefined };
});
afterAll(async () => {
  // Let the provider's last failure land (and be logged) before the pool goes.
  await new Promise((r) => setTimeout(r, SLOW_MS + 200));
  await new Promise<void>((r) => server.close(() => r()));
  await closePool();
});

async function timed(phone: string) {
  const started = Date.now();
  const r = await call(api, 'POST', '/v1/auth/otp', { body: { phone } });
  return { r, ms: Date.now() - started };
}

it("answers a customer's phone and a stranger's alike, without waiting for the SMS provider", async () => {
  const customer = uniqueCustomer();
  expect((await call(api, 'POST', '/v1/accounts', { body: customer })).status).toBe(201);

  const c = await timed(customer.phone);
  const s = await timed(uniqueCustomer().phone);
  expect(sender.sent).toBe(1); // the customer's only
  for (const { r, ms } of [c, s]) {
    expect(r.status).toBe(202);
    expect(ms).toBeLessThan(SLOW_MS);
  }
  expect(s.r.contentType).toBe(c.r.contentType);
  expect(Object.keys(s.r.body).sort()).toEqual(Object.keys(c.r.body).sort());
  expect(s.r.body.triesLeft).toBe(c.r.body.triesLeft);
});
