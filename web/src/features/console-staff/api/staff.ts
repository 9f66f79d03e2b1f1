/** Staff management (operators): list, create (the new member's QR shown once), disable, reset TOTP. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const staffListQueryOptions = () => queryOptions({ queryKey: ['console', 'staff'], queryFn: () => unwrap(api.GET('/v1/admin/staff')) });

export function useStaffList() {
  return useQuery(staffListQueryOptions());
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string; role: 'support' | 'operator' }) => unwrap(api.POST('/v1/admin/staff', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'staff'] }),
  });
}

export function useStaffAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'disable' | 'reset-totp' }) =>
      action === 'disable'
        ? unwrap(api.POST('/v1/admin/staff/{id}/disable', { params: { path: { id } } }))
        : unwrap(api.POST('/v1/admin/staff/{id}/reset-totp', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'staff'] }),
  });
}
