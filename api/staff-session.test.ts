/**
 * The console's staff session: sign-in into an HttpOnly timely_staff_session cookie, the first
 * sign-in's enrolment (the QR code's otpauth URL answered after the right password, a code from
 * its secret enrols), /v1/staff/me, sign-out revoking the session, and the two cookies kept
 * apart (a customer's cookie never opens a staff route, a staff cookie never a customer route).
 * Real HTTP, real PostgreSQL.
 */
import * as OTPAuth from 'otpauth';
import { createStaff } from '../activities/accounts/staff';
import { closePool, getPool } from '../db/pool';
import { call, signUpAndSignIn, startApi, TestApi, uniqueCustomer } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { STAFF_PASSWORD, totpOf, uniqueStaffEmail } from '../test/support/staff';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
  await closePool();
});

const newMember = (role: 'support' | 'operator' = 'support') => createStaff(getPool(), { email: uniqueStaffEmail(role), password: STAFF_PASSWORD, role });
const login = (body: Record<string, unknown>) => call(api, 'POST', '/v1/staff/login', { body, headers: { origin: api.url } });
const cookiePair = (setCookie: string[]) => setCookie[0]?.split(';')[0] ?? '';
const enrolled = async (id: string) => (await getPool().query('SELECT totp_enrolled_at FROM accounts.staff WHERE id = $1', [id])).rows[0].totp_enrolled_at !== null;

it('enrols at the first sign-in: the QR code after the right password, then a code from its secret signs in with a cookie', async () => {
  const m = await newMember('support');
  expect(await enrolled(m.id)).toBe(false);

  // A wrong password never shows the secret.
  const wrong = await login({ email: m.email, password: 'not the password', session: 'cookie' });
  expect(wrong.status).toBe(401);
  expect(wrong.body).toMatchObject({ type: expect.stringMatching(/\/invalid-credentials$/) });
  expect(wrong.body).not.toHaveProperty('secret');
  expect(wrong.body).not.toHaveProperty('otpauthUrl');

  const first = await login({ email: m.email, password: STAFF_PASSWORD, session: 'cookie' });
  expect(first.status).toBe(401);
  expect(first.contentType).toContain('application/problem+json');
  expect(first.body).toMatchObject({ status: 401, type: expect.stringMatching(/\/totp-enrollment-required$/), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\/Timely:/), secret: expect.any(String) });
  expect(first.headers.getSetCookie()).toEqual([]);
  // The console reads the secret from the QR code's URL; the code comes from it.
  const secret = OTPAuth.URI.parse(first.body.otpauthUrl).secret.base32;
  expect(secret).toBe(first.body.secret);
  expect(await enrolled(m.id)).toBe(false);

  const r = await login({ email: m.email, password: STAFF_PASSWORD, totp: totpOf(secret), session: 'cookie' });
  expect(r.status).toBe(200);
  expectDocumented('POST', '/v1/staff/login', r);
  expect(r.body).toEqual({ staff: { id: m.id, email: m.email, role: 'support' }, expiresAt: expect.any(String) });
  const setCookie = r.headers.getSetCookie();
  expect(setCookie).toHaveLength(1);
  const attrs = setCookie[0].split(';').map((x) => x.trim());
  expect(attrs[0]).toMatch(/^timely_staff_session=tly_s_[A-Za-z0-9_-]+$/);
  expect(attrs).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=28800']));
  expect(attrs).not.toContain('Secure'); // NODE_ENV=test: plain http
  expect(await enrolled(m.id)).toBe(true);

  const me = await call(api, 'GET', '/v1/staff/me', { headers: { cookie: cookiePair(setCookie) } });
  expect(me.status).toBe(200);
  expectDocumented('GET', '/v1/staff/me', me);
  expect(me.body).toEqual({ id: m.id, email: m.email, role: 'support', expiresAt: r.body.expiresAt });
  // The cookie opens staff routes.
  expect((await call(api, 'GET', '/v1/admin/transfers?limit=1', { headers: { cookie: cookiePair(setCookie) } })).status).toBe(200);

  // Enrolled: no more QR code; a missing code is a field error, not a hint.
  const again = await login({ email: m.email, password: STAFF_PASSWORD, session: 'cookie' });
  expect(again.status).toBe(400);
  expect(again.body).toMatchObject({ errors: [{ field: 'totp', message: 'is required' }] });
  expect(again.body).not.toHaveProperty('secret');
  // An enrolled member with a wrong password and no code: the same 401 as any wrong factor.
  expect((await login({ email: m.email, password: 'not the password' })).status).toBe(401);
});

