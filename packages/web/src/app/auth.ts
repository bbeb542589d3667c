/** The signed-in user (GET /api/auth/me), shared through the query cache under the key ['me']. */
import type { Me, Permission } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { authApi } from '../api/endpoints';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: authApi.me, staleTime: Infinity });
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

/** The signed-in user inside the layout, where the session guard has made sure there is one. */
export function useCurrentUser(): Me & { can: (p: Permission) => boolean } {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() outside the session guard');
  return { ...data, can: (p: Permission) => data.permissions.includes(p) };
}
