/** 取消导入 (before commit): the uploaded file and everything checked are cleared; nothing was written. */
import { StopOutlined } from '@ant-design/icons';
import type { ImportBatchView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { errorMessage } from '../../api/client';
import { importsApi } from '../../api/endpoints';
import { storeBatch } from './use-import';

export function CancelImportButton({ batch }: { batch: ImportBatchView }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const cancel = useMutation({
    mutationFn: () => importsApi.cancel(batch.id),
    onSuccess: (b) => {
      storeBatch(qc, b);
      message.success('已取消导入');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Popconfirm
      title="取消这次导入？"
      description="上传的文件和检查结果将被清除，不会写入任何记录。"
      okText="取消导入"
      okButtonProps={{ danger: true }}
      cancelText="不取消"
      onConfirm={() => cancel.mutateAsync().catch(() => undefined)}
    >
      <Button danger icon={<StopOutlined />} loading={cancel.isPending}>取消导入</Button>
    </Popconfirm>
  );
}
