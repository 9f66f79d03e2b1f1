/** GET /v1/admin/dashboard (operators): the system at a glance. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

export const dashboardQueryOptions = () =>
  queryOptions({ queryKey: ['console', 'dashboard'], queryFn: () => unwrap(api.GET('/v1/admin/dashboard')), refetchInterval: 30_000 });

export function useDashboard() {
  return useQuery(dashboardQueryOptions());
}
