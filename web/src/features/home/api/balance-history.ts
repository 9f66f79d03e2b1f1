/** GET /v1/bank/balance-history: one balance a day for the last 90 days, from stored transactions. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const balanceHistoryQueryOptions = (days = 90) =>
  queryOptions({
    queryKey: ['bank', 'balance-history', days],
    queryFn: () => unwrap(api.GET('/v1/bank/balance-history', { params: { query: { days } } })),
    refetchInterval: 30_000,
  });

export function useBalanceHistory(enabled: boolean, days = 90) {
  return useQuery({ ...balanceHistoryQueryOptions(days), enabled });
}
