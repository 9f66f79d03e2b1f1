/**
 * The request id that pino-http logs and we echo in `x-request-id`. A caller's id is kept only
 * when it is short and plain (`[A-Za-z0-9._:-]{1,64}`), so it can join our logs to a proxy's;
 * anything else (too long, spaces, control characters, a log-injection attempt) is replaced by a
 * fresh UUID rather than echoed or logged.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

export function genReqId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdOf(req.headers['x-request-id']);
  res.setHeader('x-request-id', id);
  return id;
}
