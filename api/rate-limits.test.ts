/**
 * Abuse limits (issue 12, points 5 and 6): OTP issuance per client address and globally, an OTP
 * reply that does not tell customers from strangers, and the staff sign-in lockout. Limits are set
 * low here only (the suite's defaults under NODE_ENV=test are generous), in a database of this
 * file's own so the shared counters of files running beside it cannot trip it. Client addresses
 * come from X-Forwarded-For, which the app trusts from loopback, so each case has its own.
 */
import { Pool } from 'pg';
import * as password from '../activities/accounts/password';
import { createStaff, type CreatedStaff } from '../activities/accounts/staff';
import { closePool, getPool } from '../db/pool';
import { resetConfigForTests } from '../platform/config';
import { call, type Reply, startApi, TestApi, uniqueCustomer } from '../test/support/api';
import { useIsolatedDatabase } from '../test/support/isolated-db';
import { STAFF_PASSWORD, totpOf, uniqueStaffEmail } from '../test/support/staff';

// The real hashing, watched: a locked account must be refused before any scrypt runs.
jest.mock('../activities/accounts/password', () => {
  const real = jest.requireActual('../activities/accounts/password');
  return { ...real, hashPassword: jest.fn(real.hashPassword), verifyPassword: jest.fn(real.verifyPassword) };
});

const LIMITS = {
  OTP_LIMIT_PER_ADDRESS_PER_HOUR: '3',
  OTP_LIMIT_GLOBAL_PER_MINUTE: '1000',
  STAFF_LOGIN_FAILURES_PER_ADDRESS: '6',
  STAFF_LOCKOUT_AFTER_FAILURES: '3',
  STAFF_LOCKOUT_SECONDS: '60',
};

let api: TestApi;
let db: Pool;
let isolated: { drop(): Promise<void> };
beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  isolated = await useIsolatedDatabase('ratelimits');
  api = await startApi();
  db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(async () => {
  await api.close();
  await db.end();
  await closePool();
  await isolated.drop();
  for (const k of Object.keys(LIMITS)) delete process.env[k];
  resetConfigForTests();
});

let addressSeq = 0;
/** A documentation address (RFC 5737) no other case of this file uses. */
const freshAddress = () => {
  addressSeq += 1;
  return `198.51.${Math.floor(addressSeq / 250)}.${(addressSeq % 250) + 1}`;
};

const askCode = (phone: string, from: string) => call(api, 'POST', '/v1/auth/otp', { body: { phone }, headers: { 'x-forwarded-for': from } });
const login = (body: Record<string, unknown>, from: string) => call(api, 'POST', '/v1/staff/login', { body, headers: { 'x-forwarded-for': from } });

function expectRateLimited(r: Reply, maxSeconds: number) {
  expect(r.status).toBe(429);
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body.type).toBe('https://timely.example/problems/rate-limited');
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(r.body.retryAfterSeconds).toBe(retryAfter);
}

describe('OTP issuance', () => {
  it('is limited per client address across phones: 429 problem+json with Retry-After, nothing issued', async () => {
    const from = freshAddress();
    for (let i = 0; i < 3; i += 1) expect((await askCode(uniqueCustomer().phone, from)).status).toBe(202);
    const phone = uniqueCustomer().phone;
    const refused = await askCode(phone, from);
    expectRateLimited(refused, 3600);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM accounts.otp_challenges WHERE phone = $1', [phone]);
    expect(rows[0].n).toBe(0);
    // Another address is not held back by this one.
    expect((await askCode(phone, freshAddress())).status).toBe(202);
  });

  it("answers a customer's phone and a stranger's alike", async () => {
    const customer = uniqueCustomer();
    expect((await call(api, 'POST', '/v1/accounts', { body: customer })).status).toBe(201);
    const stranger = uniqueCustomer().phone;
    const replies = [];
    for (const phone of [customer.phone, stranger]) {
      const r = await askCode(phone, freshAddress());
      replies.push(r);
    }
    const [a, b] = replies;
    expect(a.status).toBe(202);
    expect(b.status).toBe(a.status);
    expect(b.contentType).toBe(a.contentType);
    expect(Object.keys(b.body).sort()).toEqual(Object.keys(a.body).sort());
    expect(b.body.triesLeft).toBe(a.body.triesLeft);
    const lifetime = (r: typeof a) => Date.parse(r.body.expiresAt) - Date.now();
    expect(Math.abs(lifetime(a) - lifetime(b))).toBeLessThan(5000);
    const wait = (r: typeof a) => Date.parse(r.body.resendAvailableAt) - Date.parse(r.body.expiresAt);
    expect(Math.abs(wait(a) - wait(b))).toBeLessThan(5000);
    // The per-phone limit answers alike too.
    const more = async (phone: string) => {
      for (let i = 0; i < 2; i += 1) await askCode(phone, freshAddress());
      return askCode(phone, freshAddress());
    };
    const [c, d] = [await more(customer.phone), await more(stranger)];
    expect(c.status).toBe(429);
    expect(d.status).toBe(429);
    expect(d.body.detail).toBe(c.body.detail);
    expect(Object.keys(d.body).sort()).toEqual(Object.keys(c.body).sort());
  });

  it('is limited globally, whatever the address (the limit set low here)', async () => {
    process.env.OTP_LIMIT_GLOBAL_PER_MINUTE = '2';
    resetConfigForTests();
    try {
      let refused;
      for (let i = 0; i < 3 && !refused; i += 1) {
        const r = await askCode(uniqueCustomer().phone, freshAddress());
        if (r.status === 429) refused = r;
        else expect(r.status).toBe(202);
      }
      expect(refused).toBeDefined();
      expectRateLimited(refused!, 60);
    } finally {
      process.env.OTP_LIMIT_GLOBAL_PER_MINUTE = LIMITS.OTP_LIMIT_GLOBAL_PER_MINUTE;
      resetConfigForTests();
    }
  });
});

