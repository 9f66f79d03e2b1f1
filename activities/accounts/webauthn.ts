/**
 * Passkey ceremonies (WebAuthn, with @simplewebauthn/server). The relying party is the web app's
 * own origin (APP_ORIGIN, or the origin the request came to when it is unset), and its id that
 * origin's host name. Every challenge we hand out is stored and verifies once, within 5 minutes.
 */
import type { Pool, PoolClient } from 'pg';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';

export type { AuthenticationResponseJSON, RegistrationResponseJSON };

/** Who we are to the authenticator: the app's origin and its host name. */
export interface RelyingParty {
  origin: string;
  id: string;
}
export const relyingParty = (origin: string): RelyingParty => ({ origin, id: new URL(origin).hostname });

const CHALLENGE_TTL_SECONDS = 300;
const RP_NAME = 'Timely';

export interface StoredPasskey {
  credentialId: string;
  publicKey: Buffer;
  signCount: number;
  transports: string[];
}

type Db = Pool | PoolClient;

async function storeChallenge(db: Db, accountId: string, purpose: 'register' | 'authenticate', challenge: string): Promise<void> {
  await db.query(
    `INSERT INTO accounts.webauthn_challenges (challenge, account_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [challenge, accountId, purpose, CHALLENGE_TTL_SECONDS],
  );
}

/** Consumes the challenge the authenticator signed, if it is ours, this account's, live and unused. */
const consumeChallenge = (db: Db, accountId: string, purpose: 'register' | 'authenticate') => async (challenge: string) => {
  const r = await db.query(
    `UPDATE accounts.webauthn_challenges SET consumed_at = now()
      WHERE challenge = $1 AND account_id = $2 AND purpose = $3 AND consumed_at IS NULL AND expires_at > now()`,
    [challenge, accountId, purpose],
  );
  return r.rowCount === 1;
};

export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  user: { accountId: string; name: string; displayName: string },
  existing: StoredPasskey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.name,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.accountId),
    attestationType: 'none',
    // The same authenticator twice would be one factor counted as two.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeChallenge(db, user.accountId, 'register', options.challenge);
  return options;
}

/** The new credential, or null when the response does not verify. */
export async function verifyRegistration(db: Db, rp: RelyingParty, accountId: string, response: RegistrationResponseJSON): Promise<StoredPasskey | null> {
  try {
    const v = await verifyRegistrationResponse({
      response,
      expectedChallenge: consumeChallenge(db, accountId, 'register'),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!v.verified) return null;
    const c = v.registrationInfo.credential;
    return { credentialId: c.id, publicKey: Buffer.from(c.publicKey), signCount: c.counter, transports: c.transports ?? [] };
  } catch {
    // A malformed or foreign response is a refusal like any other, not a 500.
    return null;
  }
}

export async function authenticationOptions(db: Db, rp: RelyingParty, accountId: string, passkeys: StoredPasskey[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    userVerification: 'preferred',
  });
  await storeChallenge(db, accountId, 'authenticate', options.challenge);
  return options;
}

/** The passkey's new signature counter, or null when the assertion does not verify. */
export async function verifyAuthentication(
  db: Db,
  rp: RelyingParty,
  accountId: string,
  passkey: StoredPasskey,
  response: AuthenticationResponseJSON,
): Promise<number | null> {
  try {
    const v = await verifyAuthenticationResponse({
      response,
      expectedChallenge: consumeChallenge(db, accountId, 'authenticate'),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.signCount, transports: passkey.transports as never },
      requireUserVerification: false,
    });
    return v.verified ? v.authenticationInfo.newCounter : null;
  } catch {
    return null;
  }
}
