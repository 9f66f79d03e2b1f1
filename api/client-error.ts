/**
 * The http.Server's 'clientError': HTTP Node cannot parse (a bad request line, headers too large,
 * a timeout before the request was complete) never reaches Express, and Node's own answer is a
 * bare status line with no body type. Answer problem+json like every other error, then close:
 * after a parse error the connection's framing cannot be trusted. A client that already went away
 * (ECONNRESET, or the socket is no longer writable) gets nothing and is not logged as an error.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { logger } from '../platform/logger';

const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request was not received in time.'],
};

export function clientErrorAnswer(err: NodeJS.ErrnoException): string {
  const [status, title, detail] = ANSWERS[err.code ?? ''] ?? [400, 'Bad Request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ type: `https://timely.example/problems/${status === 400 ? 'malformed-request' : `http-${status}`}`, title, status, detail });
  return [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  logger.info({ code: err.code }, 'malformed HTTP request refused');
  socket.end(clientErrorAnswer(err));
}

export function handleClientErrors(server: Server): void {
  server.on('clientError', onClientError);
}
