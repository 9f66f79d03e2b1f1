/** Signed-in devices: the list, signing out one, signing out everywhere. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const devicesQueryOptions = () => queryOptions({ queryKey: ['devices'], queryFn: () => unwrap(api.GET('/v1/me/sessions')) });

export function useDevices() {
  return useQuery(devicesQueryOptions());
}

export function useSignOutDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['devices'] }),
  });
}

export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/v1/me/sessions')), onSettled: () => queryClient.clear() });
}
