/** Applications: start one (idempotent per click), follow it, read the latest. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const applicationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['applications', id],
    queryFn: () => unwrap(api.GET('/v1/applications/{id}', { params: { path: { id } } })),
    // Live progress while underwriting runs; nothing to poll once it is decided.
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 700 : false),
  });

export function useApplication(id: string | undefined) {
  return useQuery({ ...applicationQueryOptions(id ?? ''), enabled: !!id });
}

export const applicationsQueryOptions = () =>
  queryOptions({ queryKey: ['applications'], queryFn: () => unwrap(api.GET('/v1/applications')) });

export function useApplications() {
  return useQuery(applicationsQueryOptions());
}

export function useApply() {
  const queryClient = useQueryClient();
  return useMutation({
    // One key per press of the button: a retried request lands on the same application.
    mutationFn: (idempotencyKey: string) => unwrap(api.POST('/v1/applications', { params: { header: { 'Idempotency-Key': idempotencyKey } } as never })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications'] }),
  });
}
