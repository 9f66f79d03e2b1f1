/**
 * Serves the Link UI script at the path Plaid's CDN uses (/link/v2/stable/link-initialize.js), so
 * a page switches from Plaid to the sandbox by the script's origin alone. A page on another origin
 * loads it as a classic script: Cross-Origin-Resource-Policy lets it through COEP pages too.
 */
import type { Express } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const LINK_SCRIPT_PATH = '/link/v2/stable/link-initialize.js';

/** Next to this file in the source tree; a compiled build (dist/) falls back to the source copy. */
function scriptFile(): string {
  const candidates = [path.join(__dirname, 'link-initialize.js'), path.join(__dirname, '..', '..', '..', 'plaid-sandbox', 'link-ui', 'link-initialize.js')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

export function mountLinkScript(app: Express): void {
  const file = scriptFile();
  app.get(LINK_SCRIPT_PATH, (_req, res) => {
    // Read on each request: editing the script needs no restart, and it is a small local file.
    const body = readFileSync(file);
    res.setHeader('Content-Type', 'application/javascript; charset=utf-8');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(body);
  });
}
