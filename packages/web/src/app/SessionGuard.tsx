/** Everything inside the layout needs a session whose password is no longer a one-time one. */
import { Button, Result } from 'antd';
import { useMemo } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../api/client';
import { FullPageSpin } from '../components/FullPageSpin';
import { CurrentUserContext, currentUserOf, useMe } from './auth';

export function SessionGuard() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  const user = useMemo(() => (me ? currentUserOf(me) : null), [me]);
  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <Result
        status="error"
        title="无法获取登录状态"
        subTitle={errorMessage(error)}
        extra={<Button type="primary" onClick={() => void refetch()}>重试</Button>}
      />
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return (
    <CurrentUserContext.Provider value={user}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
