/**
 * The codec server: Temporal's remote codec protocol (`POST /codec/decode`, `POST /codec/encode`,
 * bodies `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }`, proto3 JSON), so the
 * Temporal UI and CLI show decoded payloads to an operator and ciphertext to everyone else.
 *
 * Who: an operator's staff session only, from the console's cookie (the UI sends it when its codec
 * setting "include credentials" is on) or a bearer token (`temporal --codec-auth`). Support staff:
 * 403. Customers and anonymous callers: 401, as if there were nothing here.
 * From where: the UI is another origin, so the routes answer CORS preflights for the configured
 * UI origins (CODEC_CORS_ORIGINS, default the origin of TEMPORAL_UI_URL) with credentials allowed,
 * and refuse a POST from any other foreign origin before reading it (api/origin-check.ts exempts
 * these two paths from the app-wide rule because this check replaces it).
 * Mounted before the app's 100 kB JSON parser: a history's payloads can be larger.
 */
import express, { Request, RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import { config, type Config } from '../platform/config';
import { payloadCodec } from '../platform/data-converter';
import { PayloadKeyError } from '../platform/payload-codec';
import { authenticate } from './auth';
import { appOrigin, originMismatch } from './origin-check';
import { badRequest, forbidden, Problem, unauthorized } from './problem';
import { fieldErrors } from './openapi-registry';

export const CODEC_PATHS = ['/codec/decode', '/codec/encode'] as const;
const MAX_BODY = '8mb';
const MAX_PAYLOADS = 2000;

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const payloadsBody = z.strictObject({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })).max(MAX_PAYLOADS),
});
type JsonPayload = z.infer<typeof payloadsBody>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

export function codecOrigins(cfg: Pick<Config, 'CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_URL'>): Set<string> {
  const list = cfg.CODEC_CORS_ORIGINS ? cfg.CODEC_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : [cfg.TEMPORAL_UI_URL];
  return new Set(list.map((o) => new URL(o).origin));
}

/** CORS for the Temporal UI's origins; a POST from any other foreign page is refused unread. */
function codecCors(allowed: Set<string>): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    const known = origin !== undefined && allowed.has(origin);
    res.vary('Origin');
    // Decoded payloads are customers' data: never kept by a browser or proxy cache.
    res.set('Cache-Control', 'no-store');
    if (known) res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    if (req.method === 'OPTIONS') {
      if (!known) throw originMismatch(`The codec server answers only the Temporal UI (${[...allowed].join(', ')}).`);
      res.set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization', 'Access-Control-Max-Age': '600' });
      res.status(204).end();
      return;
    }
    if (origin !== undefined && !known && origin !== appOrigin(req)) throw originMismatch(`Requests from ${origin} are not accepted by the codec server.`);
    next();
  };
}

/** Operators only; anyone who is not staff learns nothing (401), support is told it may not (403). */
const requireOperator: RequestHandler = async (req, res, next) => {
  let session, via;
  try {
    ({ session, via } = await authenticate(req, 'staff'));
  } catch (err) {
    // A cookie from a foreign origin is still a refusal of the origin, not of the caller.
    if (err instanceof Problem && err.status === 403) throw err;
    throw unauthorized('Sign in to the support console as an operator to decode payloads.');
  }
  // As everywhere (api/origin-check.ts): a cookie proves nothing without the page it came from.
  if (via === 'cookie' && req.get('origin') === undefined) throw originMismatch('A cookie-authenticated request must carry the Temporal UI\'s Origin.');
  if (session.subjectKind !== 'staff') throw unauthorized('Sign in to the support console as an operator to decode payloads.');
  if (session.role !== 'operator') throw forbidden('Decoding payloads needs the operator role.');
  res.locals.session = session;
  next();
};

function parse(req: Request) {
  const parsed = payloadsBody.safeParse(req.body);
  if (!parsed.success) throw badRequest('The body must be {"payloads": [{"metadata": {...base64}, "data": base64}]}.', fieldErrors(parsed.error, 'body'));
  return parsed.data.payloads.map(fromJson);
}

export function codecRoutes(): Router {
  const router = Router();
  let cached: ReturnType<typeof payloadCodec> | undefined;
  const codec = () => (cached ??= payloadCodec(config()));
  router.use(CODEC_PATHS as unknown as string[], codecCors(codecOrigins(config())));
  const json = express.json({ limit: MAX_BODY, type: () => true });
  router.post('/codec/decode', requireOperator, json, async (req, res) => {
    const payloads = parse(req);
    let decoded: Payload[];
    try {
      decoded = await codec().decode(payloads);
    } catch (err) {
      if (err instanceof PayloadKeyError) throw new Problem(422, 'payload-undecodable', err.message);
      throw err;
    }
    req.log.info({ staffId: res.locals.session.subjectId, namespace: req.get('x-namespace'), payloads: payloads.length }, 'codec: payloads decoded for an operator');
    res.json({ payloads: decoded.map(toJson) });
  });
  router.post('/codec/encode', requireOperator, json, async (req, res) => {
    const encoded = await codec().encode(parse(req));
    res.json({ payloads: encoded.map(toJson) });
  });
  return router;
}
