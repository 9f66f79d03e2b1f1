/**
 * Operators manage staff through the API: a created member enrols with the secret answered once;
 * a disabled member's sessions end and they cannot sign in; a TOTP reset kills the old codes.
 * Every change is a staff event naming the operator who made it.
 */
import { closePool, getPool } from '../db/pool';
import { call, startApi, TestApi } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { signedInStaff, SignedInStaff, STAFF_PASSWORD, totpOf, uniqueStaffEmail } from '../test/support/staff';

let api: TestApi;
let operator: SignedInStaff;
beforeAll(async () => {
  api = await startApi();
  operator = await signedInStaff(api, 'operator');
});
afterAll(async () => {
  await api.close();
  await closePool();
});

const login = (email: string, totp: string, password = STAFF_PASSWORD) => call(api, 'POST', '/v1/staff/login', { body: { email, password, totp } });
const as = (token: string) => ({
  get: (path: string) => call(api, 'GET', path, { token }),
  post: (path: string, body: unknown = {}) => call(api, 'POST', path, { token, body }),
});
const eventsOf = async (staffId: string) =>
  (await getPool().query('SELECT type, actor FROM accounts.staff_events WHERE staff_id = $1 ORDER BY id', [staffId])).rows;

it('creates a member who signs in with a code from the secret answered once, and lists them as enrolled', async () => {
  const email = uniqueStaffEmail('created');
  const created = await as(operator.token).post('/v1/admin/staff', { email: email.toUpperCase(), password: STAFF_PASSWORD, role: 'support' });
  expect(created.status).toBe(201);
  expectDocumented('POST', '/v1/admin/staff', created);
  expect(created.body).toMatchObject({ email, role: 'support', disabledAt: null, totpEnrolled: false, totp: { otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\/Timely:/) } });
  expect(created.body.totp.otpauthUrl).toContain(`secret=${created.body.totp.secret}`);

  const signedIn = await login(email, totpOf(created.body.totp.secret));
  expect(signedIn.status).toBe(200);
  expect(signedIn.body.role).toBe('support');

  const list = await as(operator.token).get('/v1/admin/staff');
  expect(list.status).toBe(200);
  expectDocumented('GET', '/v1/admin/staff', list);
  const listed = list.body.items.find((m: { id: string }) => m.id === created.body.id);
  expect(listed).toEqual({ id: created.body.id, email, role: 'support', createdAt: created.body.createdAt, disabledAt: null, totpEnrolled: true });
  // The list never carries a secret or a hash.
  expect(JSON.stringify(list.body)).not.toMatch(/secret|password|scrypt/i);

  expect(await eventsOf(created.body.id)).toEqual([
    { type: 'staff.created', actor: `staff:${operator.id}` },
    { type: 'staff.login', actor: null },
  ]);
});

it('refuses bad input and a taken email, creating nothing', async () => {
  const email = uniqueStaffEmail('bad');
  const bad = await as(operator.token).post('/v1/admin/staff', { email, password: 'short', role: 'admin' });
  expect(bad.status).toBe(400);
  expect(bad.contentType).toContain('application/problem+json');
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'role']);
  expect((await getPool().query('SELECT 1 FROM accounts.staff WHERE email = $1', [email])).rowCount).toBe(0);

  const taken = await as(operator.token).post('/v1/admin/staff', { email: operator.email, password: STAFF_PASSWORD, role: 'operator' });
  expect(taken.status).toBe(409);
  expect(taken.body.type).toContain('email-taken');
});

it('disables a member: their session answers 401 at once, and sign-in fails like a wrong password', async () => {
  const member = await signedInStaff(api, 'support');
  expect((await as(member.token).get('/v1/admin/accounts?limit=1')).status).toBe(200);

  const disabled = await as(operator.token).post(`/v1/admin/staff/${member.id}/disable`);
  expect(disabled.status).toBe(200);
  expectDocumented('POST', `/v1/admin/staff/${member.id}/disable`, disabled);
  expect(disabled.body.disabledAt).toEqual(expect.any(String));

  const after = await as(member.token).get('/v1/admin/accounts?limit=1');
  expect(after.status).toBe(401);
  expect(after.contentType).toContain('application/problem+json');

  const disabledLogin = await login(member.email, totpOf(member.totpSecret, 1));
  expect(disabledLogin.status).toBe(401);
  // Same answer as a wrong password of an enabled member: nothing says the account is disabled.
  const wrongPassword = await login(operator.email, totpOf(operator.totpSecret, 1), 'not the password at all');
  expect(wrongPassword.status).toBe(401);
  expect(disabledLogin.body).toEqual(wrongPassword.body);

  // Disabling again changes nothing; an unknown id is 404; an operator cannot disable themselves.
  const again = await as(operator.token).post(`/v1/admin/staff/${member.id}/disable`);
  expect(again.body.disabledAt).toBe(disabled.body.disabledAt);
  expect((await as(operator.token).post(`/v1/admin/staff/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/disable`)).status).toBe(404);
  const self = await as(operator.token).post(`/v1/admin/staff/${operator.id}/disable`);
  expect(self.status).toBe(409);
  expect(self.body.type).toContain('cannot-disable-self');
  expect((await as(operator.token).get('/v1/admin/staff')).status).toBe(200);

  expect((await eventsOf(member.id)).filter((e) => e.type === 'staff.disabled')).toEqual([{ type: 'staff.disabled', actor: `staff:${operator.id}` }]);
});

it('resets a TOTP: old sessions end, the old code fails, a code from the new secret signs in', async () => {
  const member = await signedInStaff(api, 'support');
  const reset = await as(operator.token).post(`/v1/admin/staff/${member.id}/reset-totp`);
  expect(reset.status).toBe(200);
  expectDocumented('POST', `/v1/admin/staff/${member.id}/reset-totp`, reset);
  expect(reset.body).toMatchObject({ id: member.id, totpEnrolled: false, totp: { secret: expect.any(String) } });
  expect(reset.body.totp.secret).not.toBe(member.totpSecret);

  expect((await as(member.token).get('/v1/admin/accounts?limit=1')).status).toBe(401);
  // A code of the old secret from a step not yet used (so only the secret can refuse it).
  expect((await login(member.email, totpOf(member.totpSecret, 1))).status).toBe(401);
  const fresh = await login(member.email, totpOf(reset.body.totp.secret));
  expect(fresh.status).toBe(200);
  expect((await as(fresh.body.token).get('/v1/admin/accounts?limit=1')).status).toBe(200);

  expect((await eventsOf(member.id)).map((e) => `${e.type} ${e.actor}`)).toContain(`staff.totp_reset staff:${operator.id}`);

  // A disabled member's TOTP is not reset (they cannot sign in): 409, nothing changes.
  await as(operator.token).post(`/v1/admin/staff/${member.id}/disable`);
  const refused = await as(operator.token).post(`/v1/admin/staff/${member.id}/reset-totp`);
  expect(refused.status).toBe(409);
  expect(refused.body.type).toContain('staff-disabled');
});
