import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Reads of profiles and of the audit log are themselves audited: never refetch behind the user's back.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      staleTime: 30_000,
      retry: (count, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 1,
    },
    mutations: { retry: false },
  },
});
