/**
 * Who is signed in, as the server sees it: GET /v1/me with the session cookie. There is no token
 * in the page; a 401 means signed out. Shared by every feature that needs the customer.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: () => unwrap(api.GET('/v1/me')),
    staleTime: 5_000,
    // Home shows what the server decides on its own (an advance, a repayment notice): keep it current.
    refetchInterval: 10_000,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}

const RETURNING = 'timely.returning';

/** Remembers (no token, just a flag) that this device signed in before, so it opens on sign-in rather than sign-up. */
export function markReturningCustomer(): void {
  localStorage.setItem(RETURNING, '1');
}

export function isReturningCustomer(): boolean {
  return localStorage.getItem(RETURNING) === '1';
}
