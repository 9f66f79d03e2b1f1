/**
 * CORS for pages on this machine: the Link UI script runs in a page served from another local
 * origin (the web app's dev server) and calls the sandbox's controls with fetch. Only loopback
 * origins (http://127.0.0.1:*, http://localhost:*, http://[::1]:*) are allowed: the sandbox is a
 * local tool, and a web page elsewhere has no business driving it.
 */
import type { NextFunction, Request, Response } from 'express';

const LOCAL_ORIGIN = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

export function isLocalOrigin(origin: string | undefined): origin is string {
  return typeof origin === 'string' && LOCAL_ORIGIN.test(origin);
}

export function localCors(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  res.vary('Origin');
  if (!isLocalOrigin(origin)) {
    next();
    return;
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type');
    // Chrome's Private Network Access preflight, harmless elsewhere.
    if (req.headers['access-control-request-private-network'] === 'true') res.setHeader('Access-Control-Allow-Private-Network', 'true');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
}
