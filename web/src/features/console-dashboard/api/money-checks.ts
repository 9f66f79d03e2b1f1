/**
 * The daily money checks for operators: GET /v1/admin/reconciliation (open mismatches with Plaid),
 * GET /v1/admin/repayment-debits (the return-rate guard's pause) and its lift with a note.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const reconciliationQueryOptions = () =>
  queryOptions({ queryKey: ['console', 'reconciliation'], queryFn: () => unwrap(api.GET('/v1/admin/reconciliation', { params: { query: { limit: 50 } } })), refetchInterval: 60_000 });

export const repaymentDebitsQueryOptions = () =>
  queryOptions({ queryKey: ['console', 'repayment-debits'], queryFn: () => unwrap(api.GET('/v1/admin/repayment-debits')), refetchInterval: 60_000 });

export function useReconciliation() {
  return useQuery(reconciliationQueryOptions());
}

export function useRepaymentDebits() {
  return useQuery(repaymentDebitsQueryOptions());
}

export function useLiftPause() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => unwrap(api.POST('/v1/admin/repayment-debits/lift-pause', { body: { note } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'repayment-debits'] }),
  });
}
