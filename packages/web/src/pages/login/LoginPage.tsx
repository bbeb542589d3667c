import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { authApi, mfaApi } from '../../api/endpoints';
import { useMe } from '../../app/auth';
import { AuthCard } from '../../components/AuthCard';
import { FullPageSpin } from '../../components/FullPageSpin';
import { authKeys, mfaKeys } from '../../api/queries/auth';

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
  // Second factor (AUTH-05): after the password, a code is due on this page; enrollment has its own page.
  const [codeDue, setCodeDue] = useState(false);
  const notice = useQuery({ queryKey: mfaKeys.notice, queryFn: mfaApi.notice, staleTime: 60_000 });

  const signedIn = (user: Me) => {
    queryClient.clear();
    queryClient.setQueryData<Me | null>(authKeys.me, user);
    void navigate(user.mustChangePassword ? '/change-password' : target(state.from), { replace: true });
  };

  const login = useMutation({
    mutationFn: (v: { login: string; password: string }) => authApi.login(v.login, v.password),
    onSuccess: ({ user, mfa }) => {
      if (mfa === 'verify') setCodeDue(true);
      else if (mfa === 'enroll') void navigate('/mfa', { replace: true, state: { from: state.from } });
      else signedIn(user);
    },
  });
  const verify = useMutation({
    mutationFn: (v: { code: string }) => mfaApi.verify(v.code),
    onSuccess: ({ user }) => signedIn(user),
  });

  if (isPending) return <FullPageSpin />;
  if (me && !login.isPending && !verify.isPending) return <Navigate to={me.mustChangePassword ? '/change-password' : target(state.from)} replace />;

  if (codeDue) {
    return (
      <AuthCard title="二次认证">
        {verify.error && <Alert type="error" showIcon title={errorMessage(verify.error)} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">
          请打开手机上的认证器应用（动态口令），输入显示的6位验证码。手机不在身边时，可输入一个恢复码（每个只能用一次）。
        </Typography.Paragraph>
        <Form layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => verify.mutate(v)} autoComplete="off">
          <Form.Item label="验证码或恢复码" name="code" rules={[{ required: true, whitespace: true, message: '请输入验证码' }]}>
            <Input id="mfaCode" prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="text" autoFocus size="large" maxLength={40} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending}>验证</Button>
          </Form.Item>
          <Button type="link" block onClick={() => { setCodeDue(false); verify.reset(); void authApi.logout().catch(() => undefined); }}>
            返回，换一个账号登录
          </Button>
        </Form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="登录">
      {notice.data?.demoExemption && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="演示环境：演示账号免二次认证"
          description="正式部署时，三员和监督员登录须输入动态口令（认证器应用）。" />
      )}
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
