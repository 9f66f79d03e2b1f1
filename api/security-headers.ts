/**
 * Security headers on every answer (issue 12, point 7):
 * - nosniff, no referrer across origins, no framing (X-Frame-Options and CSP frame-ancestors);
 * - HSTS outside development and test (production sits behind TLS);
 * - `Cache-Control: no-store` on every /v1 answer and the staff/customer pages' data: they carry
 *   tokens or personal data, so no shared cache or back-button copy may keep them;
 * - a Content Security Policy: Swagger UI's for /docs, the web app's elsewhere. The app's allows
 *   Plaid Link, which comes from Plaid's CDN (with an iframe) or, locally, from our sandbox
 *   emulator, which also injects its own <style> and calls its own origin. With the Vite dev server
 *   (WEB_DEV_SERVER) the app gets no CSP: HMR injects inline scripts and a websocket.
 */
import type { RequestHandler } from 'express';
import { plaidLinkScriptUrl } from '../activities/bank/plaid-client';
import type { Config } from '../platform/config';

const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Swagger UI sets inline styles on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export function appCsp(cfg: Pick<Config, 'PLAID_ENV' | 'PLAID_LOCAL_URL'>): string {
  const link = new URL(plaidLinkScriptUrl(cfg)).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${link}`,
    // The Link emulator injects a <style>; Plaid's Link styles its own iframe.
    `style-src 'self' 'unsafe-inline'`,
    // The QR code of the staff enrolment is a data: image.
    "img-src 'self' data:",
    // The emulator's script calls its own origin from the page; Plaid's Link talks from its iframe.
    `connect-src 'self' ${link}`,
    `frame-src ${link}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(cfg: Pick<Config, 'NODE_ENV' | 'WEB_DEV_SERVER' | 'PLAID_ENV' | 'PLAID_LOCAL_URL'>): RequestHandler {
  const app = appCsp(cfg);
  const hsts = cfg.NODE_ENV === 'production';
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.path.startsWith('/v1/') || req.path === '/v1') res.setHeader('Cache-Control', 'no-store');
    if (req.path === '/docs' || req.path.startsWith('/docs/')) res.setHeader('Content-Security-Policy', DOCS_CSP);
    else if (!cfg.WEB_DEV_SERVER) res.setHeader('Content-Security-Policy', app);
    else res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    next();
  };
}
