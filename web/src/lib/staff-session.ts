/**
 * The signed-in staff member, as the server sees the console's own session cookie
 * (timely_staff_session): GET /v1/staff/me. A 401 means signed out of the console.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

export const staffMeQueryOptions = () =>
  queryOptions({
    queryKey: ['staff', 'me'],
    queryFn: () => unwrap(api.GET('/v1/staff/me')),
    staleTime: 30_000,
  });

export function useStaffMe() {
  return useQuery(staffMeQueryOptions());
}
