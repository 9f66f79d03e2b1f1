/**
 * One HTTP request exactly as given: method, raw path (percent garbage and all), headers and body
 * bytes. fetch would normalise the path and refuse a body on GET; a hostile client does neither.
 */
import http from 'node:http';

export interface RawReply {
  status: number;
  contentType: string;
  body: string;
}

export function sendRaw(
  baseUrl: string,
  req: { method: string; path: string; headers: Record<string, string>; body?: Buffer },
  agent?: http.Agent,
): Promise<RawReply> {
  const url = new URL(baseUrl);
  // Node's client frames a GET or DELETE body with no length at all, so the server would read the
  // body as the next request on the socket; say the length, as a real client with a body does.
  const headers = req.body === undefined ? req.headers : { 'content-length': String(req.body.length), ...req.headers };
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`timeout: ${req.method} ${req.path.slice(0, 200)}`)));
    r.on('error', reject);
    r.end(req.body);
  });
}
