/**
 * Customers' second factor through the API (issue 16): authenticator-app enrolment and sign-in, a
 * reused code refused, recovery codes once, step-up required then satisfied, limits (bounded
 * tries per ticket, 429 with Retry-After per account), phone change, devices, and the console's
 * view (support sees, only an operator removes). Passkeys are covered in the browser
 * (web/e2e/second-factor.test.ts), where Chromium's virtual authenticator signs.
 */
import { Pool } from 'pg';
import * as OTPAuth from 'otpauth';
import { useApiWithDb } from '../test/support/api-with-db';
import { call, signUpAndSignIn, type TestApi, uniqueCustomer } from '../test/support/api';
import { staffToken } from '../test/support/staff';

let api: TestApi;
let db: Pool;
const started = useApiWithDb();
beforeAll(() => {
  ({ api, db } = started());
});

/** Codes of one authenticator app, each for a later time step than the last (the server accepts a step once). */
function authenticator(secret: string) {
  let last = -Infinity;
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  return {
    next(): string {
      const step = Math.max(Math.floor(Date.now() / 30_000) - 1, last + 1);
      last = step;
      return totp.generate({ timestamp: step * 30_000 });
    },
  };
}

/** A signed-up customer with an authenticator app enrolled; the token's session has shown it. */
async function customerWithTotp() {
  const c = await signUpAndSignIn(api);
  const started = await call(api, 'POST', '/v1/me/factors/totp', { token: c.token });
  expect(started.status).toBe(201);
  expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Timely:/);
  const app = authenticator(started.body.secret);
  const firstCode = app.next();
  const confirmed = await call(api, 'POST', '/v1/me/factors/totp/confirm', { token: c.token, body: { code: firstCode } });
  expect(confirmed.status).toBe(201);
  expect(confirmed.body).toMatchObject({ kind: 'totp', name: 'Authenticator app' });
  return { ...c, app, firstCode, secret: started.body.secret as string };
}

/** The phone code step of sign-in for a customer with a second factor: the ticket. */
async function phoneStep(phone: string) {
  const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone } });
  const verified = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } });
  expect(verified.status).toBe(202);
  expect(verified.body).toMatchObject({ secondFactorRequired: true, triesLeft: 5 });
  expect(verified.body.token).toBeUndefined();
  return verified.body as { ticket: string; methods: string[] };
}

const secondStep = (ticket: string, proof: Record<string, unknown>) => call(api, 'POST', '/v1/auth/second-factor', { body: { ticket, proof } });
const eventsOf = async (accountId: string) => (await db.query('SELECT type, actor, data FROM accounts.events WHERE account_id = $1 ORDER BY id', [accountId])).rows;
const textsTo = (phone: string) => api.otpSender!.texts.filter((t) => t.phone === phone).map((t) => t.body);
/** Makes the session's last second factor older than the 5-minute step-up window. */
const ageStepUp = (accountId: string) => db.query(`UPDATE accounts.sessions SET second_factor_at = now() - interval '6 minutes' WHERE subject_id = $1`, [accountId]);

