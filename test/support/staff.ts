/**
 * A signed-in staff member of either role for tests: created with the same function as the CLI and
 * the API, signed in with password + TOTP through the API.
 */
import * as OTPAuth from 'otpauth';
import { createStaff, StaffRole } from '../../activities/accounts/staff';
import { getPool } from '../../db/pool';
import { call, TestApi } from './api';

export const STAFF_PASSWORD = 'correct horse battery staple';

export const uniqueStaffEmail = (role: string) => `${role}.${Date.now()}.${Math.random().toString(36).slice(2)}@timely.example`;

/** The current code of a base32 secret, optionally some 30-second steps away. */
export const totpOf = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

export interface SignedInStaff {
  id: string;
  email: string;
  role: StaffRole;
  totpSecret: string;
  token: string;
}

export async function signedInStaff(api: TestApi, role: StaffRole = 'operator'): Promise<SignedInStaff> {
  const s = await createStaff(getPool(), { email: uniqueStaffEmail(role), password: STAFF_PASSWORD, role });
  const r = await call(api, 'POST', '/v1/staff/login', { body: { email: s.email, password: STAFF_PASSWORD, totp: totpOf(s.totpSecret) } });
  if (r.status !== 200) throw new Error(`staff login failed: ${JSON.stringify(r.body)}`);
  return { id: s.id, email: s.email, role, totpSecret: s.totpSecret, token: r.body.token };
}

export async function staffToken(api: TestApi, role: StaffRole = 'operator'): Promise<string> {
  return (await signedInStaff(api, role)).token;
}
