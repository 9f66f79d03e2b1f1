/** Liveness, readiness, the OpenAPI document and its human-readable page. */
import express, { Router } from 'express';
import path from 'node:path';
import { getPool } from '../../db/pool';
import { getTemporalClient } from '../../platform/temporal-client';
import { buildOpenApi } from '../openapi';

const VERSION: string = require('../../package.json').version;

async function withDeadline<T>(ms: number, p: Promise<T>): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

async function check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await withDeadline(2000, fn());
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export function healthRoutes(router: Router): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      check(() => getPool().query('SELECT 1')),
      check(() => getTemporalClient().workflowService.getSystemInfo({})),
    ]);
    const ready = postgres.ok && temporal.ok;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: { postgres, temporal } });
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApi(VERSION));
  });

  // Swagger UI's static assets come from the swagger-ui-dist package; the page itself is ours.
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.use('/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1h' }));
  router.get('/docs', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Timely API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`);
  });
  // A separate script file rather than an inline one, so a strict Content-Security-Policy holds.
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(`window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });`);
  });
}
