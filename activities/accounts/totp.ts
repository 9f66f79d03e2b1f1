/**
 * Authenticator-app codes (TOTP, RFC 6238: SHA-1, 6 digits, 30 s), for staff and customers alike.
 * A code is accepted once: callers store the time step this returns and refuse any step not
 * greater than the last one used, so a shoulder-surfed code cannot be replayed.
 */
import * as OTPAuth from 'otpauth';

const ISSUER = 'Timely';
const PERIOD_SECONDS = 30;

export const totpFor = (label: string, secret: string) =>
  new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret) });

/** A new TOTP secret and its otpauth:// URL (for a QR code). Shown once, never retrievable later. */
export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

export function newTotpEnrolment(label: string): TotpEnrolment {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpFor(label, secret).toString() };
}

/** The time step a code belongs to (one step of clock drift either way), or null when it is wrong. */
export function totpStep(label: string, secret: string, code: string): number | null {
  const delta = totpFor(label, secret).validate({ token: code, window: 1 });
  return delta === null ? null : Math.floor(Date.now() / (PERIOD_SECONDS * 1000)) + delta;
}

/** For tests and the CLI: the current code of a secret. */
export function currentTotp(label: string, secret: string): string {
  return totpFor(label, secret).generate();
}
