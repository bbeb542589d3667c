/** The root route: wires the API client's session failures to navigation. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { setAuthFailureHandler } from '../api/client';
import { authKeys } from '../api/queries/auth';

export function Root() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    setAuthFailureHandler((kind) => {
      if (kind === 'unauthenticated') {
        const from = window.location.pathname + window.location.search;
        queryClient.clear();
        queryClient.setQueryData(authKeys.me, null);
        void navigate('/login', { replace: true, state: { from, expired: true } });
      } else {
        void queryClient.invalidateQueries({ queryKey: authKeys.me });
        void navigate('/change-password', { replace: true });
      }
    });
    return () => setAuthFailureHandler(() => {});
  }, [navigate, queryClient]);

  return <Outlet />;
}
