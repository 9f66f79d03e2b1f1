/**
 * Security headers (issue 12, point 7) on the real app: nosniff, no framing and a referrer policy
 * everywhere, no-store on /v1, Swagger UI's CSP on /docs, and the web app's CSP, which lets in Plaid
 * Link from where this environment loads it and nothing else.
 */
import { appCsp } from './security-headers';
import { startApi, type TestApi } from '../test/support/api';
import { startSandboxForTimely } from '../test/support/plaid';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { closePool } from '../db/pool';

let sandbox: TestSandbox;
let api: TestApi;

beforeAll(async () => {
  sandbox = await startSandboxForTimely();
  api = await startApi();
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
  await closePool();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(api.url + path, { headers });

it('sends nosniff, a referrer policy and no framing on every answer, and no-store on /v1', async () => {
  for (const path of ['/v1/me', '/v1/nope', '/openapi.json', '/healthz', '/docs']) {
    const r = await get(path);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Not in test or development: HSTS only where TLS fronts the app.
    expect(r.headers.get('strict-transport-security')).toBeNull();
  }
  expect((await get('/v1/me')).headers.get('cache-control')).toBe('no-store');
  expect((await get('/v1/nope')).headers.get('cache-control')).toBe('no-store');
});

it('gives /docs a CSP of its own and the web app one that admits only the local Plaid Link emulator', async () => {
  expect((await get('/docs')).headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  const page = await get('/', { accept: 'text/html' });
  const csp = page.headers.get('content-security-policy')!;
  const emulator = new URL(sandbox.url).origin;
  expect(csp).toContain(`script-src 'self' ${emulator}`);
  expect(csp).toContain(`connect-src 'self' ${emulator}`);
  expect(csp).not.toContain('cdn.plaid.com');
  expect(csp).toContain("object-src 'none'");
});

it("admits Plaid's own CDN (script and Link's iframe) with Plaid itself", () => {
  const csp = appCsp({ PLAID_ENV: 'production', PLAID_LOCAL_URL: 'http://127.0.0.1:4010' });
  expect(csp).toContain("script-src 'self' https://cdn.plaid.com");
  expect(csp).toContain('frame-src https://cdn.plaid.com');
  expect(csp).not.toContain('127.0.0.1');
});
