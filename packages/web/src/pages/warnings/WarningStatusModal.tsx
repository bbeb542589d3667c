/** 已处置 / 已排除 (and 已阅 with a note) of one or more warnings: the reason is asked, required except for 已阅. */
import { WARNING_STATUS_NAMES, type WarningStatusBody } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { warningsApi, warningsBulkApi } from '../../api/endpoints';
import type { WarningFilters } from './use-warning-filters';
import { useServerForm } from '../../lib/use-server-form';
import { dashboardKeys } from '../../api/queries/dashboard';
import { warningKeys } from '../../api/queries/warnings';

export type TargetStatus = WarningStatusBody['status'];

interface Props {
  ids: string[];
  status: TargetStatus;
  onClose: () => void;
  onDone: (updated: number) => void;
  /** 选择全部 N 条: every warning these filters match (`total` of them), instead of `ids`. */
  all?: { filter: WarningFilters; total: number };
}

const HINTS: Record<TargetStatus, string> = {
  read: '标记为已阅：表示已知悉，预警仍在待处理列表中。',
  handled: '已处置：请写明采取的措施（如已督促整改），处置后不再列入待处理。谈话提醒、函询、诫勉、转联席会议请用预警详情中的“处置措施”按钮，会同时生成待办、台账记录或上会议题。',
  dismissed: '已排除：请写明排除的理由（如经核实不属实、已另案处理），排除后不再列入待处理。',
};

/** Invalidates what a status change affects: the lists, the details, the 工作台's counts. */
export function useWarningsChanged() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: warningKeys.all }),
    qc.invalidateQueries({ queryKey: dashboardKeys.all }),
  ]);
}

export function WarningStatusModal({ ids, status, onClose, onDone, all }: Props) {
  const { message } = App.useApp();
  const changed = useWarningsChanged();
  const sf = useServerForm<{ reason?: string }>(['reason']);
  const required = status !== 'read';
  const save = useMutation({
    mutationFn: (v: { reason?: string }) => (all
      ? warningsBulkApi.setStatusByFilter({ filter: all.filter, status, reason: v.reason?.trim() || undefined })
      : warningsApi.setStatus({ ids, status, reason: v.reason?.trim() || undefined })),
    onMutate: sf.onMutate,
    onError: sf.onError,
    onSuccess: async (r) => {
      await changed();
      void message.success(`已将 ${r.updated} 条预警标记为${WARNING_STATUS_NAMES[status]}`);
      onDone(r.updated);
    },
  });

  return (
    <Modal
      open
      title={`标记为${WARNING_STATUS_NAMES[status]}（${all ? `全部 ${all.total}` : ids.length} 条）`}
      okText="确定"
      confirmLoading={save.isPending}
      onOk={() => sf.form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {sf.errorAlert}
      <Typography.Paragraph type="secondary">{HINTS[status]}</Typography.Paragraph>
      <Form form={sf.form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="reason"
          label={status === 'dismissed' ? '排除理由' : status === 'handled' ? '处置情况' : '备注'}
          rules={required ? [{ required: true, whitespace: true, message: status === 'dismissed' ? '请填写排除理由' : '请填写处置情况' }] : []}
        >
          <Input.TextArea id="warning-reason" rows={4} maxLength={500} showCount placeholder={required ? '必填，不超过500字' : '选填'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
