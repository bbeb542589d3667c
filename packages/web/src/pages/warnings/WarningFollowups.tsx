/**
 * 处置 of a warning with a follow-up: the rule's suggestions (谈话提醒 / 函询 / 诫勉 / 转联席会议) and 其他, and
 * the follow-ups already taken. 函询 / 诫勉 open the ledger form (约谈诫勉 of that 方式, the subject filled in);
 * once the entry is saved the follow-up is recorded with it. POST /api/warnings/:id/followups.
 */
import { DEPARTMENT, ENTRY_KIND, FOLLOWUP_ENTRY_FORM, FOLLOWUP_NAMES, followupsOf, type FollowupAction, type WarningDetail } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { followupsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { obligationKeys } from '../../api/queries/obligations';
import { warningKeys } from '../../api/queries/warnings';
import { useCurrentUser } from '../../app/auth';
import { EntryFormModal } from '../../components/entry-form/EntryFormModal';
import { formatDate } from '../../lib/format';
import { useServerForm } from '../../lib/use-server-form';
import { useWarningsChanged } from './WarningStatusModal';

const HINTS: Record<FollowupAction, string> = {
  talk: '谈话提醒：记录后生成一项谈心谈话待办（按规则期限），谈话登记后自动完成。',
  inquiry: '函询：先登记一条约谈诫勉记录（方式为函询），保存后记为此预警的处置。',
  admonish: '诫勉：先登记一条约谈诫勉记录（方式为诫勉），保存后记为此预警的处置；诫勉影响期按规则计算。',
  meeting: '转联席会议：将对象列入其所在地区召集单位的待上会议题，在联席会议页面可见。',
  other: '其他：请写明采取的措施。',
};

function useFollowupDone(warningId: string) {
  const qc = useQueryClient();
  const changed = useWarningsChanged();
  return () => Promise.all([
    changed(),
    qc.invalidateQueries({ queryKey: warningKeys.followups(warningId) }),
    qc.invalidateQueries({ queryKey: meetingKeys.agenda }),
    qc.invalidateQueries({ queryKey: obligationKeys.all }),
  ]);
}

/** Note for 谈话提醒 / 转联席会议 / 其他 (required for 其他), then record. */
function FollowupNoteModal({ w, action, onClose }: { w: WarningDetail; action: FollowupAction; onClose: () => void }) {
  const { message } = App.useApp();
  const done = useFollowupDone(w.id);
  const sf = useServerForm<{ note?: string }>(['note']);
  const save = useMutation({
    mutationFn: (v: { note?: string }) => followupsApi.record(w.id, { action, note: v.note?.trim() || undefined }),
    onMutate: sf.onMutate,
    onError: sf.onError,
    onSuccess: async () => {
      await done();
      void message.success(`已记录处置：${FOLLOWUP_NAMES[action]}`);
      onClose();
    },
  });
  return (
    <Modal open title={`处置：${FOLLOWUP_NAMES[action]}`} okText="确定" confirmLoading={save.isPending} onOk={() => sf.form.submit()} onCancel={onClose} destroyOnHidden>
      {sf.errorAlert}
      <Typography.Paragraph type="secondary">{HINTS[action]}</Typography.Paragraph>
      <Form form={sf.form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="note"
          label={action === 'meeting' ? '提请研判的事项' : '处置情况'}
          rules={action === 'other' ? [{ required: true, whitespace: true, message: '请填写处置情况' }] : []}
          extra={action === 'meeting' ? '不填则以预警说明作为议题事由' : undefined}
        >
          <Input.TextArea id="followup-note" rows={3} maxLength={500} showCount placeholder={action === 'other' ? '必填，不超过500字' : '选填'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WarningFollowups({ w }: { w: WarningDetail }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<FollowupAction | null>(null);
  const [entryFor, setEntryFor] = useState<FollowupAction | null>(null);
  const done = useFollowupDone(w.id);
  const taken = useQuery({ queryKey: warningKeys.followups(w.id), queryFn: () => followupsApi.list(w.id) });
  const withEntry = useMutation({
    mutationFn: ({ action, entryId }: { action: FollowupAction; entryId: string }) => followupsApi.record(w.id, { action, entryId }),
    onSuccess: async (_r, v) => {
      await done();
      void message.success(`已记录处置：${FOLLOWUP_NAMES[v.action]}`);
    },
    onError: (e) => void message.error(`记录已保存，但处置未能记录：${errorMessage(e)}`),
  });
  const canHandle = me.can('warning:handle');
  const canWrite = me.can('entry:write');
  const subject = w.cadreId ? { type: 'cadre' as const, id: w.cadreId, name: w.cadreName ?? '' }
    : { type: 'team' as const, id: w.teamId!, name: w.teamName ?? '' };
  const form = entryFor ? FOLLOWUP_ENTRY_FORM[entryFor] : undefined;

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>处置措施</Typography.Title>
      {canHandle && (
        <Space wrap style={{ marginBottom: 12 }}>
          {followupsOf(w.rule).map((a) => {
            const needsEntry = !!FOLLOWUP_ENTRY_FORM[a];
            const button = (
              <Button
                key={a}
                data-followup={a}
                type={a === 'other' ? 'default' : 'primary'}
                ghost={a !== 'other'}
                disabled={needsEntry && !canWrite}
                loading={withEntry.isPending && withEntry.variables?.action === a}
                onClick={() => (needsEntry ? setEntryFor(a) : setAsking(a))}
              >
                {FOLLOWUP_NAMES[a]}
              </Button>
            );
            return needsEntry && !canWrite ? <Tooltip key={a} title="需要台账登记权限">{button}</Tooltip> : button;
          })}
        </Space>
      )}
      {taken.error && <Alert type="error" showIcon title={errorMessage(taken.error)} />}
      {taken.data && taken.data.length === 0 && <div><Typography.Text type="secondary">尚未采取处置措施</Typography.Text></div>}
      {taken.data?.map((f) => (
        <div key={f.id} style={{ marginBottom: 6 }}>
          <Tag color="green">{f.actionName}</Tag>
          <Typography.Text type="secondary">{formatDate(f.onDate)}{f.byLogin ? ` · ${f.byLogin}` : ''}</Typography.Text>
          {f.note && <span> · {f.note}</span>}
          {f.entryId && <Typography.Text type="secondary"> · 已关联台账记录</Typography.Text>}
        </div>
      ))}
      {asking && <FollowupNoteModal w={w} action={asking} onClose={() => setAsking(null)} />}
      {entryFor && form && (
        <EntryFormModal
          side="entries"
          target={{
            mode: 'create', subject,
            prefill: {
              kind: ENTRY_KIND.admonition, sourceDept: DEPARTMENT.organization, occurredOn: dayjs().format('YYYY-MM-DD'), summary: `${w.ruleName}预警：${form}`,
              details: { form, reason: w.explanation.slice(0, 500) },
            },
          }}
          onClose={() => setEntryFor(null)}
          onSaved={(entryId) => withEntry.mutate({ action: entryFor, entryId })}
        />
      )}
    </>
  );
}
