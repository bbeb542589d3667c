/**
 * 二次认证 (AUTH-05): binding an authenticator app (TOTP). Forced right after the password when the role
 * requires a factor that is not set up yet; otherwise reached from the user menu to bind or re-bind. The QR
 * code is drawn in the browser from the otpauth:// URI (nothing is loaded from outside).
 */
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Form, Input, QRCode, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { mfaApi } from '../../api/endpoints';
import { AuthCard } from '../../components/AuthCard';
import { FullPageSpin } from '../../components/FullPageSpin';
import { authKeys, mfaKeys } from '../../api/queries/auth';

export default function MfaPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: mfaKeys.status, queryFn: mfaApi.status, retry: false, staleTime: 0 });
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const start = useMutation({ mutationFn: mfaApi.startEnroll });
  const confirm = useMutation({
    mutationFn: (v: { code: string }) => mfaApi.confirmEnroll(v.code.trim()),
    onSuccess: (r) => setRecoveryCodes(r.recoveryCodes),
  });

  const forced = status.data?.state === 'enroll';
  // A forced enrollment starts at once; from the user menu it starts on request.
  const { mutate } = start;
  const started = useRef(false);
  useEffect(() => {
    if (forced && !started.current) {
      started.current = true; // once: a second secret would replace the one on screen
      mutate();
    }
  }, [forced, mutate]);

  if (status.isPending) return <FullPageSpin />;
  if (status.error) {
    if (status.error instanceof ApiError && status.error.status === 401) return <Navigate to="/login" replace />;
    return <AuthCard title="二次认证"><Alert type="error" showIcon title={errorMessage(status.error)} /></AuthCard>;
  }
  const s = status.data;
  if (s.state === 'verify') return <Navigate to="/login" replace />;

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: authKeys.me });
    await queryClient.invalidateQueries({ queryKey: mfaKeys.all });
    void navigate(from && from.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
  };

  if (recoveryCodes) {
    return (
      <AuthCard title="二次认证已绑定">
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title="动态口令已绑定，以后登录时需输入认证器上的验证码。" />
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="恢复码只显示这一次"
          description="请抄写或打印后妥善保存。手机丢失时，每个恢复码可代替验证码登录一次；全部用完或丢失时，请联系安全管理员重置。" />
        <pre data-testid="recovery-codes" style={{ fontSize: 15, lineHeight: 1.7, background: '#fafafa', border: '1px solid #eee', padding: '8px 16px', columns: 2 }}>
          {recoveryCodes.join('\n')}
        </pre>
        <Button type="primary" block size="large" onClick={() => void done()}>我已妥善保存，继续</Button>
      </AuthCard>
    );
  }

  const enrollment = start.data;
  return (
    <AuthCard title={forced ? '绑定动态口令（必须）' : '二次认证'}>
      {forced && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title="您的角色须使用二次认证：请先绑定认证器应用（动态口令），再使用系统。" />
      )}
      {!forced && !enrollment && (
        <>
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="状态">{s.enrolled ? '已绑定动态口令' : '未绑定'}</Descriptions.Item>
            <Descriptions.Item label="是否必须">{s.exempt ? '演示账号，免二次认证' : s.required ? '必须（按安全策略）' : '可选'}</Descriptions.Item>
            {s.enrolled && <Descriptions.Item label="剩余恢复码">{s.recoveryCodesLeft} 个</Descriptions.Item>}
          </Descriptions>
          {start.error && <Alert type="error" showIcon title={errorMessage(start.error)} style={{ marginBottom: 16 }} />}
          <Flex gap={8}>
            <Button type="primary" icon={<SafetyOutlined />} onClick={() => start.mutate()} loading={start.isPending}>
              {s.enrolled ? '重新绑定（旧密钥和恢复码作废）' : '绑定动态口令'}
            </Button>
            <Button onClick={() => void navigate(-1)}>返回</Button>
          </Flex>
        </>
      )}
      {start.error && forced && <Alert type="error" showIcon title={errorMessage(start.error)} style={{ marginBottom: 16 }} />}
      {enrollment && (
        <>
          <Steps orientation="vertical" size="small" current={-1} items={[
            { title: '在手机上安装任一认证器应用', description: '支持标准动态口令（TOTP）的应用均可，无需联网，不使用短信。' },
            { title: '扫描二维码添加账号', description: '无法扫码时，在应用中选择“输入密钥”，填入下方密钥（基于时间）。' },
            { title: '输入应用显示的6位验证码，确认绑定' },
          ]} />
          <Flex gap={16} align="center" style={{ margin: '8px 0 16px' }}>
            <QRCode value={enrollment.uri} size={172} errorLevel="M" bordered />
            <div>
              <Typography.Text type="secondary">密钥</Typography.Text>
              <div>
                <Typography.Text id="mfaSecret" code copyable={{ text: enrollment.secret }} style={{ wordBreak: 'break-all', fontSize: 13 }}>
                  {enrollment.secret.replace(/(.{4})/gu, '$1 ').trim()}
                </Typography.Text>
              </div>
            </div>
          </Flex>
          {confirm.error && <Alert type="error" showIcon title={errorMessage(confirm.error)} style={{ marginBottom: 16 }} />}
          <Form layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => confirm.mutate(v)} autoComplete="off">
            <Form.Item label="验证码" name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/u, message: '请输入6位数字验证码' }]}>
              <Input id="mfaConfirmCode" prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={8} size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={confirm.isPending}>确认绑定</Button>
          </Form>
        </>
      )}
    </AuthCard>
  );
}