it('keeps bearer sign-in as before (token and role), now with the member', async () => {
  const m = await newMember('operator');
  const r = await login({ email: m.email, password: STAFF_PASSWORD, totp: totpOf(m.totpSecret) });
  expect(r.status).toBe(200);
  expectDocumented('POST', '/v1/staff/login', r);
  expect(r.body).toEqual({ token: expect.stringMatching(/^tly_s_/), role: 'operator', staff: { id: m.id, email: m.email, role: 'operator' }, expiresAt: expect.any(String) });
  expect(r.headers.getSetCookie()).toEqual([]);
  expect((await call(api, 'GET', '/v1/staff/me', { token: r.body.token })).body).toMatchObject({ id: m.id, role: 'operator' });
});

it('signs out: the session is revoked and the cookie cleared; a change without our Origin is refused', async () => {
  const m = await newMember('support');
  const r = await login({ email: m.email, password: STAFF_PASSWORD, totp: totpOf(m.totpSecret), session: 'cookie' });
  const cookie = cookiePair(r.headers.getSetCookie());

  // Cookie-authenticated unsafe request: our Origin only.
  const noOrigin = await call(api, 'POST', '/v1/staff/logout', { headers: { cookie } });
  expect(noOrigin.status).toBe(403);
  expect(noOrigin.body.type).toMatch(/\/origin-mismatch$/);
  expect((await call(api, 'GET', '/v1/staff/me', { headers: { cookie } })).status).toBe(200);

  const out = await call(api, 'POST', '/v1/staff/logout', { headers: { cookie, origin: api.url } });
  expect(out.status).toBe(204);
  const cleared = out.headers.getSetCookie();
  expect(cleared[0]).toMatch(/^timely_staff_session=;/);
  expect(cleared[0]).toContain('Max-Age=0');
  // The old cookie no longer works, even if a browser kept it.
  const after = await call(api, 'GET', '/v1/staff/me', { headers: { cookie } });
  expect(after.status).toBe(401);
  expect(after.contentType).toContain('application/problem+json');
  expect((await call(api, 'GET', '/v1/staff/me')).status).toBe(401);
});

it('never lets the customer cookie open a staff route, nor the staff cookie a customer route', async () => {
  // A customer signed in the browser's way.
  const who = uniqueCustomer();
  await call(api, 'POST', '/v1/accounts', { body: who });
  const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
  const v = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000', session: 'cookie' }, headers: { origin: api.url } });
  const customerCookie = cookiePair(v.headers.getSetCookie());
  expect(customerCookie).toMatch(/^timely_session=/);
  expect((await call(api, 'GET', '/v1/me', { headers: { cookie: customerCookie } })).status).toBe(200);
  expect((await call(api, 'GET', '/v1/staff/me', { headers: { cookie: customerCookie } })).status).toBe(401);
  expect((await call(api, 'GET', '/v1/admin/transfers?limit=1', { headers: { cookie: customerCookie } })).status).toBe(401);

  // A staff token put in the customer's cookie name is not read on staff routes either.
  const m = await newMember('operator');
  const bearer = await login({ email: m.email, password: STAFF_PASSWORD, totp: totpOf(m.totpSecret) });
  expect((await call(api, 'GET', '/v1/staff/me', { headers: { cookie: `timely_session=${bearer.body.token}` } })).status).toBe(401);

  // And the staff cookie never opens a customer route.
  const staffLogin = await login({ email: m.email, password: STAFF_PASSWORD, totp: totpOf(m.totpSecret, 1), session: 'cookie' });
  expect(staffLogin.status).toBe(200);
  const staffCookie = cookiePair(staffLogin.headers.getSetCookie());
  expect((await call(api, 'GET', '/v1/me', { headers: { cookie: staffCookie } })).status).toBe(401);
  // A customer's bearer token on a staff route: forbidden, as before.
  const c = await signUpAndSignIn(api);
  expect((await call(api, 'GET', '/v1/staff/me', { token: c.token })).status).toBe(403);
});
