/** Shown when a route throws or its chunk cannot be loaded (e.g. after a new version was deployed). */
import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/iu.test(error.message);
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : '';
  return (
    <Result
      status="error"
      title={chunkFailed ? '页面文件加载失败，系统可能刚刚更新' : '页面出错了'}
      subTitle={chunkFailed ? '请刷新页面后重试。' : detail}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>刷新页面</Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>返回首页</Button>,
      ]}
    />
  );
}
