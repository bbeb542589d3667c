import { Result } from 'antd';
import { Navigate } from 'react-router';
import { useCurrentUser } from './auth';
import { landingPath } from './menu';

/** `/` opens the first module the user may use. */
export function HomeRedirect() {
  const me = useCurrentUser();
  const path = landingPath(me);
  if (path) return <Navigate to={path} replace />;
  return <Result status="info" title="当前账号没有可用的功能" subTitle="请联系系统管理员分配角色。" />;
}
