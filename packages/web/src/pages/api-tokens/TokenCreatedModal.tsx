/** Shows a new 接口令牌 once, with a copy button and how to use it. */
import type { ApiTokenCreated } from '@jiandu/domain';
import { Alert, Descriptions, Modal, Typography } from 'antd';

export function TokenCreatedModal({ created, onClose }: { created: ApiTokenCreated; onClose: () => void }) {
  return (
    <Modal open title="接口令牌已创建" onOk={onClose} onCancel={onClose} okText="我已妥善保存" cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false} closable={false} width={640}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="令牌只显示这一次"
        description="系统只保存令牌的摘要，关闭后无法再次查看。请通过安全渠道交给该单位的系统管理人员，配置在其系统中；如遗失或泄露，请吊销后重新创建。"
      />
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="名称">{created.view.name}</Descriptions.Item>
        <Descriptions.Item label="成员单位">{created.view.departmentName}</Descriptions.Item>
        <Descriptions.Item label="令牌">
          <Typography.Text code copyable={{ text: created.token, tooltips: ['复制', '已复制'] }} style={{ wordBreak: 'break-all' }}>
            {created.token}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        使用方法：调用 <Typography.Text code>POST /api/v1/entries</Typography.Text>，请求头{' '}
        <Typography.Text code>Authorization: Bearer 令牌</Typography.Text> 和{' '}
        <Typography.Text code>Idempotency-Key</Typography.Text>；接口说明见 <Typography.Link href="/api/docs" target="_blank">接口文档</Typography.Link>。
      </Typography.Paragraph>
    </Modal>
  );
}
