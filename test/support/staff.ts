/** A signed-in staff member for tests: created with the CLI's function, logged in with password + TOTP. */
import * as OTPAuth from 'otpauth';
import { createStaff, StaffRole } from '../../activities/accounts/staff';
import { getPool } from '../../db/pool';
import { call, TestApi } from './api';

export const STAFF_PASSWORD = 'correct horse battery staple';

export async function signedInStaff(api: TestApi, role: StaffRole = 'operator'): Promise<{ id: string; token: string }> {
  const s = await createStaff(getPool(), { email: `${role}.${Date.now()}.${Math.random().toString(36).slice(2)}@timely.example`, password: STAFF_PASSWORD, role });
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(s.totpSecret), digits: 6, period: 30 }).generate();
  const r = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: STAFF_PASSWORD, totp } });
  if (r.status !== 200) throw new Error(`staff login failed: ${JSON.stringify(r.body)}`);
  return { id: s.id, token: r.body.token };
}

export async function staffToken(api: TestApi, role: StaffRole = 'operator'): Promise<string> {
  return (await signedInStaff(api, role)).token;
}
