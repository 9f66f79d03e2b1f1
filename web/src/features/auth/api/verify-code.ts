/**
 * POST /v1/auth/verify asking for a cookie session: the browser never holds the token. A customer
 * with a second factor gets a ticket instead (202), kept for the second step's page.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { markReturningCustomer } from '@/lib/session';
import { clearChallenge, saveSecondStep } from './challenge-store';

export function useVerifyCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ challengeId, code }: { challengeId: string; code: string }) =>
      unwrap(api.POST('/v1/auth/verify', { body: { challengeId, code, session: 'cookie' } })),
    onSuccess: async (data) => {
      clearChallenge();
      if ('secondFactorRequired' in data) {
        saveSecondStep({ ticket: data.ticket, methods: data.methods, expiresAt: data.expiresAt });
        return;
      }
      markReturningCustomer();
      await queryClient.invalidateQueries();
    },
  });
}

/** Where the code page goes next: the second step, or Home. */
export const needsSecondStep = (data: object) => 'secondFactorRequired' in data;
