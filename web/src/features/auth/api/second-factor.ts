/** POST /v1/auth/second-factor: the ticket and a passkey, an app code or a recovery code; a cookie session. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SecondFactorInput } from '@/components/ui/second-factor-form';
import { api, unwrap } from '@/lib/api/client';
import { signWithPasskey } from '@/lib/passkeys';
import { markReturningCustomer } from '@/lib/session';
import { clearSecondStep } from './challenge-store';

async function proofFor(ticket: string, input: SecondFactorInput) {
  if (input.method !== 'passkey') return input;
  const options = await unwrap(api.POST('/v1/auth/second-factor/passkey-options', { body: { ticket } }));
  return { method: 'passkey' as const, credential: (await signWithPasskey(options)) as never };
}

export function useSecondFactorSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ticket, input }: { ticket: string; input: SecondFactorInput }) =>
      unwrap(api.POST('/v1/auth/second-factor', { body: { ticket, proof: await proofFor(ticket, input), session: 'cookie' } })),
    onSuccess: async () => {
      clearSecondStep();
      markReturningCustomer();
      await queryClient.invalidateQueries();
    },
  });
}
