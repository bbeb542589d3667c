/**
 * 分工调整: new 分管领域 in force from a day, without ending the tenure (POST /api/tenures/:id/domains). The
 * domains are tags from DOMAINS, free text allowed; the day lies within the tenure and not after today.
 * After it the profile, the 领导班子 and the warnings (分管违规 is re-evaluated) are stale.
 */
import { DOMAINS } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { cadresApi } from '../../api/endpoints';
import { cadreKeys } from '../../api/queries/cadres';
import { dashboardKeys } from '../../api/queries/dashboard';
import { orgKeys } from '../../api/queries/orgs';
import { eligibilityKeys, warningKeys } from '../../api/queries/warnings';
import { useServerForm } from '../../lib/use-server-form';
import { FormModal } from '../FormModal';

/** The tenure as the modal needs it (a TenureView or a TeamMember row). */
export interface DomainTenure {
  id: string;
  /** Who and what: 张三 · 县委书记, or 东平县委 · 县委书记. */
  label: string;
  domains: readonly string[];
  startDate: string | null;
  endDate?: string | null;
}

interface Values {
  domains: string[];
  effectiveDate: Dayjs;
  reason?: string;
}

const FIELDS = ['domains', 'effectiveDate', 'reason'] as const;

export function DomainChangeModal({ tenure, onClose }: { tenure: DomainTenure; onClose: () => void }) {
  const { form, errorAlert, onMutate, onError } = useServerForm<Values>(FIELDS);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const today = dayjs().endOf('day');
  const save = useMutation({
    mutationFn: (v: Values) => cadresApi.changeTenureDomains(tenure.id, {
      domains: v.domains, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    }),
    onMutate,
    onSuccess: async () => {
      message.success('分工已调整');
      await Promise.all([cadreKeys.all, orgKeys.teams, warningKeys.all, eligibilityKeys.all, dashboardKeys.all]
        .map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onClose();
    },
    onError,
  });
  const outside = (d: Dayjs) => d.isAfter(today)
    || (tenure.startDate !== null && d.isBefore(dayjs(tenure.startDate), 'day'))
    || (!!tenure.endDate && d.isAfter(dayjs(tenure.endDate), 'day'));

  return (
    <FormModal title="分工调整" form={form} pending={save.isPending} errorAlert={errorAlert} onClose={onClose}
      intro={<Typography.Paragraph type="secondary">
        {tenure.label}{tenure.startDate ? `（${tenure.startDate} 起任职）` : ''}。新的分管领域自生效日期起适用，不结束任职；调整记录只追加，不修改。
      </Typography.Paragraph>}>
      <Form form={form} layout="vertical" initialValues={{ domains: [...tenure.domains], effectiveDate: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label="分管领域" name="domains" extra="可从列表中选择，也可直接输入后回车">
          <Select mode="tags" allowClear placeholder="选择或输入分管领域" options={DOMAINS.map((d) => ({ value: d, label: d }))} tokenSeparators={['、', '，', ',']} />
        </Form.Item>
        <Form.Item label="生效日期" name="effectiveDate" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={outside} />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[{ max: 200, message: '原因不超过200字' }]}>
          <Input.TextArea rows={2} placeholder="如：班子成员分工调整（选填）" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
