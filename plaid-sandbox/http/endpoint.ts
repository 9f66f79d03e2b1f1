/**
 * How every Plaid endpoint of the sandbox is served: POST with a JSON body, credentials in the
 * PLAID-CLIENT-ID / PLAID-SECRET headers or the body, a validated request, and either a 200 with
 * `request_id` added or Plaid's error object with the status Plaid uses.
 */
import express, { type Express, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { requestId as newRequestId } from '../ids';
import type { Logger } from '../../platform/logger';
import { PlaidApiError, plaidError } from './plaid-error';
import { parseRequest } from './validation';

export interface EndpointContext {
  requestId: string;
}

export interface Endpoint {
  path: string;
  /** Top-level request fields accepted (beyond credentials, which are always accepted). */
  requestFields: string[];
  handle(rawBody: Record<string, unknown>, ctx: EndpointContext): Promise<Record<string, unknown>>;
}

/** Declares an endpoint: its path, its request schema and its handler on the parsed body. */
export function endpoint<S extends z.ZodType>(
  path: string,
  schema: S,
  handle: (body: z.output<S>, ctx: EndpointContext) => Promise<Record<string, unknown>>,
): Endpoint {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const requestFields = Object.keys(shape).filter((k) => k !== 'client_id' && k !== 'secret');
  return { path, requestFields, handle: (raw, ctx) => handle(parseRequest(schema, raw), ctx) };
}

/** null = accept any non-empty pair (handy for tests of other modules). */
export type Credentials = { clientId: string; secret: string } | null;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkCredentials(req: Request, body: Record<string, unknown>, expected: Credentials): void {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const clientId = (typeof body.client_id === 'string' && body.client_id) || header('plaid-client-id');
  const secret = (typeof body.secret === 'string' && body.secret) || header('plaid-secret');
  if (!clientId || !secret) throw plaidError('INVALID_API_KEYS');
  if (expected && !(sameSecret(clientId, expected.clientId) && sameSecret(secret, expected.secret)))
    throw plaidError('INVALID_API_KEYS');
}

function parseJsonBody(req: Request): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw plaidError('INVALID_BODY', 'the request content-type must be application/json');
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw plaidError('INVALID_BODY');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw plaidError('INVALID_BODY', 'body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function sendPlaidError(res: Response, err: PlaidApiError, requestId: string): void {
  res.status(err.status).json(err.toBody(requestId));
}

/** Mounts the endpoints, and answers Plaid's NOT_FOUND for any other POST outside /__sandbox. */
export function mountPlaidEndpoints(app: Express, endpoints: Endpoint[], credentials: Credentials, log: Logger): void {
  const raw = express.raw({ type: () => true, limit: '2mb' });
  for (const ep of endpoints) {
    app.post(ep.path, raw, async (req, res) => {
      const requestId = newRequestId();
      const started = process.hrtime.bigint();
      try {
        const body = parseJsonBody(req);
        checkCredentials(req, body, credentials);
        const result = await ep.handle(body, { requestId });
        res.status(200).json({ ...result, request_id: requestId });
      } catch (err) {
        if (err instanceof PlaidApiError) {
          sendPlaidError(res, err, requestId);
        } else {
          log.error({ err, path: ep.path, requestId }, 'plaid sandbox endpoint failed');
          sendPlaidError(res, plaidError('INTERNAL_SERVER_ERROR'), requestId);
        }
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log.debug({ path: ep.path, status: res.statusCode, ms, requestId }, 'plaid sandbox request');
      }
    });
  }
}

/** Plaid's answer to an unknown route; mounted after everything else. */
export function mountNotFound(app: Express): void {
  app.use((_req, res) => sendPlaidError(res, plaidError('NOT_FOUND'), newRequestId()));
}
