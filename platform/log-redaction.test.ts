/** The logger's deep redaction, on its own and through the real logger. */
import { CENSOR, isSecretKey, redactForLog, redactLogLine } from './log-redaction';
import { logger, tapLogs } from './logger';

const SECRET = 'sekret-value-123456';

it('censors secret keys at any depth, in any case or separator, inside arrays', () => {
  const out = redactForLog({
    a: { b: { c: { PLAID_SECRET: SECRET, 'Plaid-Secret': SECRET, AccessToken: SECRET } } },
    list: [{ access_token: SECRET }, [{ public_token: SECRET, keep: 'ok' }]],
    headers: { Cookie: SECRET, 'set-cookie': [SECRET], Authorization: `Bearer ${SECRET}`, 'PLAID-CLIENT-ID': SECRET, 'x-api-key': SECRET },
    login: { password: SECRET, totp: '123456', otpCode: '654321', code: '000000', apiKey: SECRET, totpSecret: SECRET },
  });
  expect(JSON.stringify(out)).not.toContain(SECRET);
  expect(JSON.stringify(out)).not.toMatch(/123456|654321|000000/);
  expect(out).toMatchObject({ list: [{ access_token: CENSOR }, [{ public_token: CENSOR, keep: 'ok' }]], headers: { Cookie: CENSOR, 'set-cookie': CENSOR } });
});

it('keeps what is not secret: error codes, ids, counts', () => {
  expect(isSecretKey('code', 'ECONNREFUSED')).toBe(false);
  expect(isSecretKey('code', '123456')).toBe(true);
  expect(isSecretKey('error_code', 'ITEM_LOGIN_REQUIRED')).toBe(false);
  expect(isSecretKey('authorizationId')).toBe(false);
  expect(isSecretKey('Proxy-Authorization')).toBe(true);
  expect(isSecretKey('footprint')).toBe(false);
  expect(redactForLog({ accountId: 'a-1', n: 3, ok: true, when: new Date(0) })).toEqual({ accountId: 'a-1', n: 3, ok: true, when: '1970-01-01T00:00:00.000Z' });
});

it('survives cycles and bounds depth, keys, items and string length', () => {
  const a: Record<string, unknown> = { name: 'a' };
  a.self = a;
  a.list = [a, { back: a }];
  let deep: Record<string, unknown> = { token: SECRET };
  for (let i = 0; i < 20; i++) deep = { next: deep };
  const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
  const out = redactForLog({ a, deep, wide, many: Array.from({ length: 1000 }, (_, i) => i), long: 'x'.repeat(100_000) }) as Record<string, any>;
  expect(out.a.self).toBe('[Circular]');
  expect(out.a.list[0]).toBe('[Circular]');
  const text = JSON.stringify(out);
  expect(text).not.toContain(SECRET);
  expect(text.length).toBeLessThan(6000);
});

it('shares one object twice without calling it circular', () => {
  const shared = { x: 1 };
  expect(redactForLog({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
});

it('reduces an HTTP client error (axios shape) to its summary: no config, request, response or body', () => {
  const err = Object.assign(new Error('Request failed with status code 400'), {
    isAxiosError: true,
    code: 'ERR_BAD_REQUEST',
    config: { url: 'http://127.0.0.1:4010/identity/get?x=1', method: 'post', headers: { 'PLAID-SECRET': SECRET }, data: `{"access_token":"access-sandbox-${SECRET}"}` },
    request: { _header: `PLAID-SECRET: ${SECRET}` },
    response: { status: 400, headers: {}, data: { error_type: 'INVALID_INPUT', error_code: 'INVALID_ACCESS_TOKEN', request_id: 'req-1', owners: ['Zed Planted'] } },
  });
  const out = redactForLog({ err, nested: { error: err } }) as Record<string, any>;
  expect(out.err).toEqual({
    type: 'HttpClientError',
    status: 400,
    code: 'ERR_BAD_REQUEST',
    method: 'POST',
    endpoint: '/identity/get',
    error_type: 'INVALID_INPUT',
    error_code: 'INVALID_ACCESS_TOKEN',
    request_id: 'req-1',
    message: 'HTTP 400',
  });
  expect(JSON.stringify(out)).not.toMatch(new RegExp(`${SECRET}|Zed Planted`));
});

it('turns errors into plain objects with their cause, and class instances into a tag', () => {
  class Pool {
    password = SECRET;
  }
  const err = Object.assign(new Error('outer', { cause: new Error(`inner with Bearer ${SECRET}`) }), { pool: new Pool(), accessToken: SECRET });
  const out = redactForLog({ err, buf: Buffer.from(SECRET) }) as Record<string, any>;
  expect(out.err).toMatchObject({ type: 'Error', message: 'outer', cause: { type: 'Error', message: `inner with Bearer ${CENSOR}` }, pool: '[Pool]', accessToken: CENSOR });
  expect(out.buf).toBe(`[Buffer ${SECRET.length} bytes]`);
  expect(JSON.stringify(out)).not.toContain(SECRET);
});

it('scrubs Plaid tokens out of free text', () => {
  expect(redactForLog('token access-sandbox-0f2b1c3d-aaaa-bbbb was refused')).toBe(`token access-sandbox-${CENSOR} was refused`);
});

it('censors a written line again (headers serialized late by pino-http)', () => {
  const line = JSON.stringify({ level: 30, msg: 'request completed', req: { headers: { cookie: SECRET, authorization: `Bearer ${SECRET}` } } });
  const out = redactLogLine(`${line}\n`);
  expect(out).not.toContain(SECRET);
  expect(JSON.parse(out)).toMatchObject({ level: 30, msg: 'request completed', req: { headers: { cookie: CENSOR } } });
  const quiet = '{"level":30,"msg":"nothing to see"}\n';
  expect(redactLogLine(quiet)).toBe(quiet);
});

it('the real logger writes none of it, whichever key carries it', () => {
  const tap = tapLogs();
  try {
    const err = Object.assign(new Error('boom'), { isAxiosError: true, config: { headers: { 'PLAID-SECRET': SECRET } }, response: { status: 500, data: 'Zed Planted' } });
    logger.error({ err }, 'with err');
    logger.warn({ error: err, durationMs: 3 }, 'as Temporal logs it');
    logger.child({ session: { Token: SECRET } }).info({ deep: { a: [{ B: { PASSWORD: SECRET } }] } }, 'child');
    logger.info({ req: { headers: { Cookie: SECRET } } }, 'plain req object');
  } finally {
    tap.stop();
  }
  expect(tap.lines).toHaveLength(4);
  expect(tap.text()).not.toMatch(new RegExp(`${SECRET}|Zed Planted`));
  expect(JSON.parse(tap.lines[0]).err).toMatchObject({ type: 'HttpClientError', status: 500 });
  expect(JSON.parse(tap.lines[1]).error).toMatchObject({ type: 'HttpClientError', status: 500 });
});
