/** GET /v1/advances, shared by Home (the current advance, chart marks) and Advances (the list). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

export const advancesQueryOptions = () =>
  queryOptions({
    queryKey: ['advances'],
    queryFn: () => unwrap(api.GET('/v1/advances')),
    // While money moves, keep the page current without a reload.
    refetchInterval: (q) => (q.state.data?.items.some((a) => a.status === 'disbursing' || a.transfers.some((t) => ['authorizing', 'pending', 'posted', 'retrying'].includes(t.status))) ? 3_000 : 10_000),
  });

export function useAdvances() {
  return useQuery(advancesQueryOptions());
}
