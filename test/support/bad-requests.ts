/**
 * Generated bad requests over every registered operation, shared by the property test
 * (api/fuzz.property.test.ts) and the `fuzz` benchmark (bench/fuzz.ts).
 *
 * Every request is invalid BY CONSTRUCTION: each one carries at least one defect that must make
 * the API refuse it before any handler runs (wrong caller, foreign Origin, a body that is not
 * JSON, a bad charset or Content-Encoding, JSON that does not parse, a body the route's strict
 * schema cannot accept, a path id that is not a UUID or not decodable). So a 2xx on an unsafe
 * method, or any row written, is a finding, never a lucky valid request. Around that defect the
 * rest is noise: odd but legal headers, hostile strings, deep nesting, huge values.
 */
import fc from 'fast-check';
import type { RouteSpec } from '../../api/openapi-registry';

export type CallerKind = 'anonymous' | 'customerBearer' | 'customerCookie' | 'customerCookieNoOrigin' | 'support' | 'operator';
export const CALLER_KINDS: readonly CallerKind[] = ['anonymous', 'customerBearer', 'customerCookie', 'customerCookieNoOrigin', 'support', 'operator'];

/** The credentials behind each kind of caller; `origin` is the API's own URL (what the app sends). */
export interface Callers {
  origin: string;
  customerToken: string;
  supportToken: string;
  operatorToken: string;
}

export interface BadRequest {
  /** "METHOD /express/path" of the operation it was generated from */
  operation: string;
  caller: CallerKind;
  defect: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** Whether this kind of caller gets past the route's authentication at all. */
function admitted(route: RouteSpec, caller: CallerKind): boolean {
  if (route.auth === 'none') return true;
  if (caller === 'customerCookieNoOrigin' && UNSAFE.has(route.method)) return false; // 403 origin
  // Sign-out is registered as a customer route but ends any live session, staff bearer tokens
  // included (api/routes/auth.ts: "any live session may end itself"), so a support token is no defect there.
  if (route.method === 'post' && route.path === '/v1/auth/logout' && caller === 'support') return true;
  if (route.auth === 'customer') return caller.startsWith('customer');
  return caller === 'support' || caller === 'operator';
}

function callerHeaders(caller: CallerKind, c: Callers): Record<string, string> {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'customerBearer':
      return { authorization: `Bearer ${c.customerToken}` };
    case 'customerCookie':
      return { cookie: `timely_session=${c.customerToken}`, origin: c.origin };
    case 'customerCookieNoOrigin':
      return { cookie: `timely_session=${c.customerToken}` };
    case 'support':
      return { authorization: `Bearer ${c.supportToken}` };
    case 'operator':
      // the console's way in: its own cookie, with our Origin on writes
      return { cookie: `timely_staff_session=${c.operatorToken}`, origin: c.origin };
  }
}

/** Top-level keys of a (strict) object schema, to build bodies that look almost right. */
function schemaKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

// ---- building blocks ------------------------------------------------------------------------

/** Strings a careless or hostile client sends: control chars, NUL, lone surrogates, huge, RTL, emoji. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('a\u0000b', '\ud800x', 'x\udfff', '\u0007\u001b[31m\b\n\u000b\u007f', '\u202eevil', '  ', '', '😀'.repeat(50), 'A\u030a'),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, hostile strings included, sometimes nested very deep. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  { weight: 2, arbitrary: hostileString },
  // deep, but shallow enough for JSON.stringify here; deeper nesting is sent as raw text (almostBody)
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 500 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d))) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 300 }).map((d) => nestObjects(d)) },
);

function nestObjects(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** A value that is never a UUID and is often not even decodable as a path segment. */
const badId = fc.oneof(
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%FF', '%C0%80', '%ED%A0%80', '..', '%2e%2e', '%2F', 'null', 'undefined', '0', '-1', '00000000-0000-0000-0000-00000000000g'),
  // raw bytes, percent-encoded: often invalid UTF-8 once decoded; the x keeps it from being a UUID
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => 'x' + [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,80}$/).map((s) => `x${s}`),
  fc.integer({ min: 100, max: 9_000 }).map((n) => 'x'.repeat(n)),
);

