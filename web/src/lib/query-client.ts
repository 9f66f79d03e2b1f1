/** TanStack Query defaults: money data is never stale for long, and a 4xx is not retried. */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
