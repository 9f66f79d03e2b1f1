/** A customer's second factors for staff (no secrets), and an operator removing one with a note. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const accountFactorsQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['console', 'account', id, 'factors'], queryFn: () => unwrap(api.GET('/v1/admin/accounts/{id}/factors', { params: { path: { id } } })) });

export function useAccountFactors(id: string) {
  return useQuery(accountFactorsQueryOptions(id));
}

export function useRemoveCustomerFactor(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ factorId, note }: { factorId: string; note: string }) =>
      unwrap(api.POST('/v1/admin/accounts/{id}/factors/{factorId}/remove', { params: { path: { id: accountId, factorId } }, body: { note } })),
    // The event history shows the removal too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'account', accountId] }),
  });
}
