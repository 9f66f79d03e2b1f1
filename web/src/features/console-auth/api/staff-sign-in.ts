/** Staff sign-in with a cookie session: email, password and an authenticator code; sign-out revokes it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export interface StaffSignInInput {
  email: string;
  password: string;
  totp?: string;
}

export function useStaffSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffSignInInput) => unwrap(api.POST('/v1/staff/login', { body: { ...input, session: 'cookie' } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useStaffSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/staff/logout')),
    onSettled: () => queryClient.clear(),
  });
}