describe('authenticator app', () => {
  it('enrols with a QR secret, then sign-in takes the phone code and then an app code; a reused code is refused', async () => {
    const c = await customerWithTotp();
    const factors = await call(api, 'GET', '/v1/me/factors', { token: c.token });
    expect(factors.body).toMatchObject({ methods: ['totp'], recoveryCodesLeft: 0 });
    expect(JSON.stringify(factors.body)).not.toContain(c.secret);

    const { ticket, methods } = await phoneStep(c.customer.phone);
    expect(methods).toEqual(['totp']);
    // The code that confirmed enrolment was spent there.
    const reused = await secondStep(ticket, { method: 'totp', code: c.firstCode });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ type: expect.stringMatching(/second-factor-wrong$/), triesLeft: 4 });
    const fresh = c.app.next();
    const signedIn = await secondStep(ticket, { method: 'totp', code: fresh });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toMatch(/^tly_c_/);
    // The ticket is spent, and so is the code.
    expect((await secondStep(ticket, { method: 'totp', code: c.app.next() })).status).toBe(401);
    const again = await phoneStep(c.customer.phone);
    expect((await secondStep(again.ticket, { method: 'totp', code: fresh })).body.type).toMatch(/second-factor-wrong$/);

    const types = (await eventsOf(c.accountId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['security.factor_added', 'auth.second_factor_failed', 'auth.session_opened']));
    expect(textsTo(c.customer.phone).some((t) => /new second sign-in step was added/.test(t))).toBe(true);
  });

  it('refuses a wrong code at enrolment and keeps the factor pending', async () => {
    const c = await signUpAndSignIn(api);
    expect((await call(api, 'POST', '/v1/me/factors/totp', { token: c.token })).status).toBe(201);
    const wrong = await call(api, 'POST', '/v1/me/factors/totp/confirm', { token: c.token, body: { code: '123456' } });
    expect(wrong.status).toBe(401);
    expect((await call(api, 'GET', '/v1/me/factors', { token: c.token })).body.factors).toEqual([]);
    // Until a factor is enrolled, the phone code alone signs in.
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: c.customer.phone } });
    expect((await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } })).status).toBe(200);
  });
});

describe('recovery codes', () => {
  it('are ten, shown once, stored hashed, and each signs in once; use is recorded and texted', async () => {
    const c = await customerWithTotp();
    const made = await call(api, 'POST', '/v1/me/recovery-codes', { token: c.token });
    expect(made.status).toBe(201);
    const codes: string[] = made.body.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db.query('SELECT code_hash FROM accounts.recovery_codes WHERE account_id = $1', [c.accountId]);
    expect(stored.rows.map((r) => r.code_hash).some((h: string) => codes.some((code) => h.includes(code.replace('-', ''))))).toBe(false);
    expect(stored.rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);

    const t1 = await phoneStep(c.customer.phone);
    expect(t1.methods).toEqual(['totp', 'recovery']);
    // Typed loosely (lower case, no dash): still the code.
    const ok = await secondStep(t1.ticket, { method: 'recovery', code: codes[3].toLowerCase().replace('-', ' ') });
    expect(ok.status).toBe(200);
    const t2 = await phoneStep(c.customer.phone);
    expect((await secondStep(t2.ticket, { method: 'recovery', code: codes[3] })).status).toBe(401);
    expect((await call(api, 'GET', '/v1/me/factors', { token: ok.body.token })).body.recoveryCodesLeft).toBe(9);

    const used = (await eventsOf(c.accountId)).filter((e) => e.type === 'security.recovery_code_used');
    expect(used).toEqual([expect.objectContaining({ data: { codesLeft: 9 } })]);
    await eventuallyTexted(c.customer.phone, /recovery code was used/);
  });
});

async function eventuallyTexted(phone: string, words: RegExp): Promise<void> {
  for (let i = 0; i < 50 && !textsTo(phone).some((t) => words.test(t)); i++) await new Promise((r) => setTimeout(r, 20));
  expect(textsTo(phone).some((t) => words.test(t))).toBe(true);
}

