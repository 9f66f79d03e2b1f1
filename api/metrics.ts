/**
 * Prometheus metrics for the API (prom-client).
 *
 * - `http_requests_total{method,route,status_code}`: request rate and errors by route.
 * - `http_request_duration_seconds{method,route,status_class}`: latency histogram.
 * - `http_request_errors_total{method,route,status_code}`: 5xx answers and requests the client
 *   gave up on (status_code="499", nginx's convention), so an error-rate alert needs no regex.
 * - `http_requests_in_flight`: requests being served now.
 * - prom-client's default process metrics (CPU, memory, event loop lag, GC, handles).
 * - the money-integrity gauges of api/money-metrics.ts (reconciliation mismatches, return rates,
 *   the repayment-debit pause) on the process-wide registry.
 *
 * The `route` label is the matched Express route pattern (`/v1/accounts/:accountId`), never the
 * raw URL, so ids never become label values; requests no route matched (404s, static files) share
 * the value `unmatched`. Unknown HTTP methods become `OTHER`. Both keep the label set bounded.
 *
 * Wiring (api/main.ts), before the routers:
 *   app.use(metricsMiddleware);
 * and expose the handler on an internal listener so the public Ingress never serves it:
 *   startMetricsServer(config().METRICS_PORT, config().HOST);   // k8s scrapes :9464/metrics
 * (or `app.get('/metrics', metricsHandler)` where no Ingress sits in front).
 */
import http from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerMoneyMetrics } from './money-metrics';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Latency buckets in seconds: 5 ms .. 10 s, dense where an API answers (10-500 ms). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ApiMetricsOptions {
  /** Registry to register on; default a new one (never prom-client's global register). */
  registry?: Registry;
  /** Collect prom-client's default process metrics (default true). */
  defaultMetrics?: boolean;
  /** Paths not measured (exact match on req.path). Probes and scrapes would drown real traffic. */
  ignorePaths?: string[];
  /** Labels added to every series, e.g. { service: 'timely-api' }. */
  defaultLabels?: Record<string, string>;
}

export interface ApiMetrics {
  registry: Registry;
  middleware: RequestHandler;
  handler: RequestHandler;
}

function patternOf(route: unknown): string | undefined {
  const path = (route as { path?: unknown } | undefined)?.path;
  if (path === undefined || path === null) return undefined;
  return Array.isArray(path) ? path.map(String).join('|') : String(path);
}

/** The route pattern Express matched, prefixed by the mount path of its router(s). */
export function routeLabel(req: Request): string {
  const pattern = patternOf((req as Request & { route?: unknown }).route);
  return pattern === undefined ? 'unmatched' : `${req.baseUrl ?? ''}${pattern}` || '/';
}

/**
 * Remembers the label at the moment the router matches a route: Express restores `req.baseUrl`
 * when an error leaves a mounted router, so reading it after the answer would lose the prefix.
 */
function trackRoute(req: Request): () => string {
  let current: unknown = (req as Request & { route?: unknown }).route;
  let label: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = value;
      const pattern = patternOf(value);
      if (pattern !== undefined) label = `${req.baseUrl ?? ''}${pattern}` || '/';
    },
  });
  return () => label ?? routeLabel(req);
}

function statusClass(code: number): string {
  return code >= 100 && code < 600 ? `${Math.floor(code / 100)}xx` : 'other';
}

export function createApiMetrics(options: ApiMetricsOptions = {}): ApiMetrics {
  const registry = options.registry ?? new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const ignore = new Set(options.ignorePaths ?? ['/metrics', '/healthz', '/readyz']);

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, matched route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests answered with a 5xx status, or abandoned by the client (status_code 499).',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, matched route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being served.',
    registers: [registry],
  });

  const middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (ignore.has(req.path)) return next();
    const start = process.hrtime.bigint();
    const method = KNOWN_METHODS.has(req.method) ? req.method : 'OTHER';
    const route = trackRoute(req);
    inFlight.inc();
    let done = false;
    const record = (finished: boolean) => {
      if (done) return;
      done = true;
      inFlight.dec();
      const code = finished ? res.statusCode : 499;
      const labels = { method, route: route() };
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      requests.inc({ ...labels, status_code: String(code) });
      duration.observe({ ...labels, status_class: statusClass(code) }, seconds);
      if (code >= 500 || !finished) errors.inc({ ...labels, status_code: String(code) });
    };
    res.once('finish', () => record(true));
    res.once('close', () => record(res.writableFinished));
    next();
  };

  const handler: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
    registry.metrics().then(
      (body) => {
        res.setHeader('Content-Type', registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.end(body);
      },
      (err: unknown) => next(err),
    );
  };

  return { registry, middleware, handler };
}

let shared: ApiMetrics | undefined;
/** The process-wide API metrics (created on first use). */
export function apiMetrics(): ApiMetrics {
  if (!shared) {
    shared = createApiMetrics({ defaultLabels: { service: 'timely-api' } });
    registerMoneyMetrics(shared.registry);
  }
  return shared;
}

/** Express middleware measuring every request; mount before the routers. */
export const metricsMiddleware: RequestHandler = (req, res, next) => apiMetrics().middleware(req, res, next);

/** GET handler answering the Prometheus text format. */
export const metricsHandler: RequestHandler = (req, res, next) => apiMetrics().handler(req, res, next);

/**
 * A separate listener answering only GET /metrics, for a port the Ingress does not route
 * (k8s/api-deployment.yaml scrapes containerPort "metrics"). Returns the listening server.
 */
export function startMetricsServer(port: number, host = '0.0.0.0', metrics: ApiMetrics = apiMetrics()): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.statusCode = 404;
      res.end();
      return;
    }
    metrics.registry.metrics().then(
      (body) => {
        res.setHeader('Content-Type', metrics.registry.contentType);
        res.end(body);
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
