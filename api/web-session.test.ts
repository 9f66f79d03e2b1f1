/**
 * The browser's sign-in: the session as an HttpOnly cookie (never in a body), the Origin check
 * that keeps other sites from using it, sign-out, and the sign-in code's UX fields and problems.
 * Real HTTP, real PostgreSQL.
 */
import { Pool } from 'pg';
import { useApiWithDb } from '../test/support/api-with-db';
import { call, signUpAndSignIn, TestApi, uniqueCustomer } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';

let api: TestApi;
let db: Pool;
const started = useApiWithDb();
beforeAll(() => {
  ({ api, db } = started());
});

const FOREIGN = 'https://evil.example';

/** A new customer signed in the browser's way; returns the cookie pair to send back. */
async function cookieSignIn() {
  const who = uniqueCustomer();
  const created = await call(api, 'POST', '/v1/accounts', { body: who });
  const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
  const v = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000', session: 'cookie' }, headers: { origin: api.url } });
  return { accountId: created.body.id as string, v, setCookie: v.headers.getSetCookie(), cookie: v.headers.getSetCookie()[0]?.split(';')[0] ?? '' };
}

describe('cookie session', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and never shows the token to the page', async () => {
    const { accountId, v, setCookie, cookie } = await cookieSignIn();
    expect(v.status).toBe(200);
    expectDocumented('POST', '/v1/auth/verify', v);
    expect(v.body).toEqual({ accountId, expiresAt: expect.any(String) });
    expect(setCookie).toHaveLength(1);
    const attrs = setCookie[0].split(';').map((x) => x.trim());
    expect(attrs[0]).toMatch(/^timely_session=tly_c_[A-Za-z0-9_-]+$/);
    expect(attrs).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=2592000']));
    // NODE_ENV=test: plain http, so no Secure (it is set everywhere else).
    expect(attrs).not.toContain('Secure');
    const me = await call(api, 'GET', '/v1/me', { headers: { cookie: `other=1; ${cookie}` } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(accountId);
  });

  it('keeps answering bearer tokens by default', async () => {
    const c = await signUpAndSignIn(api);
    expect(c.token).toMatch(/^tly_c_/);
    expect((await call(api, 'GET', '/v1/me', { token: c.token })).status).toBe(200);
    // The Authorization header wins over a cookie; a bad one is a 401 whatever the cookie says.
    const { cookie } = await cookieSignIn();
    expect((await call(api, 'GET', '/v1/me', { token: 'tly_c_nonsense', headers: { cookie } })).status).toBe(401);
  });

  it('refuses a cookie-authenticated change without our Origin, and allows it with it', async () => {
    const { cookie } = await cookieSignIn();
    const patch = (headers: Record<string, string>) => call(api, 'PATCH', '/v1/me', { body: { firstName: 'Grace' }, headers: { cookie, ...headers } });
    const none = await patch({});
    expect(none.status).toBe(403);
    expect(none.contentType).toContain('application/problem+json');
    expect(none.body.type).toContain('origin-mismatch');
    expect((await patch({ origin: FOREIGN })).status).toBe(403);
    expect((await patch({ origin: 'null' })).status).toBe(403);
    const ok = await patch({ origin: api.url });
    expect(ok.status).toBe(200);
    expect(ok.body.firstName).toBe('Grace');
    // Reads need no Origin.
    expect((await call(api, 'GET', '/v1/me', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses any unsafe request from a foreign page, writing nothing, but not Plaid’s webhook', async () => {
    const who = uniqueCustomer();
    const signUp = await call(api, 'POST', '/v1/accounts', { body: who, headers: { origin: FOREIGN } });
    expect(signUp.status).toBe(403);
    expect(signUp.body.type).toContain('origin-mismatch');
    expect((await db.query('SELECT count(*)::int AS n FROM accounts.accounts WHERE phone = $1', [who.phone])).rows[0].n).toBe(0);
    expect((await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone }, headers: { origin: FOREIGN } })).status).toBe(403);
    expect((await db.query('SELECT count(*)::int AS n FROM accounts.otp_challenges WHERE phone = $1', [who.phone])).rows[0].n).toBe(0);
    // A bearer client with a foreign Origin is a browser page too: refused.
    const c = await signUpAndSignIn(api);
    expect((await call(api, 'PATCH', '/v1/me', { token: c.token, body: { firstName: 'X' }, headers: { origin: FOREIGN } })).status).toBe(403);
    // Same origin and no Origin at all (curl) are fine.
    expect((await call(api, 'POST', '/v1/accounts', { body: who, headers: { origin: api.url } })).status).toBe(201);
    expect((await call(api, 'PATCH', '/v1/me', { token: c.token, body: { firstName: 'Y' } })).status).toBe(200);
    // Server-to-server and signature-checked: the Origin check does not apply.
    const hook = await call(api, 'POST', '/v1/webhooks/plaid', { body: { webhook_type: 'ITEM', webhook_code: 'ERROR' }, headers: { origin: FOREIGN } });
    expect(hook.status).not.toBe(403);
  });
});