describe('staff sign-in', () => {
  const newStaff = () => createStaff(getPool(), { email: uniqueStaffEmail('lockout'), password: STAFF_PASSWORD, role: 'support' });
  const right = (s: CreatedStaff) => ({ email: s.email, password: STAFF_PASSWORD, totp: totpOf(s.totpSecret) });
  const wrong = (s: CreatedStaff) => ({ email: s.email, password: 'not the password', totp: totpOf(s.totpSecret) });
  const events = async (s: CreatedStaff, type: string) =>
    (await db.query('SELECT data FROM accounts.staff_events WHERE staff_id = $1 AND type = $2 ORDER BY id', [s.id, type])).rows.map((r) => r.data);

  it('locks an account after repeated failures: refused even with the right password, without scrypt, and recorded', async () => {
    const s = await newStaff();
    const from = freshAddress();
    for (let i = 0; i < 3; i += 1) expect((await login(wrong(s), from)).status).toBe(401);
    expect(await events(s, 'staff.locked')).toEqual([{ failures: 3, seconds: 60 }]);

    const verify = jest.mocked(password.verifyPassword);
    const hash = jest.mocked(password.hashPassword);
    expect(verify).toHaveBeenCalled(); // the watch works: the failures above did hash
    verify.mockClear();
    hash.mockClear();
    // From another address as well: the lock is on the account.
    const refused = await login(right(s), freshAddress());
    expectRateLimited(refused, 60);
    expect(verify).not.toHaveBeenCalled();
    expect(hash).not.toHaveBeenCalled();
    expect(await events(s, 'staff.login')).toEqual([]);
  });

  it('backs off: a further lockout within a day lasts twice as long', async () => {
    const s = await newStaff();
    const from = freshAddress();
    for (let i = 0; i < 3; i += 1) await login(wrong(s), from);
    // The first lockout running out, without waiting a minute.
    await db.query("DELETE FROM accounts.rate_limits WHERE key LIKE 'staff-locked:%'");
    const from2 = freshAddress();
    for (let i = 0; i < 3; i += 1) expect((await login(wrong(s), from2)).status).toBe(401);
    expect(await events(s, 'staff.locked')).toEqual([
      { failures: 3, seconds: 60 },
      { failures: 3, seconds: 120 },
    ]);
    expectRateLimited(await login(right(s), freshAddress()), 120);
  });

  it('a success resets the failure count', async () => {
    const s = await newStaff();
    for (let i = 0; i < 2; i += 1) expect((await login(wrong(s), freshAddress())).status).toBe(401);
    expect((await login(right(s), freshAddress())).status).toBe(200);
    for (let i = 0; i < 2; i += 1) expect((await login(wrong(s), freshAddress())).status).toBe(401);
    // Four failures in all, but never three in a row: not locked.
    expect(await events(s, 'staff.locked')).toEqual([]);
    const again = await login({ ...right(s), totp: totpOf(s.totpSecret, 1) }, freshAddress());
    expect(again.status).toBe(200);
  });

  it('locks an unknown email the same way (a lockout does not reveal who is staff)', async () => {
    const email = uniqueStaffEmail('nobody');
    const body = { email, password: 'whatever it is', totp: '123456' };
    for (let i = 0; i < 3; i += 1) expect((await login(body, freshAddress())).status).toBe(401);
    expectRateLimited(await login(body, freshAddress()), 60);
  });

  it('is limited per client address across accounts', async () => {
    const from = freshAddress();
    for (let i = 0; i < 6; i += 1) {
      const r = await login({ email: uniqueStaffEmail('spray'), password: 'guess', totp: '123456' }, from);
      expect(r.status).toBe(401);
    }
    const s = await newStaff();
    expectRateLimited(await login(right(s), from), 900);
    // The account itself is not locked: from elsewhere it signs in.
    expect((await login(right(s), freshAddress())).status).toBe(200);
  });
});
