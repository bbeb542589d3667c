/** The signed-in user (GET /api/auth/session; null: none), shared through the query cache under authKeys.me. */
import type { Me, Permission } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { authApi } from '../api/endpoints';
import { authKeys } from '../api/queries/auth';

export function useMe() {
  return useQuery({ queryKey: authKeys.me, queryFn: authApi.me, staleTime: Infinity });
}

export type CurrentUser = Me & { can: (p: Permission) => boolean };

export function currentUserOf(me: Me): CurrentUser {
  return { ...me, can: (p: Permission) => me.permissions.includes(p) };
}

/** Provided by the session guard, so pages inside it always have a user (even while signing out). */
export const CurrentUserContext = createContext<CurrentUser | null>(null);

export function useCurrentUser(): CurrentUser {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser() outside the session guard');
  return me;
}
