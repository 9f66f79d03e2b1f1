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

/** What an unexpected error may put in a log line: never a request body that rode on it. */
function loggableError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const { body: _body, rawBody: _raw, ...own } = err as unknown as Record<string, unknown>;
  return { type: err.name, message: err.message, stack: err.stack, ...own };
}

/**
 * Errors thrown before any route runs: express.json (http-errors with `type` and a 4xx `status`),
 * the router's path decoding (URIError, status 400) and the decompressors (zlib errors given a
 * 400). All are the client's mistake, so each is a 4xx problem naming what was wrong.
 */
function clientInputProblem(err: unknown, req: Parameters<ErrorRequestHandler>[1]): Problem | undefined {
  const e = err as { type?: string; status?: unknown; expose?: unknown };
  // Only http-errors marked `expose` (body-parser's) and the router's URIError: a `status` on any
  // other error (a PlaidError carries Plaid's own 400) is someone else's answer, not the client's fault.
  const status = typeof e.status === 'number' && (e.expose === true || err instanceof URIError) ? e.status : undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return badRequest('The request body is not valid JSON.', [{ field: 'body', message: 'invalid JSON' }]);
    case 'entity.too.large':
      return new Problem(413, 'payload-too-large', 'The request body is too large.');
    case 'charset.unsupported':
      return unsupportedMediaType('Send the request body as application/json in UTF-8.', [{ field: 'content-type', message: 'must be application/json with charset utf-8' }]);
    case 'encoding.unsupported':
      return unsupportedMediaType('Send the request body without a Content-Encoding.', [{ field: 'content-encoding', message: 'is not supported' }]);
    case 'request.size.invalid':
      return badRequest('The request body is shorter or longer than its Content-Length.', [{ field: 'content-length', message: 'does not match the body' }]);
  }
  if (status === undefined || status < 400 || status > 499) return undefined;
  // Express 5's router: a path segment that is not valid percent-encoding (`%`, `%zz`, a cut UTF-8 sequence).
  if (err instanceof URIError) return badRequest('The request path is not validly percent-encoded.', [{ field: 'path', message: 'is not valid percent-encoding' }]);
  // A body that says gzip, deflate or br but does not decompress (body-parser gives the zlib error a 400).
  if (req.headers['content-encoding'])
    return badRequest('The request body could not be decoded with its Content-Encoding.', [{ field: 'content-encoding', message: 'the body does not decode with it' }]);
  return new Problem(status, status === 400 ? 'bad-request' : `http-${status}`, 'The request could not be read.');
}

/** Last middleware: known problems as they are; the client's malformed input as 4xx; anything else 500, logged once. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof Problem) return sendProblem(res, err);
  if (err instanceof DomainError) return sendProblem(res, fromDomainError(err));
  // The client went away mid-body: nobody is left to answer, and it is not our error.
  if ((err as { type?: string }).type === 'request.aborted' || req.socket?.destroyed) {
    logger.info({ method: req.method, url: req.originalUrl }, 'client aborted the request');
    return;
  }
  const client = clientInputProblem(err, req);
  if (client) return sendProblem(res, client);
  logger.error({ err: loggableError(err), method: req.method, url: req.originalUrl }, 'unhandled error');
  sendProblem(res, new Problem(500, 'internal', 'Something went wrong on our side. It has been logged.'));
};
