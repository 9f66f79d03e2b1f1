/**
 * The web app served by the API (built mode), from a temporary dist so the test does not depend on
 * a real `vite build`: pages and the history fallback, cache headers, and the API's own paths
 * untouched.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeOtpSender } from '../activities/accounts/otp-sender';
import { closePool } from '../db/pool';
import { call, TestApi } from '../test/support/api';
import { createApp } from './app';
import { builtWebApp, isAppPath } from './web-app';

const SHELL = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
let dist: string;
let api: TestApi;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'timely-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), SHELL);
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"Timely"}');
  writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *');
  const app = createApp({ otpSender: new FakeOtpSender('000000'), web: builtWebApp(dist) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  api = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
});
afterAll(async () => {
  await api.close();
  rmSync(dist, { recursive: true, force: true });
  await closePool();
});

const page = (p: string) => call(api, 'GET', p, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

it.each(['/', '/home', '/apply/x', '/console/queue'])('answers the app shell to a page request for %s', async (p) => {
  const r = await page(p);
  expect(r.status).toBe(200);
  expect(r.contentType).toContain('text/html');
  expect(r.body).toBe(SHELL);
  expect(r.headers.get('cache-control')).toBe('no-cache');
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
});

it('serves hashed assets forever, the service worker and manifest revalidated', async () => {
  const asset = await call(api, 'GET', '/assets/index-abc123.js');
  expect(asset.status).toBe(200);
  expect(asset.contentType).toContain('javascript');
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  for (const f of ['/sw.js', '/manifest.webmanifest', '/index.html']) {
    const r = await call(api, 'GET', f);
    expect(`${f} ${r.status} ${r.headers.get('cache-control')}`).toBe(`${f} 200 no-cache`);
  }
  expect((await call(api, 'GET', '/robots.txt')).status).toBe(200);
  expect((await call(api, 'HEAD', '/home', { headers: { accept: 'text/html' } })).status).toBe(200);
});

it('leaves API paths and non-page requests to the API: unknown ones stay problem+json 404', async () => {
  for (const p of ['/v1/nope', '/v1', '/__sandbox/x', '/codec/decode', '/metrics']) {
    const r = await page(p);
    expect(`${p} ${r.status}`).toBe(`${p} 404`);
    expect(r.contentType).toContain('application/problem+json');
  }
  // A missing asset is a 404, not the shell (a script must never receive HTML).
  const missing = await call(api, 'GET', '/assets/gone-999.js', { headers: { accept: '*/*' } });
  expect(missing.status).toBe(404);
  expect(missing.contentType).toContain('application/problem+json');
  // No text/html in Accept (an API client): no fallback.
  expect((await call(api, 'GET', '/home', { headers: { accept: 'application/json' } })).status).toBe(404);
  // Only GET and HEAD fall back.
  expect((await call(api, 'POST', '/home', { headers: { accept: 'text/html' } })).status).toBe(404);
});

it('keeps /openapi.json, /docs and /healthz as they were', async () => {
  const spec = await page('/openapi.json');
  expect(spec.status).toBe(200);
  expect(spec.body.openapi).toBe('3.0.3');
  const docs = await page('/docs');
  expect(docs.status).toBe(200);
  expect(docs.body).toContain('swagger-ui');
  expect((await page('/healthz')).body).toEqual({ status: 'ok' });
});

it('serves nothing (and the API still works) when the web app is not built', async () => {
  const none = builtWebApp(path.join(dist, 'does-not-exist'));
  const next = jest.fn();
  none.handler({ path: '/', method: 'GET' } as never, {} as never, next);
  expect(next).toHaveBeenCalledWith();
});

it('knows which paths are the API’s', () => {
  expect(['/v1', '/v1/me', '/docs', '/docs/assets/x.css', '/openapi.json', '/healthz', '/readyz', '/metrics', '/codec', '/__sandbox'].filter(isAppPath)).toEqual([]);
  expect(['/', '/home', '/v1x', '/documents', '/console', '/apply/123'].every(isAppPath)).toBe(true);
});