/** Bodies that are not JSON at all, or JSON that express.json refuses to parse. */
const unparseableJson = fc.oneof(
  fc.constantFrom('{', '{"a":', '{a:1}', "{'a':1}", '{"a":1,}', '[1,]', 'NaN', 'null', 'true', '1', '"s"', '{"a":1}garbage', '\u0000', '{"a":"\\ud800"', '<xml/>', 'a=1&b=2'),
  // leading 0xff: never valid JSON, whatever follows (a replacement character is not whitespace)
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.concat([Buffer.from([0xff]), Buffer.from(b)])),
).map((b) => (typeof b === 'string' ? Buffer.from(b) : b));

const nonJsonContentType = fc.constantFrom(
  undefined, // a body with no Content-Type at all
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/json',
  'application/jsonx',
  'application/problem+json',
  'application/json-patch+json',
  'application/octet-stream',
  '*/*',
  'garbage',
);

const badCharset = fc.constantFrom('latin1', 'iso-8859-1', 'utf-16', 'utf-7', 'ascii', 'bogus', 'utf-8x', '"utf-16le"');

// Compressed-looking bodies: the leading 0x00 is no gzip magic and no valid zlib header, and the
// short text after it is no complete brotli stream, so none can inflate into a valid body.
const badEncoding = fc.tuple(fc.constantFrom('bogus', 'gzip', 'deflate', 'br', 'compress', 'gzip, bogus', 'x-gzip'), fc.uint8Array({ maxLength: 100 }));

// ---- one request ----------------------------------------------------------------------------

interface Draft {
  defect: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');

/** A body object for `keys` (some present with odd values) plus `extra`, a key the strict schema refuses. */
function almostBody(keys: string[]): fc.Arbitrary<Buffer> {
  const fields = keys.length ? fc.dictionary(fc.constantFrom(...keys), anyJson, { maxKeys: keys.length }) : fc.constant({});
  const unknownKey = fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !keys.includes(k) && k !== '__proto__');
  return fc.oneof(
    // an unknown key: a strict object never accepts it, whatever the other fields hold
    fc.tuple(fields, unknownKey, anyJson).map(([f, k, v]) => json({ ...f, [k]: v })),
    // a NUL or lone surrogate in a field: refused on every field by api/input-guard.ts
    fc.tuple(fields, fc.constantFrom(...(keys.length ? keys : ['x'])), fc.constantFrom('a\u0000b', '\ud800', 'x\udc00y')).map(([f, k, s]) => json({ ...f, [k]: s })),
    // nesting far deeper than any JSON.stringify could write, under an unknown key
    fc.tuple(unknownKey, fc.integer({ min: 1_000, max: 40_000 })).map(([k, d]) => Buffer.from(`{${JSON.stringify(k)}:${'['.repeat(d)}${']'.repeat(d)}}`)),
    // not an object at all
    fc.oneof(fc.array(anyJson, { maxLength: 5 }), fc.constant([])).map(json),
  );
}

