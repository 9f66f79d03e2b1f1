/** POST /v1/me/debit-authorization: the customer lets Timely debit their account again after an unauthorized return. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export function useAuthorizeDebits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/me/debit-authorization', { body: { authorize: true } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}
