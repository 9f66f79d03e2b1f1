import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { createApiMetrics, startMetricsServer, type ApiMetrics } from './metrics';

let server: http.Server;
let base: string;
let metrics: ApiMetrics;

beforeAll(async () => {
  metrics = createApiMetrics({ defaultLabels: { service: 'test' } });
  const app = express();
  app.use(metrics.middleware);
  const v1 = express.Router();
  v1.get('/accounts/:accountId', (req, res) => {
    res.json({ id: req.params.accountId });
  });
  v1.post('/boom', () => {
    throw new Error('boom');
  });
  v1.get('/slow', (_req, res) => {
    const t = setTimeout(() => res.end(), 2000);
    res.on('close', () => clearTimeout(t));
  });
  app.use('/v1', v1);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metrics.handler);
  // A quiet error handler (Express's default one prints the stack).
  app.use(((_err, _req, res, _next) => {
    res.status(500).json({ title: 'Internal Server Error' });
  }) as express.ErrorRequestHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'));
    const got = Object.fromEntries([...inner.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

test('counts requests by route pattern, not by raw URL, with latency and errors', async () => {
  for (const id of ['acc_1', 'acc_2', 'acc_3']) expect((await fetch(`${base}/v1/accounts/${id}`)).status).toBe(200);
  expect((await fetch(`${base}/v1/boom`, { method: 'POST' })).status).toBe(500);
  expect((await fetch(`${base}/nope/123`)).status).toBe(404);
  expect((await fetch(`${base}/healthz`)).status).toBe(200);

  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();

  expect(sample(text, 'http_requests_total', { method: 'GET', route: '/v1/accounts/:accountId', status_code: '200', service: 'test' })).toBe(3);
  expect(text).not.toContain('acc_1');
  expect(sample(text, 'http_requests_total', { route: '/v1/boom', status_code: '500' })).toBe(1);
  expect(sample(text, 'http_request_errors_total', { method: 'POST', route: '/v1/boom', status_code: '500' })).toBe(1);
  expect(sample(text, 'http_request_errors_total', { route: '/v1/accounts/:accountId' })).toBeUndefined();
  expect(sample(text, 'http_requests_total', { route: 'unmatched', status_code: '404' })).toBe(1);
  expect(sample(text, 'http_request_duration_seconds_count', { route: '/v1/accounts/:accountId', status_class: '2xx' })).toBe(3);
  expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/v1/accounts/:accountId', le: '+Inf' })).toBe(3);
  // Probes and scrapes are not measured; default process metrics are there.
  expect(text).not.toMatch(/route="\/healthz"/);
  expect(text).not.toMatch(/route="\/metrics"/);
  expect(text).toMatch(/^process_cpu_user_seconds_total/m);
  expect(text).toMatch(/^nodejs_eventloop_lag_seconds/m);
  expect(sample(text, 'http_requests_in_flight', { service: 'test' })).toBe(0); // the scrape itself is not counted
});

test('a request the client abandons counts as an error with status 499', async () => {
  const ac = new AbortController();
  const pending = fetch(`${base}/v1/slow`, { signal: ac.signal }).catch((err: Error) => err.name);
  setTimeout(() => ac.abort(), 50);
  expect(await pending).toBe('AbortError');
  for (let i = 0; i < 50; i++) {
    const text = await metrics.registry.metrics();
    const n = sample(text, 'http_request_errors_total', { method: 'GET', route: '/v1/slow', status_code: '499' });
    if (n !== undefined) return expect(n).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no 499 recorded');
});

test('startMetricsServer answers GET /metrics only', async () => {
  const m = createApiMetrics({ defaultMetrics: false });
  const srv = await startMetricsServer(0, '127.0.0.1', m);
  try {
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const ok = await fetch(`${url}/metrics`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE http_requests_total counter');
    expect((await fetch(`${url}/v1/accounts/x`)).status).toBe(404);
  } finally {
    await new Promise((resolve) => srv.close(resolve));
  }
});
