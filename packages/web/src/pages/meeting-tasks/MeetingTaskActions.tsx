/**
 * A 督办事项's actions: 反馈 (the responsible department, or the secretary: a note, optionally the ledger record
 * that fulfils it, attachments), 销号 and 退回 with a reason (meeting:write), and 记录 (its history with the files).
 */
import { DownOutlined, UploadOutlined } from '@ant-design/icons';
import type { MeetingTaskDetail, MeetingTaskView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Select, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { entriesApi, meetingTasksApi } from '../../api/endpoints';
import { dashboardKeys } from '../../api/queries/dashboard';
import { meetingKeys, meetingTaskKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { formatDate, formatDateTime } from '../../lib/format';
import { subjectName } from '../meetings/labels';

type Kind = 'answer' | 'close' | 'return' | 'history';
type Open = { kind: Kind; t: MeetingTaskView } | null;

export function useMeetingTaskActions() {
  const me = useCurrentUser();
  const [open, setOpen] = useState<Open>(null);
  const write = me.can('meeting:write');
  const member = me.can('meeting:member');

  const menu = (t: MeetingTaskView) => {
    const live = t.status !== 'closed' && t.status !== 'cancelled';
    const items = [
      ...(live && t.status !== 'answered' && (member || write) ? [{ key: 'answer', label: '反馈' }] : []),
      ...(write && live ? [{ key: 'close', label: '销号' }] : []),
      ...(write && t.status === 'answered' ? [{ key: 'return', label: '退回' }] : []),
      { key: 'history', label: '记录与附件' },
    ];
    return (
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => setOpen({ kind: key as Kind, t }) }}>
        <Button size="small" data-testid={`task-actions-${t.id}`}>操作 <DownOutlined /></Button>
      </Dropdown>
    );
  };
  const close = () => setOpen(null);
  const modals = (
    <>
      {open?.kind === 'answer' && <AnswerModal t={open.t} side={member ? 'submissions' : 'entries'} onClose={close} />}
      {(open?.kind === 'close' || open?.kind === 'return') && <DecideModal kind={open.kind} t={open.t} onClose={close} />}
      {open?.kind === 'history' && <HistoryModal t={open.t} onClose={close} />}
    </>
  );
  return { menu, modals };
}

function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([meetingTaskKeys.all, meetingKeys.all, dashboardKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

const head = (t: MeetingTaskView) => `${subjectName(t)}（${t.orgName}）· ${t.conclusionName} · ${t.departmentName}，期限 ${formatDate(t.deadline)}${t.overdue ? '（已逾期）' : ''}`;

function AnswerModal({ t, side, onClose }: { t: MeetingTaskView; side: 'entries' | 'submissions'; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ note: string; entryId?: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const entries = useQuery({
    queryKey: ['meeting-tasks', 'entries', side, t.cadreId, t.teamId],
    queryFn: () => entriesApi.list(side, { cadreId: t.cadreId ?? undefined, teamId: t.cadreId ? undefined : t.teamId ?? undefined, limit: 50 }),
    enabled: !!(t.cadreId ?? t.teamId),
  });
  const answer = useMutation({
    mutationFn: (v: { note: string; entryId?: string }) => meetingTasksApi.answer(t.id, {
      note: v.note.trim(), entryId: v.entryId, files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f),
    }),
    onSuccess: async () => {
      await refresh();
      void message.success('已反馈，等待联席会议秘书销号');
      onClose();
    },
  });
  return (
    <Modal open title={`反馈督办事项 · ${subjectName(t)}`} okText="提交反馈" onOk={() => form.submit()} confirmLoading={answer.isPending} onCancel={onClose} destroyOnHidden width={620}>
      <Typography.Paragraph type="secondary">{head(t)}</Typography.Paragraph>
      {t.note && <Typography.Paragraph type="secondary">会商说明：{t.note}</Typography.Paragraph>}
      {answer.error && <Alert type="error" showIcon title={errorMessage(answer.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v)}>
        <Form.Item name="note" label="办理结果" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }, { max: 1000, message: '办理结果不超过1000字' }]}>
          <Input.TextArea id="answer-note" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} placeholder="如：已于某月某日对其函询，本人已书面说明情况" />
        </Form.Item>
        <Form.Item name="entryId" label="对应的台账记录" extra="办理结果已作为台账记录报送的（谈话、函询、诫勉、澄清等），选择后该记录即为办理依据">
          <Select
            id="answer-entry" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="可选" loading={entries.isPending && !!(t.cadreId ?? t.teamId)}
            options={(entries.data?.items ?? []).map((e) => ({ value: e.entryId, label: `${formatDate(e.occurredOn)} ${e.kindName}：${e.summary}` }))}
            notFoundContent="该对象没有可关联的台账记录"
          />
        </Form.Item>
        <Form.Item label="附件" extra="PDF、Word、Excel、图片等，合计不超过20MB">
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="answer-files">
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ kind, t, onClose }: { kind: 'close' | 'return'; t: MeetingTaskView; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ note: string }>();
  const save = useMutation({
    mutationFn: (v: { note: string }) => (kind === 'close' ? meetingTasksApi.close(t.id, v.note?.trim() || undefined) : meetingTasksApi.return(t.id, v.note.trim())),
    onSuccess: async () => {
      await refresh();
      void message.success(kind === 'close' ? '已销号' : '已退回，责任单位将重新办理');
      onClose();
    },
  });
  const name = kind === 'close' ? '销号' : '退回';
  return (
    <Modal open title={`${name} · ${subjectName(t)}`} okText={name} okButtonProps={kind === 'return' ? { danger: true } : undefined} onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{head(t)}</Typography.Paragraph>
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="note" label={kind === 'close' ? '销号说明' : '退回理由'}
          rules={[...(kind === 'return' ? [{ required: true, whitespace: true, message: '请填写退回理由' }] : []), { max: 500, message: '不超过500字' }]}
        >
          <Input.TextArea id="task-decide-note" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} placeholder={kind === 'close' ? '可选，如：已按要求函询，情况属实已作说明' : '如：反馈材料不全，请补充书面说明'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HistoryModal({ t, onClose }: { t: MeetingTaskView; onClose: () => void }) {
  const detail = useQuery({ queryKey: meetingTaskKeys.detail(t.id), queryFn: () => meetingTasksApi.get(t.id) });
  return (
    <Modal open title={`督办记录 · ${subjectName(t)}`} footer={null} onCancel={onClose} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{head(t)}</Typography.Paragraph>
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      <TaskEvents id={t.id} events={detail.data?.events ?? []} loading={detail.isPending} />
    </Modal>
  );
}

/** A task's history: each action with its note and files (downloads are links; audited on the server). */
export function TaskEvents({ id, events, loading }: { id: string; events: MeetingTaskDetail['events']; loading: boolean }) {
  return (
    <Table
      rowKey="id" size="small" pagination={false} loading={loading} dataSource={events}
      locale={{ emptyText: '尚无记录' }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
        { title: '操作', dataIndex: 'actionName', width: 90 },
        {
          title: '说明与附件', key: 'note',
          render: (_: unknown, e) => (
            <Space orientation="vertical" size={2}>
              <span>{e.note ?? '—'}{e.entryId ? '（已关联台账记录）' : ''}</span>
              {e.attachments.map((a) => (
                <a key={a.id} href={meetingTasksApi.attachmentUrl(id, a.id)} download>{a.fileName}（{Math.max(1, Math.round(a.size / 1024))} KB）</a>
              ))}
            </Space>
          ),
        },
        { title: '操作人', dataIndex: 'byLogin', width: 110, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
