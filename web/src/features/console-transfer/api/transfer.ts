/** One transfer for support (GET /v1/admin/transfers/:id), and the two actions on it, each with a note. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const transferQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['console', 'transfer', id],
    queryFn: () => unwrap(api.GET('/v1/admin/transfers/{id}', { params: { path: { id } } })),
    // While Plaid moves it (e.g. after a retry), keep the page current.
    refetchInterval: (q) => (q.state.data && ['needs_attention', 'completed', 'cancelled'].includes(q.state.data.status) ? 30_000 : 3_000),
  });

export function useTransfer(id: string) {
  return useQuery(transferQueryOptions(id));
}

export function useSupportAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, note }: { action: 'retry' | 'cancel'; note: string }) =>
      action === 'retry'
        ? unwrap(api.POST('/v1/admin/transfers/{id}/retry', { params: { path: { id } }, body: { note } }))
        : unwrap(api.POST('/v1/admin/transfers/{id}/cancel', { params: { path: { id } }, body: { note } })),
    onSuccess: (detail) => {
      queryClient.setQueryData(transferQueryOptions(id).queryKey, detail);
      void queryClient.invalidateQueries({ queryKey: ['console'] });
    },
  });
}
