/** Changing the phone number: a code to the new number, then that code. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export function useSendPhoneCode() {
  return useMutation({ mutationFn: (phone: string) => unwrap(api.POST('/v1/me/phone/code', { body: { phone } })) });
}

export function useChangePhone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { challengeId: string; code: string }) => unwrap(api.POST('/v1/me/phone', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}
