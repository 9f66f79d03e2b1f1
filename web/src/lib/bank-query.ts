/** GET /v1/bank (Home, bank linking, Settings): the linked bank with fresh balances; `null` when no bank is linked yet. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import { ApiError } from './api/problem';
import type { Bank } from './api/types';

export async function getBank(): Promise<Bank | null> {
  try {
    return await unwrap(api.GET('/v1/bank'));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 409)) return null;
    throw err;
  }
}

export const bankQueryOptions = () => queryOptions({ queryKey: ['bank'], queryFn: getBank, refetchInterval: 15_000 });

export function useBank() {
  return useQuery(bankQueryOptions());
}