describe('step-up', () => {
  it('is required for sensitive changes once a factor is enrolled, and then the change carries on', async () => {
    const c = await customerWithTotp();
    await ageStepUp(c.accountId);
    for (const [method, path, body] of [
      ['POST', '/v1/me/recovery-codes', undefined],
      ['DELETE', '/v1/bank', undefined],
      ['POST', '/v1/bank/link', { publicToken: 'public-sandbox-x' }],
      ['POST', '/v1/bank/link-token', {}],
      ['PATCH', '/v1/me', { email: `new.${c.customer.email}` }],
      ['POST', '/v1/me/phone/code', { phone: uniqueCustomer().phone }],
      ['POST', '/v1/me/factors/passkeys/options', undefined],
    ] as const) {
      const r = await call(api, method, path, { token: c.token, body });
      expect({ path, status: r.status, type: r.body.type, methods: r.body.methods }).toEqual({
        path,
        status: 401,
        type: 'https://timely.example/problems/step-up-required',
        methods: ['totp'],
      });
    }
    // Other changes and reads need no step-up; the session itself is still good.
    expect((await call(api, 'PATCH', '/v1/me', { token: c.token, body: { firstName: 'Grace' } })).status).toBe(200);
    expect((await call(api, 'GET', '/v1/me', { token: c.token })).status).toBe(200);

    const wrong = await call(api, 'POST', '/v1/auth/step-up', { token: c.token, body: { proof: { method: 'totp', code: c.firstCode } } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toMatch(/second-factor-wrong$/);
    const stepped = await call(api, 'POST', '/v1/auth/step-up', { token: c.token, body: { proof: { method: 'totp', code: c.app.next() } } });
    expect(stepped.status).toBe(200);
    expect(Date.parse(stepped.body.validUntil) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect((await call(api, 'POST', '/v1/me/recovery-codes', { token: c.token })).status).toBe(201);
    expect((await call(api, 'PATCH', '/v1/me', { token: c.token, body: { email: `new.${c.customer.email}` } })).status).toBe(200);
  });

  it('is not asked of a customer without a second factor', async () => {
    const c = await signUpAndSignIn(api);
    const r = await call(api, 'PATCH', '/v1/me', { token: c.token, body: { email: `changed.${c.customer.email}` } });
    expect(r.status).toBe(200);
  });
});

describe('limits', () => {
  it('a ticket allows 5 tries; 10 wrong second factors in 15 minutes answer 429 with Retry-After, even for the right code', async () => {
    const c = await customerWithTotp();
    const t1 = await phoneStep(c.customer.phone);
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await secondStep(t1.ticket, { method: 'totp', code: '000001' }));
    expect(tries.map((r) => r.body.triesLeft ?? r.body.type.split('/').pop())).toEqual([4, 3, 2, 1, 'ticket-exhausted']);
    expect((await secondStep(t1.ticket, { method: 'totp', code: c.app.next() })).body.type).toMatch(/ticket-expired$/);

    const t2 = await phoneStep(c.customer.phone);
    for (let i = 0; i < 4; i++) expect((await secondStep(t2.ticket, { method: 'totp', code: '000001' })).status).toBe(401);
    // The tenth wrong try of this account, by step-up.
    expect((await call(api, 'POST', '/v1/auth/step-up', { token: c.token, body: { proof: { method: 'totp', code: '000001' } } })).status).toBe(401);
    const limited = await secondStep(t2.ticket, { method: 'totp', code: c.app.next() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
    const stepUp = await call(api, 'POST', '/v1/auth/step-up', { token: c.token, body: { proof: { method: 'totp', code: c.app.next() } } });
    expect(stepUp.status).toBe(429);
  });
});

describe('phone change, devices, factors', () => {
  it('proves the new number with a code to it, after step-up; the old number is told', async () => {
    const c = await customerWithTotp();
    const next = uniqueCustomer().phone;
    const sent = await call(api, 'POST', '/v1/me/phone/code', { token: c.token, body: { phone: next } });
    expect(sent.status).toBe(202);
    // That code never signs anyone in.
    expect((await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: sent.body.challengeId, code: '000000' } })).body.type).toMatch(/code-expired$/);
    const wrong = await call(api, 'POST', '/v1/me/phone', { token: c.token, body: { challengeId: sent.body.challengeId, code: '111111' } });
    expect(wrong.body.type).toMatch(/code-wrong$/);
    const changed = await call(api, 'POST', '/v1/me/phone', { token: c.token, body: { challengeId: sent.body.challengeId, code: '000000' } });
    expect(changed.status).toBe(200);
    expect(changed.body.phone).toBe(next);
    await eventuallyTexted(c.customer.phone, /phone number on your account was changed/);
    expect((await eventsOf(c.accountId)).find((e) => e.type === 'security.phone_changed')?.data).toEqual({ from: c.customer.phone, to: next });
    await phoneStep(next);
    // A number that is someone else's is refused.
    const other = await signUpAndSignIn(api);
    expect((await call(api, 'POST', '/v1/me/phone/code', { token: c.token, body: { phone: other.customer.phone } })).status).toBe(409);
  });

  it('lists signed-in devices and signs out one or all; a new device is a security event', async () => {
    const c = await signUpAndSignIn(api);
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: c.customer.phone } });
    const phoneUa = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
    const second = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' }, headers: { 'user-agent': phoneUa } });
    const list = await call(api, 'GET', '/v1/me/sessions', { token: c.token });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.map((d: { device: string }) => d.device)).toContain('Safari on iPhone');
    expect(list.body.items.filter((d: { current: boolean }) => d.current)).toHaveLength(1);
    expect((await eventsOf(c.accountId)).filter((e) => e.type === 'security.new_device')).toHaveLength(1);
    await eventuallyTexted(c.customer.phone, /signed in on a new device/);

    const iphone = list.body.items.find((d: { device: string }) => d.device === 'Safari on iPhone');
    expect((await call(api, 'DELETE', `/v1/me/sessions/${iphone.id}`, { token: c.token })).status).toBe(204);
    expect((await call(api, 'GET', '/v1/me', { token: second.body.token })).status).toBe(401);
    // Someone else's session is not found.
    const other = await signUpAndSignIn(api);
    const theirs = (await call(api, 'GET', '/v1/me/sessions', { token: other.token })).body.items[0].id;
    expect((await call(api, 'DELETE', `/v1/me/sessions/${theirs}`, { token: c.token })).status).toBe(404);
    expect((await call(api, 'DELETE', '/v1/me/sessions', { token: c.token })).status).toBe(204);
    expect((await call(api, 'GET', '/v1/me', { token: c.token })).status).toBe(401);
    expect((await call(api, 'GET', '/v1/me', { token: other.token })).status).toBe(200);
  });

  it('keeps the last factor; the console shows factors without secrets; support cannot remove, an operator can (recorded)', async () => {
    const c = await customerWithTotp();
    const [factor] = (await call(api, 'GET', '/v1/me/factors', { token: c.token })).body.factors;
    const last = await call(api, 'DELETE', `/v1/me/factors/${factor.id}`, { token: c.token });
    expect(last.status).toBe(409);
    expect(last.body.type).toMatch(/last-factor$/);

    const support = await staffToken(api, 'support');
    const seen = await call(api, 'GET', `/v1/admin/accounts/${c.accountId}/factors`, { token: support });
    expect(seen.status).toBe(200);
    expect(seen.body.factors).toEqual([expect.objectContaining({ id: factor.id, kind: 'totp' })]);
    expect(JSON.stringify(seen.body)).not.toContain(c.secret);
    const path = `/v1/admin/accounts/${c.accountId}/factors/${factor.id}/remove`;
    expect((await call(api, 'POST', path, { token: support, body: { note: 'lost phone' } })).status).toBe(403);
    const operator = await staffToken(api, 'operator');
    expect((await call(api, 'POST', path, { token: operator, body: { note: 'Lost phone; identity checked by call-back' } })).status).toBe(204);
    const removed = (await eventsOf(c.accountId)).find((e) => e.type === 'security.factor_removed');
    expect(removed).toMatchObject({ actor: expect.stringMatching(/^staff:/), data: { kind: 'totp', note: 'Lost phone; identity checked by call-back' } });
    // No factor left: the phone code alone signs in again.
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: c.customer.phone } });
    expect((await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } })).status).toBe(200);
  });
});
