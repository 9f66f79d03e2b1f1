/** Sign-up, phone sign-in and profile, over real HTTP against real PostgreSQL. */
import { Pool } from 'pg';
import { useApiWithDb } from '../test/support/api-with-db';
import { call, signUpAndSignIn, TestApi, uniqueCustomer } from '../test/support/api';

let api: TestApi;
let db: Pool;
const started = useApiWithDb();
beforeAll(() => {
  ({ api, db } = started());
});

// Other test files sign customers up in the same database at the same time: "writing nothing" is
// counted on this request's own email and phone, not on the whole table.
const countAccountsOf = async (who: { email: string; phone: string }) =>
  Number((await db.query('SELECT count(*) FROM accounts.accounts WHERE lower(email) = lower($1) OR phone = $2', [who.email, who.phone])).rows[0].count);

describe('POST /v1/accounts', () => {
  it('creates a pending account and records the event', async () => {
    const who = uniqueCustomer();
    const r = await call(api, 'POST', '/v1/accounts', { body: { ...who, email: who.email.toUpperCase() } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: who.email, firstName: 'Ada', phone: who.phone, status: 'pending_verification' });
    expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(r.body.createdAt)).not.toBeNaN();
    const events = await db.query('SELECT type, actor FROM accounts.events WHERE account_id = $1', [r.body.id]);
    expect(events.rows).toEqual([{ type: 'account.created', actor: `customer:${r.body.id}` }]);
  });

  it.each([
    ['email', { email: 'not-an-email' }, 'email'],
    ['phone not E.164', { phone: '415-555-0123' }, 'phone'],
    ['impossible phone', { phone: '+15555555555' }, 'phone'],
    ['missing first name', { firstName: '' }, 'firstName'],
    ['unknown field', { admin: true }, ''],
  ])('refuses %s with problem+json naming the field, writing nothing', async (_label, patch, field) => {
    const body = { ...uniqueCustomer(), ...patch } as { email: string; phone: string };
    const before = await countAccountsOf(body);
    const r = await call(api, 'POST', '/v1/accounts', { body });
    expect(r.status).toBe(400);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body).toMatchObject({ type: expect.stringContaining('validation-error'), title: 'Bad Request', status: 400 });
    expect(r.body.detail).toEqual(expect.any(String));
    if (field) expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
    else expect(r.body.errors.length).toBeGreaterThan(0);
    expect(before).toBe(0);
    expect(await countAccountsOf(body)).toBe(0);
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    const r = await call(api, 'POST', '/v1/accounts', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('body');
  });

  it('answers 409 when the email or the phone is taken (email case-insensitively)', async () => {
    const who = uniqueCustomer();
    expect((await call(api, 'POST', '/v1/accounts', { body: who })).status).toBe(201);
    const sameEmail = await call(api, 'POST', '/v1/accounts', { body: { ...uniqueCustomer(), email: who.email.toUpperCase() } });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const samePhone = await call(api, 'POST', '/v1/accounts', { body: { ...uniqueCustomer(), phone: who.phone } });
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
  });
});

describe('phone sign-in', () => {
  it('verifies the code, activates the account and serves /v1/me', async () => {
    const who = uniqueCustomer();
    const created = await call(api, 'POST', '/v1/accounts', { body: who });
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    expect(otp.status).toBe(202);
    expect(new Date(otp.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const v = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } });
    expect(v.status).toBe(200);
    expect(v.body.accountId).toBe(created.body.id);
    const me = await call(api, 'GET', '/v1/me', { token: v.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: created.body.id, status: 'active' });
    // A used code cannot be used again.
    const again = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } });
    expect(again.status).toBe(401);
  });

  it('answers 401 to a wrong code and locks the challenge after 5 tries', async () => {
    const who = uniqueCustomer();
    await call(api, 'POST', '/v1/accounts', { body: who });
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    for (let i = 0; i < 5; i++) {
      const r = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '123456' } });
      expect(r.status).toBe(401);
      expect(r.contentType).toContain('application/problem+json');
    }
    const right = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } });
    expect(right.status).toBe(401);
    expect(right.body.type).toContain('code-exhausted');
  });

  it('allows 3 challenges per phone per 10 minutes, then 429 with Retry-After', async () => {
    const who = uniqueCustomer();
    await call(api, 'POST', '/v1/accounts', { body: who });
    for (let i = 0; i < 3; i++) expect((await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } })).status).toBe(202);
    const fourth = await call(api, 'POST', '/v1/auth/otp', { body: { phone: who.phone } });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not reveal whether a phone has an account, and such a challenge never verifies', async () => {
    const otp = await call(api, 'POST', '/v1/auth/otp', { body: { phone: uniqueCustomer().phone } });
    expect(otp.status).toBe(202);
    const v = await call(api, 'POST', '/v1/auth/verify', { body: { challengeId: otp.body.challengeId, code: '000000' } });
    expect(v.status).toBe(401);
  });
});

describe('/v1/me', () => {
  it('needs a token', async () => {
    expect((await call(api, 'GET', '/v1/me')).status).toBe(401);
    expect((await call(api, 'GET', '/v1/me', { token: 'tly_c_nonsense' })).status).toBe(401);
  });

  it('changes name and email, records who changed what, and refuses a taken email', async () => {
    const a = await signUpAndSignIn(api);
    const b = await signUpAndSignIn(api);
    const r = await call(api, 'PATCH', '/v1/me', { token: a.token, body: { firstName: 'Grace', email: 'Grace.' + a.customer.email } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ firstName: 'Grace', email: ('grace.' + a.customer.email).toLowerCase() });
    const ev = await db.query(`SELECT actor, data FROM accounts.events WHERE account_id = $1 AND type = 'account.updated'`, [a.accountId]);
    expect(ev.rows[0].actor).toBe(`customer:${a.accountId}`);
    expect(ev.rows[0].data.changes.firstName).toEqual({ from: 'Ada', to: 'Grace' });
    const taken = await call(api, 'PATCH', '/v1/me', { token: a.token, body: { email: b.customer.email } });
    expect(taken.status).toBe(409);
    const bad = await call(api, 'PATCH', '/v1/me', { token: a.token, body: { phone: '+14155550000' } });
    expect(bad.status).toBe(400);
  });
});