describe('POST /v1/auth/logout', () => {
  it('ends a cookie session on the server and clears the cookie', async () => {
    const { accountId, cookie } = await cookieSignIn();
    expect((await call(api, 'POST', '/v1/auth/logout', { headers: { cookie } })).status).toBe(403); // no Origin
    const out = await call(api, 'POST', '/v1/auth/logout', { headers: { cookie, origin: api.url } });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie()[0].split(';').map((x) => x.trim());
    expect(cleared).toEqual(expect.arrayContaining(['timely_session=', 'Max-Age=0', 'Path=/', 'HttpOnly', 'SameSite=Strict']));
    const after = await call(api, 'GET', '/v1/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.contentType).toContain('application/problem+json');
    expect((await db.query(`SELECT count(*)::int AS n FROM accounts.sessions WHERE subject_id = $1`, [accountId])).rows[0].n).toBe(0);
  });

  it('ends a bearer session; signing out without a session is a 401', async () => {
    const c = await signUpAndSignIn(api);
    expect((await call(api, 'POST', '/v1/auth/logout', { token: c.token })).status).toBe(204);
    expect((await call(api, 'GET', '/v1/me', { token: c.token })).status).toBe(401);
    expect((await call(api, 'POST', '/v1/auth/logout', { token: c.token })).status).toBe(401);
    expect((await call(api, 'POST', '/v1/auth/logout')).status).toBe(401);
  });
});

describe('sign-in code UX', () => {
  const near = (iso: string, ms: number) => expect(Math.abs(Date.parse(iso) - ms)).toBeLessThan(5_000);

  it('tells how many tries a code has and when the next code may be asked for; 429 says when', async () => {
    const who = uniqueCustomer();
    await call(api, 'POST', '/v1/accounts', { body: who });
    const first = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    expect(first.status).toBe(202);
    expectDocumented('POST', '/v1/auth/otp', first);
    expect(first.body.triesLeft).toBe(5);
    near(first.body.resendAvailableAt, Date.now());
    const second = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    near(second.body.resendAvailableAt, Date.now());
    const { rows } = await db.query('SELECT min(created_at) AS t FROM accounts.otp_challenges WHERE phone = $1', [who.phone]);
    const windowEnds = new Date(rows[0].t).getTime() + 600_000;
    const third = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    expect(Date.parse(third.body.resendAvailableAt)).toBe(windowEnds);
    const fourth = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    expect(fourth.status).toBe(429);
    expect(fourth.body.type).toContain('rate-limited');
    expect(fourth.body.retryAfterSeconds).toEqual(expect.any(Number));
    expect(Number(fourth.headers.get('retry-after'))).toBe(fourth.body.retryAfterSeconds);
    near(new Date(Date.now() + fourth.body.retryAfterSeconds * 1000).toISOString(), windowEnds);
  });

  it('answers a phone with no account exactly alike', async () => {
    const stranger = await call(api, 'POST', '/v1/auth/otp', { body: { phone: uniqueCustomer().phone } });
    expect(stranger.status).toBe(202);
    expect(Object.keys(stranger.body).sort()).toEqual(['challengeId', 'expiresAt', 'resendAvailableAt', 'triesLeft']);
    expect(stranger.body.triesLeft).toBe(5);
    const wrong = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: stranger.body.challengeId, code: '000000' } });
    expect(wrong.body).toMatchObject({ type: expect.stringContaining('code-wrong'), triesLeft: 4 });
  });

  it('distinguishes a wrong code (with tries left), an exhausted one and an expired one', async () => {
    const who = uniqueCustomer();
    await call(api, 'POST', '/v1/accounts', { body: who });
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    const verify = (code: string) => call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code } });
    for (const left of [4, 3, 2, 1]) {
      const r = await verify('123456');
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ type: expect.stringContaining('code-wrong'), triesLeft: left, errors: [{ field: 'code', message: expect.any(String) }] });
      expect(r.body.detail).toBe(`That code is not right. You have ${left} ${left === 1 ? 'try' : 'tries'} left.`);
    }
    const last = await verify('123456');
    expect(last.body.type).toContain('code-exhausted');
    expect(last.body.detail).toMatch(/Ask for a new code/);
    expect((await verify('000000')).body.type).toContain('code-exhausted');

    const otp2 = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    await db.query(`UPDATE accounts.otp_challenges SET expires_at = now() - interval '1 second' WHERE id = $1`, [otp2.body.challengeId]);
    const expired = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp2.body.challengeId, code: '000000' } });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ type: expect.stringContaining('code-expired'), detail: expect.stringMatching(/expired/) });
    expect(expired.body.triesLeft).toBeUndefined();
  });
});
