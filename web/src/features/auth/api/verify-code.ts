/** POST /v1/auth/verify asking for a cookie session: the browser never holds the token. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { markReturningCustomer } from '@/lib/session';
import { clearChallenge } from './challenge-store';

export function useVerifyCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ challengeId, code }: { challengeId: string; code: string }) =>
      unwrap(api.POST('/v1/auth/verify', { body: { challengeId, code, session: 'cookie' } })),
    onSuccess: async () => {
      clearChallenge();
      markReturningCustomer();
      await queryClient.invalidateQueries();
    },
  });
}
