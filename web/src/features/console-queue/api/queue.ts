/** GET /v1/admin/transfers/queue: transfers needing support, escalated first then oldest, paged by cursor. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const queueQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['console', 'queue'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/admin/transfers/queue', { params: { query: { limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });

export function useQueue() {
  return useInfiniteQuery(queueQueryOptions());
}
