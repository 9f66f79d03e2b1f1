/** PATCH /v1/me {lowBalanceThresholdCents}: the balance below which Timely sends an advance. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export function useUpdateThreshold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lowBalanceThresholdCents: number) => unwrap(api.PATCH('/v1/me', { body: { lowBalanceThresholdCents } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}
