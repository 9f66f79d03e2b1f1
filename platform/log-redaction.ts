/**
 * Deep redaction for log lines: the logger's second line of defence (the first is never handing
 * it a secret). Walks any value to a bounded depth, safe against cycles, and
 *  - censors values under keys that name secrets, whatever their case or separator
 *    (accessToken, ACCESS_TOKEN, PLAID-SECRET, Set-Cookie, totpSecret, otp, apiKey...);
 *  - reduces an HTTP client's error or response (axios: `config` with our headers, `request`
 *    with the socket, `response` with the body) to its safe summary;
 *  - turns Errors into plain { type, message, stack, ...own fields } and other class instances
 *    (sockets, pools, buffers) into a short tag, so pino never stringifies their insides;
 *  - scrubs Plaid tokens and bearer credentials out of free text;
 *  - bounds depth, keys, array items and string length, so one line stays small.
 */
import { isHttpClientObject, summarizeHttpClientError } from './http-client-error';

export const CENSOR = '[redacted]';

const MAX_DEPTH = 6;
const MAX_KEYS = 40;
const MAX_ITEMS = 20;
const MAX_STRING = 2000;
const MAX_STACK = 3000;

/** Substrings of a key (lower case, separators removed) that mark it secret. */
const SECRET_PARTS = [
  'secret', // secret, client_secret, PLAID-SECRET, totpSecret
  'token', // token, accessToken, access_token, public_token, link_token, refreshToken
  'password',
  'passwd',
  'passphrase',
  'cookie', // cookie, set-cookie
  'apikey', // apiKey, api_key, x-api-key
  'privatekey',
  'credential',
  'clientid', // PLAID-CLIENT-ID, client_id: not secret alone, but half of the pair
  'plaidverification', // the webhook's signed JWT
  'otpauth', // an otpauth:// URL carries the TOTP secret
];
/** Whole words of a key (camelCase or separated) that mark it secret: otpCode, sms_otp, TOTP, pin. */
const SECRET_WORDS = new Set(['otp', 'totp', 'pin', 'cvv', 'ssn']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a value under this key must never be logged. `code` only when it looks like an OTP. */
export function isSecretKey(key: string, value?: unknown): boolean {
  const compact = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SECRET_PARTS.some((p) => compact.includes(p))) return true;
  // authorization, Proxy-Authorization; not a Plaid transfer's authorizationId
  if (compact.endsWith('authorization')) return true;
  if (words(key).some((w) => SECRET_WORDS.has(w))) return true;
  // error codes (ECONNREFUSED, ITEM_LOGIN_REQUIRED, SQLSTATE 23505) stay; a 6-8 digit code is a one-time code
  return compact === 'code' && (typeof value === 'string' || typeof value === 'number') && /^\d{6,8}$/.test(String(value));
}

/** Plaid tokens (access-sandbox-..., public-production-...) and bearer credentials in free text. */
const TOKEN_IN_TEXT = /\b(access|public|link|processor)-(sandbox|development|production|local)-[A-Za-z0-9-]{6,}/g;
const BEARER_IN_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

function scrubText(s: string, max = MAX_STRING): string {
  const short = s.length > max ? `${s.slice(0, max)}…(${s.length - max} more chars)` : s;
  return short.replace(TOKEN_IN_TEXT, `$1-$2-${CENSOR}`).replace(BEARER_IN_TEXT, `$1 ${CENSOR}`);
}

function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function tagOf(o: object): string {
  const name = (o as { constructor?: { name?: string } }).constructor?.name || 'Object';
  if (Buffer.isBuffer(o) || ArrayBuffer.isView(o)) return `[${name} ${(o as ArrayBufferView).byteLength} bytes]`;
  return `[${name}]`;
}

function walk(v: unknown, depth: number, path: Set<object>): unknown {
  switch (typeof v) {
    case 'string':
      return scrubText(v);
    case 'number':
    case 'boolean':
    case 'undefined':
      return v;
    case 'bigint':
      return v.toString();
    case 'symbol':
    case 'function':
      return undefined;
  }
  if (v === null) return null;
  const o = v as object;
  if (path.has(o)) return '[Circular]';
  if (isHttpClientObject(o)) return { type: 'HttpClientError', ...summarizeHttpClientError(o) };
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? 'Invalid Date' : o.toISOString();
  if (depth >= MAX_DEPTH) return Array.isArray(o) ? `[Array(${o.length})]` : tagOf(o);
  path.add(o);
  try {
    if (Array.isArray(o)) {
      const out = o.slice(0, MAX_ITEMS).map((x) => walk(x, depth + 1, path));
      if (o.length > MAX_ITEMS) out.push(`…${o.length - MAX_ITEMS} more items`);
      return out;
    }
    if (o instanceof Error) return walkError(o, depth, path);
    if (!isPlain(o)) return tagOf(o);
    return walkEntries(o as Record<string, unknown>, depth, path, {});
  } finally {
    path.delete(o);
  }
}

function walkEntries(o: Record<string, unknown>, depth: number, path: Set<object>, out: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(o);
  for (const k of keys.slice(0, MAX_KEYS)) {
    if (k in out) continue;
    const value = o[k];
    out[k] = isSecretKey(k, value) && value !== undefined && value !== null ? CENSOR : walk(value, depth + 1, path);
  }
  if (keys.length > MAX_KEYS) out['…'] = `${keys.length - MAX_KEYS} more keys`;
  return out;
}

function walkError(e: Error, depth: number, path: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: e.constructor?.name || e.name,
    message: scrubText(String(e.message ?? '')),
    ...(typeof e.stack === 'string' ? { stack: scrubText(e.stack, MAX_STACK) } : {}),
  };
  const cause = (e as { cause?: unknown }).cause;
  if (cause !== undefined) out.cause = walk(cause, depth + 1, path);
  return walkEntries(e as unknown as Record<string, unknown>, depth, path, out);
}

/** A log-safe copy of any value. */
export function redactForLog(value: unknown): unknown {
  return walk(value, 0, new Set());
}

/**
 * The merge object of a log call, made safe. `req` and `res` from pino-http stay as they are,
 * for its serializers to pick their fields; their headers are censored in the written line.
 */
export function redactLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if ((k === 'req' || k === 'res') && v && typeof v === 'object' && !isPlain(v)) out[k] = v;
    else out[k] = isSecretKey(k, v) && v !== undefined && v !== null ? CENSOR : walk(v, 1, new Set());
  }
  return out;
}

/** Keys worth a second look in a written line: a parse and a deep walk only when one appears. */
const SUSPECT_LINE = /"[^"]*(secret|token|passw|cookie|authoriz|api[-_]?key|otp|client[-_]?id|verification|credential)[^"]*"\s*:/i;

/** The written JSON line, censored again after pino's serializers ran (headers of req/res). */
export function redactLogLine(line: string): string {
  if (!SUSPECT_LINE.test(line)) return line;
  try {
    return `${JSON.stringify(walkLine(JSON.parse(line)))}\n`;
  } catch {
    return line;
  }
}

function walkLine(v: unknown): unknown {
  // A written line is plain JSON: walk it, but keep its top-level keys (time, level, msg) intact.
  if (!v || typeof v !== 'object' || Array.isArray(v)) return redactForLog(v);
  return walkEntries(v as Record<string, unknown>, -1, new Set(), {});
}
