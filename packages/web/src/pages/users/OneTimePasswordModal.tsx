/** Shows a one-time password once, with a copy button. */
import type { OneTimePassword } from '@jiandu/domain';
import { Alert, Descriptions, Modal, Typography } from 'antd';

export function OneTimePasswordModal({ otp, title, onClose }: { otp: OneTimePassword; title: string; onClose: () => void }) {
  return (
    <Modal open title={title} onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false} closable={false}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="一次性密码只显示这一次"
        description="关闭后无法再次查看。请通过安全渠道交给本人；首次登录时必须修改密码。"
      />
      <Descriptions column={1} bordered size="middle">
        <Descriptions.Item label="登录名">
          <Typography.Text copyable>{otp.login}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="一次性密码">
          <Typography.Text code copyable={{ text: otp.password, tooltips: ['复制', '已复制'] }} style={{ fontSize: 16 }}>
            {otp.password}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
