/** Request and response shapes of second factors: proofs (TOTP, recovery code, passkey), views, WebAuthn JSON. */
import { z } from 'zod';
import { text } from '../platform/text-field';

const b64url = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

/** A passkey assertion as @simplewebauthn/browser's startAuthentication returns it. */
export const passkeyAssertion = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  response: z.object({ clientDataJSON: b64url, authenticatorData: b64url, signature: b64url, userHandle: b64url.optional() }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** A new passkey as @simplewebauthn/browser's startRegistration returns it. */
export const passkeyAttestation = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: b64url.optional(),
    transports: z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).max(8).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const totpCode = z.string().regex(/^\d{6}$/, 'must be 6 digits');

export const proof = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('totp'), code: totpCode }),
  z.strictObject({ method: z.literal('recovery'), code: z.string().regex(/^[A-Za-z0-9 -]{10,20}$/, 'must be a recovery code like ABCDE-12345') }),
  z.strictObject({ method: z.literal('passkey'), credential: passkeyAssertion }),
]);

export const method = z.enum(['passkey', 'totp', 'recovery']);

export const factorView = z.object({ id: z.string(), kind: z.enum(['passkey', 'totp']), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
export const factorSummary = z.object({
  factors: z.array(factorView),
  recoveryCodesLeft: z.number().int(),
  recoveryCodesCreatedAt: z.string().nullable(),
});

export const passkeyName = text({ max: 60 });

/** WebAuthn options JSON for the browser (the shape @simplewebauthn/browser takes as optionsJSON). */
export const webauthnOptions = z.object({ challenge: z.string() }).catchall(z.unknown());
