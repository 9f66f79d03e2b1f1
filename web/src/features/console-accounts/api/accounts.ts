/** Accounts for support: search (name, email or phone; cursor paged), one account's whole story, evaluate now. */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const accountSearchQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: ['console', 'accounts', q],
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/admin/accounts', { params: { query: { limit: 25, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useAccountSearch(q: string) {
  return useInfiniteQuery(accountSearchQueryOptions(q));
}

export const accountQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['console', 'account', id], queryFn: () => unwrap(api.GET('/v1/admin/accounts/{id}', { params: { path: { id } } })) });

export function useAccount(id: string) {
  return useQuery(accountQueryOptions(id));
}

export function useEvaluateNow(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/admin/evaluations', { body: { accountId } })),
    onSuccess: () => setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['console', 'account', accountId] }), 1500),
  });
}
