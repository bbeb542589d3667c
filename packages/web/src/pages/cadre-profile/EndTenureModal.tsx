/** 结束任职: a tenure change, which the system reacts to (工作有变动). */
import type { TenureView } from '@jiandu/domain';
import { DatePicker, Form, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { cadresApi } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { useServerForm } from '../../lib/use-server-form';
import { useCadreChange } from './use-cadre-change';

export function EndTenureModal({ tenure, onClose }: { tenure: TenureView; onClose: () => void }) {
  const { form, errorAlert, ...handlers } = useServerForm<{ endDate: Dayjs }>(['endDate']);
  const end = useCadreChange(
    (v: { endDate: Dayjs }) => cadresApi.endTenure(tenure.id, v.endDate.format('YYYY-MM-DD')), '任职已结束', onClose, handlers,
  );

  return (
    <FormModal title="结束任职" okText="确定结束" okButtonProps={{ danger: true }} form={form} pending={end.isPending} errorAlert={errorAlert} onClose={onClose}
      intro={<Typography.Paragraph>{tenure.orgName} · {tenure.title}（{tenure.startDate} 起）</Typography.Paragraph>}>
      <Form form={form} layout="vertical" initialValues={{ endDate: dayjs() }} onFinish={(v) => end.mutate(v)}>
        <Form.Item label="结束日期" name="endDate" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
