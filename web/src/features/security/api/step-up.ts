/** POST /v1/auth/step-up: a second factor for this session, with a passkey, an app code or a recovery code. */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { signWithPasskey } from '@/lib/passkeys';

export type StepUpProof = { method: 'totp' | 'recovery'; code: string } | { method: 'passkey' };

export async function stepUp(proof: StepUpProof) {
  if (proof.method !== 'passkey') return unwrap(api.POST('/v1/auth/step-up', { body: { proof } }));
  const options = await unwrap(api.POST('/v1/auth/step-up/passkey-options'));
  const credential = await signWithPasskey(options);
  return unwrap(api.POST('/v1/auth/step-up', { body: { proof: { method: 'passkey', credential: credential as never } } }));
}

export function useStepUp() {
  return useMutation({ mutationFn: stepUp });
}
