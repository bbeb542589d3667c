/** 结束任职: a tenure change, which the system reacts to (工作有变动). */
import type { TenureView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { cadresApi } from '../../api/endpoints';
import { useServerForm } from '../../lib/use-server-form';
import { cadreKeys } from '../../api/queries/cadres';
import { orgKeys } from '../../api/queries/orgs';

export function EndTenureModal({ tenure, onClose }: { tenure: TenureView; onClose: () => void }) {
  const { form, onMutate, onError, errorAlert } = useServerForm<{ endDate: Dayjs }>(['endDate']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const end = useMutation({
    mutationFn: (v: { endDate: Dayjs }) => cadresApi.endTenure(tenure.id, v.endDate.format('YYYY-MM-DD')),
    onMutate,
    onSuccess: async () => {
      message.success('任职已结束');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: cadreKeys.all }),
        queryClient.invalidateQueries({ queryKey: orgKeys.teams }),
      ]);
      onClose();
    },
    onError,
  });

  return (
    <Modal open title="结束任职" okText="确定结束" okButtonProps={{ danger: true }} onOk={() => form.submit()}
      confirmLoading={end.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        {tenure.orgName} · {tenure.title}（{tenure.startDate} 起）
      </Typography.Paragraph>
      {errorAlert}
      <Form form={form} layout="vertical" initialValues={{ endDate: dayjs() }} onFinish={(v) => end.mutate(v)}>
        <Form.Item label="结束日期" name="endDate" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