function drafts(route: RouteSpec, caller: CallerKind, c: Callers): fc.Arbitrary<Draft>[] {
  const out: fc.Arbitrary<Draft>[] = [];
  const unsafe = UNSAFE.has(route.method);
  const junk = fc.uint8Array({ minLength: 1, maxLength: 500 }).map((b) => Buffer.from(b));
  if (!admitted(route, caller)) out.push(fc.constant({ defect: 'caller' }));
  if (unsafe) out.push(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1', c.origin + '.evil.example').map((o) => ({ defect: 'foreign-origin', headers: { origin: o } })));
  out.push(
    fc.tuple(nonJsonContentType, fc.oneof(junk, fc.jsonValue().map(json))).map(([ct, body]): Draft => ({ defect: 'content-type', headers: ct ? { 'content-type': ct } : {}, body })),
  );
  out.push(fc.tuple(badCharset, unparseableJson).map(([cs, body]) => ({ defect: 'charset', headers: { 'content-type': `application/json; charset=${cs}` }, body })));
  out.push(
    badEncoding.map(([enc, b]) => ({ defect: 'content-encoding', headers: { 'content-type': 'application/json', 'content-encoding': enc }, body: Buffer.concat([Buffer.from([0]), Buffer.from(b)]) })),
  );
  out.push(unparseableJson.map((body) => ({ defect: 'malformed-json', headers: { 'content-type': 'application/json' }, body })));
  if (route.body) out.push(almostBody(schemaKeys(route.body)).map((body) => ({ defect: 'body', headers: { 'content-type': 'application/json' }, body })));
  if (route.params) out.push(badId.map((id) => ({ defect: 'params', path: route.path.replace(/:[A-Za-z]+/g, id) })));
  // a garbage segment after the operation's path: no route, or an id that is not one
  out.push(badId.map((seg) => ({ defect: 'path', path: `${route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000')}/${seg}` })));
  return out;
}

/** Query strings for routes that take one: all strict, so an unknown key alone is a 400. */
function badQuery(route: RouteSpec): fc.Arbitrary<string> {
  const keys = schemaKeys(route.query);
  const value = fc.oneof(badId, fc.constantFrom('%00', '-1', '0', '1e999', '9'.repeat(30), 'abc', '', '%ZZ', Buffer.from('{"t":"garbage","id":"00000000-0000-0000-0000-000000000000"}').toString('base64url')));
  const pair = fc.tuple(keys.length ? fc.oneof(fc.constantFrom(...keys), fc.stringMatching(/^[a-z]{1,10}$/)) : fc.stringMatching(/^[a-z]{1,10}$/), value);
  return fc.array(pair, { minLength: 1, maxLength: 4 }).map((ps) => '?' + ps.map(([k, v]) => `${k}=${v}`).join('&'));
}

/** Legal but unusual headers added to any request; never the defect itself. */
const noiseHeaders = fc.record(
  {
    'x-request-id': fc.oneof(fc.stringMatching(/^[ -~]{0,300}$/), fc.uuid()),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'application/problem+json', 'garbage'),
    'accept-encoding': fc.constantFrom('gzip', 'br', 'bogus', 'identity;q=0'),
  },
  { requiredKeys: [] },
);

export function badRequest(routes: readonly RouteSpec[], callers: Callers): fc.Arbitrary<BadRequest> {
  return fc
    .tuple(fc.constantFrom(...routes), fc.constantFrom(...CALLER_KINDS))
    .chain(([route, caller]) =>
      fc.record({
        route: fc.constant(route),
        caller: fc.constant(caller),
        draft: fc.oneof(...drafts(route, caller, callers)),
        query: route.query ? fc.option(badQuery(route), { freq: 2 }) : fc.constant(null),
        noise: noiseHeaders,
      }),
    )
    .map(({ route, caller, draft, query, noise }) => {
      const headers: Record<string, string> = { ...noise, ...callerHeaders(caller, callers), ...draft.headers };
      const path = (draft.path ?? route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000')) + (query ?? '');
      return { operation: `${route.method.toUpperCase()} ${route.path}`, caller, defect: draft.defect, method: route.method.toUpperCase(), path, headers, body: draft.body };
    });
}

/** A request as one line, for a failure report or the bench's findings. */
export function describeRequest(r: BadRequest): string {
  const body = r.body === undefined ? '' : ` body(${r.body.length}B)=${JSON.stringify(r.body.subarray(0, 200).toString('latin1'))}`;
  return `${r.method} ${r.path.slice(0, 300)} [${r.operation}; caller=${r.caller}; defect=${r.defect}] headers=${JSON.stringify(r.headers)}${body}`;
}
