/** POST /v1/auth/otp: a 6-digit code by text to the phone. */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { saveChallenge, type Challenge } from './challenge-store';

export async function sendCode(phone: string): Promise<Challenge> {
  const sent = await unwrap(api.POST('/v1/auth/otp', { body: { phone } }));
  const challenge: Challenge = {
    challengeId: sent.challengeId,
    phone,
    expiresAt: sent.expiresAt,
    resendAvailableAt: sent.resendAvailableAt,
    triesLeft: sent.triesLeft,
    sentAt: new Date().toISOString(),
  };
  saveChallenge(challenge);
  return challenge;
}

export function useSendCode() {
  return useMutation({ mutationFn: sendCode });
}
