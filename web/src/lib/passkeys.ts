/**
 * The browser side of passkeys. @simplewebauthn/browser is loaded only when a passkey is used or
 * made (a dynamic import: its own chunk), so the first page stays within its size budget.
 */
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';

/** Signs the server's challenge with a passkey on this device (or a phone or key nearby). */
export async function signWithPasskey(options: unknown) {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  return startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
}

/** Makes a new passkey for the server's creation options. */
export async function createPasskey(options: unknown) {
  const { startRegistration } = await import('@simplewebauthn/browser');
  return startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
}

/** Words for a passkey prompt that ended without a passkey (closed, timed out, none on this device). */
export function passkeyProblem(err: unknown): string | null {
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') return 'The passkey prompt was closed or timed out. Try again, or use another way.';
  if (name === 'InvalidStateError') return 'This device already has a passkey for your account.';
  if (name === 'NotSupportedError' || name === 'SecurityError') return 'This browser can’t use passkeys here. Use another way.';
  return null;
}
