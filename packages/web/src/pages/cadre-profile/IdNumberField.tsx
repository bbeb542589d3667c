/** The masked 身份证号, and for cadre:sensitive a button that shows the full number (an audited read). */
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { cadresApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';

export function IdNumberField({ cadreId, masked }: { cadreId: string; masked: string | null }) {
  const me = useCurrentUser();
  const reveal = useMutation({ mutationFn: () => cadresApi.revealIdNumber(cadreId) });

  if (!masked) return <>—</>;
  if (reveal.data) {
    return (
      <Space wrap>
        <Typography.Text code copyable>{reveal.data.idNumber}</Typography.Text>
        <Typography.Text type="warning">本次查看已记入审计日志。</Typography.Text>
        <Button size="small" onClick={() => reveal.reset()}>隐藏</Button>
      </Space>
    );
  }
  return (
    <Space wrap>
      <Typography.Text code>{masked}</Typography.Text>
      {me.can('cadre:sensitive') && (
        <Popconfirm
          title="查看完整身份证号"
          description="查看敏感信息将记入审计日志（操作人、时间、对象）。确定查看？"
          okText="查看"
          cancelText="取消"
          onConfirm={() => reveal.mutate()}
        >
          <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending}>查看完整号码</Button>
        </Popconfirm>
      )}
      {reveal.error && <Typography.Text type="danger">{errorMessage(reveal.error)}</Typography.Text>}
    </Space>
  );
}
