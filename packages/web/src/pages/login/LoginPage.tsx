import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { ME_KEY, useMe } from '../../app/auth';
import { AuthCard } from '../../components/AuthCard';
import { FullPageSpin } from '../../components/FullPageSpin';

interface LoginState {
  from?: string;
  expired?: boolean;
}

export default function LoginPage() {
  const { data: me, isPending } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const queryClient = useQueryClient();

  const login = useMutation({
    mutationFn: (v: { login: string; password: string }) => authApi.login(v.login, v.password),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData<Me | null>(ME_KEY, user);
      void navigate(user.mustChangePassword ? '/change-password' : target(state.from), { replace: true });
    },
  });

  if (isPending) return <FullPageSpin />;
  if (me && !login.isPending) return <Navigate to={me.mustChangePassword ? '/change-password' : target(state.from)} replace />;

  return (
    <AuthCard title="登录">
      {state.expired && !login.error && (
        <Alert type="warning" showIcon title="会话已过期或已退出，请重新登录" style={{ marginBottom: 16 }} />
      )}
      {login.error && <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" requiredMark={false} onFinish={(v: { login: string; password: string }) => login.mutate(v)} autoComplete="off">
        <Form.Item label="登录名" name="login" rules={[{ required: true, whitespace: true, message: '请输入登录名' }]}>
          <Input id="login" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password id="password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form.Item>
      </Form>
    </AuthCard>
  );
}

/** Only same-site paths, never back to the login page itself. */
function target(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}
