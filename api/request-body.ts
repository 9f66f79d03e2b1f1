/**
 * What a route may read from the request body. Express 5 leaves `req.body` undefined when
 * express.json skips a body (any Content-Type but application/json), so without this check a
 * `z.strictObject` of optional fields would parse `{}` and the route would act on a body it never
 * read: a sweep of every account instead of the one named, a bank created, a PATCH "applied".
 *
 * Rules (for every route registered through defineRoute):
 *  - a request that carries a body (Content-Length > 0, or any Transfer-Encoding) must say
 *    `application/json` (optionally `; charset=utf-8`), else 415, whether or not the route
 *    declares a body: a body we cannot read is never silently dropped;
 *  - a route that declares a body, sent none: 400 `body` is required when its schema has required
 *    fields (it rejects `{}`) or the method is PATCH (an update of nothing); otherwise `{}`;
 *  - a route that declares no body ignores a JSON one, so `POST /v1/applications` with `{}` works.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { badRequest, unsupportedMediaType } from './problem';

export function carriesBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/** application/json, optionally with charset=utf-8; nothing else (no other charset, no +json). */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  return type === 'application/json' && params.every((p) => p === '' || /^charset\s*=\s*"?utf-8"?$/.test(p));
}

/** The body to validate against `schema`, or a 415/400 problem. */
export function readBody(req: Request, method: string, schema: z.ZodType | undefined): unknown {
  const sent = carriesBody(req);
  if (sent && !isJsonContentType(req.headers['content-type']))
    throw unsupportedMediaType(
      `Send the request body as application/json${req.headers['content-type'] ? `, not ${req.headers['content-type'].slice(0, 100)}` : ''}.`,
      [{ field: 'content-type', message: 'must be application/json (optionally with ; charset=utf-8)' }],
    );
  if (!schema) return undefined;
  // Not req.body: express.json makes `{}` out of an empty body sent as application/json.
  if (!sent) {
    if (method === 'patch' || !schema.safeParse({}).success) throw badRequest('The request body is required.', [{ field: 'body', message: 'is required' }]);
    return {};
  }
  // JSON was sent, so express.json has read it; never fall back to `{}` for a body nobody read.
  if (req.body === undefined) throw badRequest('The request body could not be read as JSON.', [{ field: 'body', message: 'is not JSON' }]);
  return req.body;
}
