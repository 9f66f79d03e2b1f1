/** Staff sign-in (password + TOTP) and the staff-only account views. */
import { Pool } from 'pg';
import * as OTPAuth from 'otpauth';
import { createStaff, CreatedStaff } from '../activities/accounts/staff';
import { getPool } from '../db/pool';
import { useApiWithDb } from '../test/support/api-with-db';
import { call, signUpAndSignIn, TestApi, uniqueCustomer } from '../test/support/api';

let api: TestApi;
let db: Pool;
const started = useApiWithDb();
beforeAll(() => {
  ({ api, db } = started());
});

const totpAt = (s: CreatedStaff, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(s.totpSecret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

async function newStaff(role: 'support' | 'operator' = 'support') {
  return createStaff(getPool(), { email: `staff.${Date.now()}.${Math.random()}@timely.example`, password: 'correct horse battery staple', role });
}

async function staffToken(role: 'support' | 'operator' = 'support'): Promise<string> {
  const s = await newStaff(role);
  const r = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: 'correct horse battery staple', totp: totpAt(s) } });
  expect(r.status).toBe(200);
  return r.body.token;
}

describe('staff login', () => {
  it('needs both factors; a TOTP code works once', async () => {
    const s = await newStaff('operator');
    expect(s.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Timely:/);
    const wrongPw = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: 'nope', totp: totpAt(s) } });
    expect(wrongPw.status).toBe(401);
    const wrongTotp = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: 'correct horse battery staple', totp: totpAt(s, 10) } });
    expect(wrongTotp.status).toBe(401);
    const code = totpAt(s);
    const ok = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: 'correct horse battery staple', totp: code } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ role: 'operator', token: expect.stringMatching(/^tly_s_/) });
    const replay = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: 'correct horse battery staple', totp: code } });
    expect(replay.status).toBe(401);
    const events = await db.query('SELECT type FROM accounts.staff_events WHERE staff_id = $1 ORDER BY id', [s.id]);
    expect(events.rows.map((r) => r.type)).toEqual(['staff.created', 'staff.login_failed', 'staff.login_failed', 'staff.login', 'staff.login_failed']);
  });

  it('answers an unknown email like a wrong password', async () => {
    const r = await call(api, 'POST', '/v1/staff/login', { body: { email: 'nobody@timely.example', password: 'x', totp: '123456' } });
    expect(r.status).toBe(401);
    expect(r.body.type).toContain('invalid-credentials');
  });

  it('stores the password as scrypt, never in clear', async () => {
    const s = await newStaff();
    const { rows } = await db.query('SELECT password_hash FROM accounts.staff WHERE id = $1', [s.id]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain('correct horse');
  });
});

describe('admin accounts', () => {
  it('401 without a token, 403 with a customer token', async () => {
    expect((await call(api, 'GET', '/v1/admin/accounts')).status).toBe(401);
    const c = await signUpAndSignIn(api);
    const r = await call(api, 'GET', '/v1/admin/accounts', { token: c.token });
    expect(r.status).toBe(403);
    expect(r.contentType).toContain('application/problem+json');
  });

  it('lists newest first with cursor paging and search, and shows one account with its history', async () => {
    const token = await staffToken();
    const marker = `Zed${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(api, 'POST', '/v1/accounts', { body: { ...uniqueCustomer(), lastName: marker } });
      ids.push(r.body.id);
    }
    const page1 = await call(api, 'GET', `/v1/admin/accounts?limit=2&q=${marker}`, { token });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
    const page2 = await call(api, 'GET', `/v1/admin/accounts?limit=2&q=${marker}&cursor=${page1.body.nextCursor}`, { token });
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();

    const detail = await call(api, 'GET', `/v1/admin/accounts/${ids[0]}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.events[0]).toMatchObject({ type: 'account.created' });
    expect((await call(api, 'GET', `/v1/admin/accounts/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { token })).status).toBe(404);
    expect((await call(api, 'GET', '/v1/admin/accounts/not-a-uuid', { token })).status).toBe(400);
    expect((await call(api, 'GET', '/v1/admin/accounts?limit=1000', { token })).status).toBe(400);
    expect((await call(api, 'GET', '/v1/admin/accounts?cursor=garbage', { token })).status).toBe(400);
  });
});
