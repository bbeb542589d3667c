/** 安全策略 (security:admin): the policy in force and the live sessions. Editing the policy comes later. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Skeleton } from 'antd';
import { errorMessage } from '../../api/client';
import { securityApi } from '../../api/endpoints';
import { PageTitle } from '../../components/PageTitle';
import { MfaCard } from './MfaCard';
import { SessionsCard } from './SessionsCard';

export default function SecurityPolicyPage() {
  const policy = useQuery({ queryKey: ['security', 'policy'], queryFn: securityApi.policy });
  const p = policy.data;

  return (
    <>
      <PageTitle title="安全策略" />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="以下为当前生效的安全策略"
        description="在线修改安全策略（密码规则、登录锁定、会话时限）的功能将在后续版本提供。"
      />
      {policy.error && <Alert type="error" showIcon title={errorMessage(policy.error)} style={{ marginBottom: 16 }} />}
      <Card title="密码与登录" style={{ marginBottom: 16 }}>
        {!p ? <Skeleton active /> : (
          <Descriptions column={2} bordered size="middle" styles={{ label: { width: 180 } }}>
            <Descriptions.Item label="密码长度">至少 {p.password.minLength} 位，至多 {p.password.maxLength} 位</Descriptions.Item>
            <Descriptions.Item label="字符类别">大写字母、小写字母、数字、符号中至少 {p.password.minClasses} 类</Descriptions.Item>
            <Descriptions.Item label="其他要求">不含登录名，不用常见弱口令，不与当前密码相同</Descriptions.Item>
            <Descriptions.Item label="初始与重置密码">一次性密码，首次登录必须修改</Descriptions.Item>
            <Descriptions.Item label="登录失败锁定">连续失败 {p.maxFailedLogins} 次，锁定 {p.lockMinutes} 分钟</Descriptions.Item>
            <Descriptions.Item label="密码存储">PBKDF2-SM3，{p.pbkdf2Iterations.toLocaleString('zh-CN')} 次迭代</Descriptions.Item>
            <Descriptions.Item label="会话空闲超时">{p.sessionIdleMinutes} 分钟</Descriptions.Item>
            <Descriptions.Item label="会话最长时间">{p.sessionAbsoluteHours} 小时</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <MfaCard />
      <SessionsCard />
    </>
  );
}
