/**
 * Malformed HTTP is answered problem+json (400; 431 for huge headers) instead of Node's bare
 * status line, and a client that aborts mid-request is not logged as an unhandled error
 * (issue 12, point 8). Over raw sockets, since fetch cannot send broken HTTP.
 */
import net from 'node:net';
import { tapLogs } from '../platform/logger';
import { startApi, TestApi } from '../test/support/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

function raw(request: string): Promise<string> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (c) => (text += c));
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

function parse(answer: string): { status: number; headers: string; body: any } {
  const [head, body] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) };
}

it.each([
  ['a garbage request line', 'NOT HTTP AT ALL\r\n\r\n'],
  ['a bad header', 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'],
  ['conflicting lengths', 'POST /v1/me HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc'],
])('%s: 400 problem+json', async (_what, request) => {
  const r = parse(await raw(request));
  expect(r.status).toBe(400);
  expect(r.headers).toContain('content-type: application/problem+json');
  expect(r.body).toMatchObject({ status: 400, type: expect.stringMatching(/\/malformed-request$/) });
});

it('huge headers: 431 problem+json', async () => {
  const r = parse(await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
  expect(r.status).toBe(431);
  expect(r.headers).toContain('content-type: application/problem+json');
  expect(r.body.status).toBe(431);
});

it('a client that aborts mid-body is not logged as an unhandled error', async () => {
  const logs = tapLogs();
  try {
    const { port } = new URL(api.url);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('PATCH /v1/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"firstName":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    logs.stop();
  }
  expect(logs.text()).not.toContain('unhandled error');
});
