/**
 * 提请联席会议 (meeting:member): a member department proposes one of its own submissions' subject for the
 * joint meeting of a convener, with a note; the secretary's next compile puts it on the agenda (until the cutoff).
 */
import type { EntryView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { SearchSelect } from '../../components/SearchSelect';
import { formatDate } from '../../lib/format';

interface Values { convenerId?: string; note: string }

export function ProposeModal({ entry, onClose }: { entry: EntryView; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  // A member department does not list the conveners: the entry's subject decides (its unit's 干部管理权限).
  const me = useCurrentUser();
  const conveners = useQuery({ queryKey: meetingKeys.conveners, queryFn: meetingsApi.conveners, staleTime: 10 * 60_000, retry: false, enabled: me.can('meeting:read') });
  const choose = (conveners.data?.length ?? 0) > 1;
  const only = conveners.data?.length === 1 ? conveners.data[0]?.id : undefined;
  useEffect(() => {
    if (only && !form.getFieldValue('convenerId')) form.setFieldValue('convenerId', only);
  }, [only, form]);
  const propose = useMutation({
    mutationFn: (v: Values) => meetingsApi.propose({ convenerId: v.convenerId, entryId: entry.entryId, note: v.note.trim() }),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: meetingKeys.proposals });
      void message.success(`已提请${p.convenerName}联席会议研判`);
      onClose();
    },
  });
  const name = entry.cadreName ?? entry.teamName ?? '';
  return (
    <Modal open title={`提请联席会议 · ${name}`} okText="提请" onOk={() => form.submit()} confirmLoading={propose.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {formatDate(entry.occurredOn)} {entry.kindName}：{entry.summary}。提请后，由该对象所属的组织部召集的联席会议在重新汇总议题时列入（会议设定的提请截止日前）。
      </Typography.Paragraph>
      {propose.error && <Alert type="error" showIcon title={errorMessage(propose.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => propose.mutate(v)}>
        <Form.Item name="convenerId" label="联席会议召集单位" hidden={!choose} rules={[{ required: choose, message: '请选择召集单位' }]}>
          <SearchSelect
            id="propose-convener" showSearch placeholder="选择召集联席会议的组织部" loading={conveners.isPending}
            options={(conveners.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="note" label="提请理由" rules={[{ required: true, whitespace: true, message: '请填写提请理由' }, { max: 500, message: '理由不超过500字' }]}>
          <Input.TextArea id="propose-note" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} placeholder="如：该同志近期被多次信访举报，建议会商研判" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
