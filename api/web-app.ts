/**
 * The customer web app (web/, built by Vite) served by the API process, so pages and API share
 * one origin (the session cookie stays SameSite=Strict, no CORS). Mounted after the API routes
 * and before the 404 handler, so API paths always win and an unknown /v1 path stays a
 * problem+json 404.
 *
 * - Built mode (default): static files from <repo>/dist/web (`vite build`). Hashed /assets/* are
 *   cached forever; index.html, sw.js and the manifest are revalidated every time so a deploy is
 *   picked up at once. A page request (GET/HEAD accepting text/html) for any other app path
 *   answers index.html: the app's router owns those URLs (/home, /apply/…).
 * - Dev mode (WEB_DEV_SERVER=true): a Vite dev server in middleware mode, with HMR on the API's
 *   own http.Server. vite is a devDependency, absent from production images, so it is imported
 *   only here, on demand.
 */
import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { logger } from '../platform/logger';

/** Paths that belong to the API and operators, never to the web app. */
const NOT_APP = ['/v1', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics', '/codec'];

export function isAppPath(p: string): boolean {
  if (p.startsWith('/__')) return false;
  return !NOT_APP.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

/** The repository root from this file, whether run from source (api/) or compiled (dist/api/). */
function repoRoot(): string {
  const up = path.resolve(__dirname, '..');
  return path.basename(up) === 'dist' ? path.resolve(up, '..') : up;
}

/** Where `vite build` writes (web/vite.config.mts: outDir ../dist/web); the image ships it there too. */
export const DEFAULT_DIST_DIR = path.join(repoRoot(), 'dist', 'web');
export const VITE_CONFIG = path.join(repoRoot(), 'web', 'vite.config.mts');

export interface WebApp {
  handler: RequestHandler;
  close(): Promise<void>;
}

const NO_CACHE = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);

/** Built mode. A missing build serves nothing (the API still works), said once at start-up. */
export function builtWebApp(distDir: string = DEFAULT_DIST_DIR): WebApp {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) {
    logger.info({ distDir }, 'web app not built (run `npx vite build --config web/vite.config.mts`); serving the API only');
    return { handler: (_req, _res, next) => next(), close: async () => undefined };
  }
  const files = express.static(distDir, {
    index: false,
    redirect: false,
    // Cache-Control is set per file here; keep serve-static from adding its own max-age.
    cacheControl: false,
    setHeaders(res, file) {
      const rel = path.relative(distDir, file).split(path.sep).join('/');
      // Vite names everything under assets/ by content hash: a changed file is a new URL.
      if (rel.startsWith('assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      // The shell, the service worker and the manifest name the hashed files: always revalidate.
      else res.setHeader('Cache-Control', NO_CACHE.has(rel) ? 'no-cache' : 'public, max-age=3600');
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  const handler: RequestHandler = (req, res, next) => {
    if (!isAppPath(req.path)) return next();
    files(req, res, (err?: unknown) => {
      if (err) return next(err);
      // History fallback: a page navigation to an app URL gets the app's shell.
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !(req.get('accept') ?? '').includes('text/html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.sendFile(index, (e) => e && next(e));
    });
  };
  return { handler, close: async () => undefined };
}

/** The part of Vite's API used here (its own types need a moduleResolution this project does not use). */
interface ViteDevServer {
  middlewares: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  close(): Promise<void>;
}
interface Vite {
  createServer(config: Record<string, unknown>): Promise<ViteDevServer>;
}

// A real import(): TypeScript compiles `import()` to require() under CommonJS, and vite is ESM-only.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Vite>;

/**
 * Dev mode: Vite's middlewares (module transforms, HMR client, index.html with the SPA fallback)
 * behind the API routes. The server is created in the background; requests wait for it.
 */
export function devWebApp(httpServer: Server, configFile: string = VITE_CONFIG): WebApp {
  const vite: Promise<ViteDevServer> = importEsm('vite').then(({ createServer }) =>
    // HMR's websocket on the API's own server (Vite 8 spells `hmr: { server }` as `ws: { server }`).
    createServer({ configFile, server: { middlewareMode: true, ws: { server: httpServer } }, appType: 'spa' }),
  );
  vite.then(
    () => logger.info({ configFile }, 'web app served by the Vite dev server (HMR)'),
    (err) => logger.error({ err, configFile }, 'Vite dev server failed to start; pages will not be served'),
  );
  const handler: RequestHandler = (req, res, next) => {
    if (!isAppPath(req.path)) return next();
    vite.then((v) => v.middlewares(req, res, next), next);
  };
  return { handler, close: () => vite.then((v) => v.close(), () => undefined) };
}
