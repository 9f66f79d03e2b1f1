/**
 * RFC 9457 problem details. Every error the API answers is `application/problem+json` with
 * `type`, `title`, `status`, `detail`, and for validation `errors: [{ field, message }]`.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { DomainError, DomainErrorKind } from '../platform/errors';
import { logger } from '../platform/logger';

export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class Problem extends Error {
  constructor(
    public readonly status: number,
    /** short kebab-case slug; becomes the `type` URI */
    public readonly slug: string,
    public readonly detail: string,
    public readonly errors?: FieldError[],
    public readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, 'validation-error', detail, errors);
export const unauthorized = (detail = 'A valid bearer token is required.') => new Problem(401, 'unauthorized', detail);
export const forbidden = (detail = 'You may not access this resource.') => new Problem(403, 'forbidden', detail);
export const notFound = (detail = 'No such resource.') => new Problem(404, 'not-found', detail);
export const conflict = (slug: string, detail: string, errors?: FieldError[], extra?: Record<string, unknown>) =>
  new Problem(409, slug, detail, errors, extra);
export const tooManyRequests = (detail: string, retryAfterSeconds?: number) =>
  new Problem(429, 'rate-limited', detail, undefined, retryAfterSeconds ? { retryAfterSeconds } : undefined);
export const unavailable = (slug: string, detail: string) => new Problem(503, slug, detail);
export const unsupportedMediaType = (detail: string, errors: FieldError[]) => new Problem(415, 'unsupported-media-type', detail, errors);

export function sendProblem(res: Response, p: Problem): void {
  if (p.status === 429 && typeof p.extra?.retryAfterSeconds === 'number') res.set('Retry-After', String(p.extra.retryAfterSeconds));
  res
    .status(p.status)
    .type('application/problem+json')
    .json({
      type: `https://timely.example/problems/${p.slug}`,
      title: TITLES[p.status] ?? 'Error',
      status: p.status,
      detail: p.detail,
      ...(p.errors ? { errors: p.errors } : {}),
      ...(p.extra ?? {}),
    });
}

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export function fromDomainError(e: DomainError): Problem {
  const errors = e.field ? [{ field: e.field, message: e.message }] : undefined;
  return new Problem(STATUS[e.kind], e.code, e.message, errors, e.extra);
}

/** Last middleware: known problems as they are; body-parser errors as 400/413; anything else 500. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof Problem) return sendProblem(res, err);
  if (err instanceof DomainError) return sendProblem(res, fromDomainError(err));
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed') return sendProblem(res, badRequest('The request body is not valid JSON.', [{ field: 'body', message: 'invalid JSON' }]));
  if (e.type === 'entity.too.large') return sendProblem(res, new Problem(413, 'payload-too-large', 'The request body is too large.'));
  // express.json refuses these before any route runs: still the client's mistake, not ours.
  if (e.type === 'charset.unsupported')
    return sendProblem(res, unsupportedMediaType('Send the request body as application/json in UTF-8.', [{ field: 'content-type', message: 'must be application/json with charset utf-8' }]));
  if (e.type === 'encoding.unsupported')
    return sendProblem(res, unsupportedMediaType('Send the request body without a Content-Encoding.', [{ field: 'content-encoding', message: 'is not supported' }]));
  logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
  sendProblem(res, new Problem(500, 'internal', 'Something went wrong on our side. It has been logged.'));
};
