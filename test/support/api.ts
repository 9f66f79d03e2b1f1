/** Test helpers: the real Express app on a real port, and a small fetch wrapper. */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { FakeOtpSender } from '../../activities/accounts/otp-sender';
import { createApp } from '../../api/app';
import { handleClientErrors } from '../../api/client-error';

export interface TestApi {
  url: string;
  /** The fake SMS provider this API texts through (codes are always 000000; notices are kept). */
  otpSender?: FakeOtpSender;
  close(): Promise<void>;
}

export async function startApi(): Promise<TestApi> {
  const otpSender = new FakeOtpSender('000000');
  const app = createApp({ otpSender });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  handleClientErrors(server); // as api/main.ts does
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, otpSender, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Reply<T = any> {
  status: number;
  contentType: string;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  api: TestApi,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(api.url + path, { method, headers, body });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, contentType, body: text && contentType.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

let seq = 0;
/** A unique, valid US phone and email per call, so test files can share one database. */
export function uniqueCustomer(): { email: string; firstName: string; lastName: string; phone: string } {
  seq += 1;
  // NANP: the exchange must not start with 0 or 1.
  const exchange = randomInt(200, 1000);
  const line = String(randomInt(0, 10_000)).padStart(4, '0');
  return {
    email: `user${process.pid}.${seq}.${Date.now()}@example.com`,
    firstName: 'Ada',
    lastName: `Tester${seq}`,
    phone: `+1415${exchange}${line}`,
  };
}

/** Sign up and sign in through the API; returns the account and a customer token. */
export async function signUpAndSignIn(api: TestApi, who = uniqueCustomer()): Promise<{ accountId: string; token: string; customer: typeof who }> {
  const created = await call(api, 'POST', '/v1/accounts', { body: who });
  if (created.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(created.body)}`);
  const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
  const verified = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } });
  if (verified.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(verified.body)}`);
  return { accountId: created.body.id, token: verified.body.token, customer: who };
}
