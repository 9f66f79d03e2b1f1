/** POST /v1/admin/evaluations with no account: a sweep of every account now (operators only). */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export function useStartSweep() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/v1/admin/evaluations', { body: {} })) });
}
