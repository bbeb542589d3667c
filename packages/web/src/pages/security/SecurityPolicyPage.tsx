/** 安全策略 (security:admin): the policy in force. Editing it is a later feature. */
import { DEFAULT_PASSWORD_POLICY } from '@jiandu/domain';
import { Alert, Card, Descriptions } from 'antd';
import { PageTitle } from '../../components/PageTitle';

const P = DEFAULT_PASSWORD_POLICY;

export default function SecurityPolicyPage() {
  return (
    <>
      <PageTitle title="安全策略" />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="以下为当前生效的默认安全策略"
        description="在线修改安全策略（密码规则、锁定、会话时限）及会话管理功能将在后续版本提供。"
      />
      <Card title="密码策略" style={{ marginBottom: 16 }}>
        <Descriptions column={1} bordered size="middle" styles={{ label: { width: 220 } }}>
          <Descriptions.Item label="最小长度">{P.minLength} 位</Descriptions.Item>
          <Descriptions.Item label="最大长度">{P.maxLength} 位</Descriptions.Item>
          <Descriptions.Item label="字符类别">大写字母、小写字母、数字、符号中至少 {P.minClasses} 类</Descriptions.Item>
          <Descriptions.Item label="其他要求">不得包含登录名；不得使用常见弱口令；不得与当前密码相同</Descriptions.Item>
          <Descriptions.Item label="初始密码与重置密码">一次性密码，首次登录必须修改</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="登录锁定与会话">
        <Descriptions column={1} bordered size="middle" styles={{ label: { width: 220 } }}>
          <Descriptions.Item label="登录失败锁定">连续失败 5 次，锁定 30 分钟</Descriptions.Item>
          <Descriptions.Item label="会话空闲超时">30 分钟</Descriptions.Item>
          <Descriptions.Item label="会话最长时间">12 小时</Descriptions.Item>
          <Descriptions.Item label="会话 Cookie">HttpOnly、SameSite=Strict；启用 HTTPS 时附加 Secure</Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
