/** 结束任职: a tenure change, which the system reacts to (工作有变动). */
import type { TenureView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { cadresApi } from '../../api/endpoints';
import { formErrorOf } from '../../lib/form-errors';

export function EndTenureModal({ tenure, onClose }: { tenure: TenureView; onClose: () => void }) {
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const end = useMutation({
    mutationFn: (v: { endDate: Dayjs }) => cadresApi.endTenure(tenure.id, v.endDate.format('YYYY-MM-DD')),
    onMutate: () => setFormError(null),
    onSuccess: async () => {
      message.success('任职已结束');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cadres'] }),
        queryClient.invalidateQueries({ queryKey: ['orgs', 'team'] }),
      ]);
      onClose();
    },
    onError: (e) => setFormError(formErrorOf(form, e, ['endDate'])),
  });

  return (
    <Modal open title="结束任职" okText="确定结束" okButtonProps={{ danger: true }} onOk={() => form.submit()}
      confirmLoading={end.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        {tenure.orgName} · {tenure.title}（{tenure.startDate} 起）
      </Typography.Paragraph>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ endDate: dayjs() }} onFinish={(v) => end.mutate(v)}>
        <Form.Item label="结束日期" name="endDate" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
