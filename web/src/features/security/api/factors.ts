/** Second factors in Settings: list, authenticator app, passkeys, removal, recovery codes. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { createPasskey } from '@/lib/passkeys';

export const factorsQueryOptions = () => queryOptions({ queryKey: ['factors'], queryFn: () => unwrap(api.GET('/v1/me/factors')) });

export function useFactors() {
  return useQuery(factorsQueryOptions());
}

function useFactorsChange<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['factors'] }) });
}

export const useStartTotp = () => useFactorsChange(() => unwrap(api.POST('/v1/me/factors/totp')));
export const useConfirmTotp = () => useFactorsChange((code: string) => unwrap(api.POST('/v1/me/factors/totp/confirm', { body: { code } })));
export const useRemoveFactor = () => useFactorsChange((id: string) => unwrap(api.DELETE('/v1/me/factors/{id}', { params: { path: { id } } })));
export const useCreateRecoveryCodes = () => useFactorsChange(() => unwrap(api.POST('/v1/me/recovery-codes')));

/** Options from the server, the device makes the passkey, the server checks and keeps it. */
export const useAddPasskey = () =>
  useFactorsChange(async (name: string) => {
    const options = await unwrap(api.POST('/v1/me/factors/passkeys/options'));
    const credential = await createPasskey(options);
    return unwrap(api.POST('/v1/me/factors/passkeys', { body: { name, credential: credential as never } }));
  });
