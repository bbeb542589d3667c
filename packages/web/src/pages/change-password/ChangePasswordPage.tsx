/** 修改密码: forced after the first login or a reset (mustChangePassword), and reachable from the user menu. */
import { DEFAULT_PASSWORD_POLICY } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { authApi } from '../../api/endpoints';
import { useMe } from '../../app/auth';
import { AuthCard } from '../../components/AuthCard';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useServerForm } from '../../lib/use-server-form';
import { authKeys } from '../../api/queries/auth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export default function ChangePasswordPage() {
  const { data: me, isPending } = useMe();
  const { form, onMutate, onError, errorAlert } = useServerForm<Values>(FIELDS);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const rules = useQuery({ queryKey: authKeys.passwordRules, queryFn: authApi.passwordRules, enabled: !!me });
  const P = rules.data ?? DEFAULT_PASSWORD_POLICY;

  const change = useMutation({
    mutationFn: (v: Values) => authApi.changePassword(v.currentPassword, v.newPassword),
    onMutate,
    onSuccess: async () => {
      message.success('密码已修改');
      await queryClient.invalidateQueries({ queryKey: authKeys.me });
      void navigate('/', { replace: true });
    },
    onError,
  });

  if (isPending) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace />;

  const forced = me.mustChangePassword;
  return (
    <AuthCard title="修改密码">
      {forced && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title={me.passwordExpired
            ? `密码已超过 ${P.expiryDays} 天未修改，请先修改密码后再使用系统。`
            : '首次登录或密码已被重置，请先修改密码后再使用系统。'} />
      )}
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        title={`密码要求：至少${P.minLength}位，大写字母、小写字母、数字、符号中至少${P.minClasses}类；`
          + '不能是常见密码或其变形（如 P@ssw0rd2024、Welcome2024!），不含键盘序列、重复片段、登录名、单位名称及其拼音'
          + (P.historyCount > 0 ? `，不与最近${P.historyCount}次的密码相同。` : '。')}
      />
      {errorAlert}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)} autoComplete="off">
        <input type="text" name="username" value={me.login} autoComplete="username" readOnly hidden />
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password id="currentPassword" autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password id="newPassword" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password id="confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>修改密码</Button>
          {!forced && <Button block onClick={() => void navigate(-1)}>返回</Button>}
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        当前账号：{me.login}（{me.displayName}）。修改后其他设备上的登录将失效。
      </Typography.Paragraph>
    </AuthCard>
  );
}
