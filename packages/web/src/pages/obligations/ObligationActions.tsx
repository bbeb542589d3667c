/**
 * A 待办 row's actions (obligation:act): 登记谈话 (the talk form, prefilled), 分派 to a colleague whose scope
 * covers it, 办结 with a note, 重新打开, and 记录 (its history, obligation:read).
 */
import { OBLIGATION_ACTION_NAMES, type ObligationView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Select, Spin, Table, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { obligationsApi } from '../../api/endpoints';
import { obligationKeys } from '../../api/queries/obligations';
import { useCurrentUser } from '../../app/auth';
import { EntryFormModal } from '../../components/entry-form/EntryFormModal';
import { formatDate } from '../../lib/format';

type Open = { kind: 'talk' | 'assign' | 'close' | 'reopen' | 'history'; o: ObligationView } | null;

/** The 谈话起因 a talk obligation's trigger stands for (its title starts with the trigger). */
function talkTrigger(o: ObligationView): Record<string, unknown> {
  if (o.title.startsWith('预警谈话提醒')) return { form: '谈话提醒' };
  for (const t of ['工作变动', '群众反映', '思想波动']) if (o.title.startsWith(t)) return { trigger: t };
  return {};
}

export function useObligationActions() {
  const me = useCurrentUser();
  const [open, setOpen] = useState<Open>(null);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: obligationKeys.all });
  const act = me.can('obligation:act');

  const menu = (o: ObligationView) => {
    const items = [
      ...(act && o.type === 'talk' && o.state !== 'done' && o.cadreId && me.can('entry:write') ? [{ key: 'talk', label: '登记谈话' }] : []),
      ...(act && o.state !== 'done' ? [{ key: 'assign', label: '分派' }, { key: 'close', label: '办结' }] : []),
      ...(act && o.closedOn ? [{ key: 'reopen', label: '重新打开' }] : []),
      { key: 'history', label: '记录' },
    ];
    return (
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => setOpen({ kind: key as NonNullable<Open>['kind'], o }) }}>
        <Button size="small" data-testid={`obligation-actions-${o.id}`}>操作 <DownOutlined /></Button>
      </Dropdown>
    );
  };

  const modals = (
    <>
      {open?.kind === 'talk' && open.o.cadreId && (
        <EntryFormModal
          side="entries"
          target={{
            mode: 'create', kind: 'txth', subject: { type: 'cadre', id: open.o.cadreId, name: open.o.cadreName ?? '' },
            summary: `待办：${open.o.title}`, details: talkTrigger(open.o),
            notice: `${open.o.title}，期限：${formatDate(open.o.dueOn)}${open.o.state === 'overdue' ? '（已逾期）' : ''}。保存后该待办自动完成。`,
          }}
          onClose={() => setOpen(null)}
          onSaved={() => void refresh()}
        />
      )}
      {open?.kind === 'assign' && <AssignModal o={open.o} onClose={() => setOpen(null)} onDone={refresh} />}
      {(open?.kind === 'close' || open?.kind === 'reopen') && <NoteModal kind={open.kind} o={open.o} onClose={() => setOpen(null)} onDone={refresh} />}
      {open?.kind === 'history' && <HistoryModal o={open.o} onClose={() => setOpen(null)} />}
    </>
  );
  return { menu, modals };
}

function AssignModal({ o, onClose, onDone }: { o: ObligationView; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [form] = Form.useForm<{ userId: string; note?: string }>();
  const users = useQuery({ queryKey: obligationKeys.assignees(o.id, q), queryFn: () => obligationsApi.assignees(o.id, q || undefined) });
  const save = useMutation({
    mutationFn: (v: { userId: string; note?: string }) => obligationsApi.assign(o.id, { userId: v.userId, note: v.note?.trim() || undefined }),
    onSuccess: async () => {
      message.success('已分派，对方会在通知中看到');
      await onDone();
      onClose();
    },
  });
  return (
    <Modal open title={`分派待办 · ${o.cadreName ?? o.teamName ?? o.orgName}`} okText="分派" onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{o.title}（期限 {formatDate(o.dueOn)}）；现负责人：{o.responsibleName ?? '—'}</Typography.Paragraph>
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="userId" label="分派给" rules={[{ required: true, message: '请选择分派给谁' }]} extra="只列出管理范围包含该对象的在用账号">
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder="输入姓名或登录名查找"
            notFoundContent={users.isFetching ? <Spin size="small" /> : '没有可分派的用户'}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.login}${u.scopeOrgName ? `，${u.scopeOrgName}` : ''}）` }))}
          />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder="可选，例如：请于本周内约谈" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoteModal({ kind, o, onClose, onDone }: { kind: 'close' | 'reopen'; o: ObligationView; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const name = OBLIGATION_ACTION_NAMES[kind];
  const save = useMutation({
    mutationFn: (v: { note: string }) => (kind === 'close' ? obligationsApi.close(o.id, v.note.trim()) : obligationsApi.reopen(o.id, v.note.trim())),
    onSuccess: async () => {
      message.success(kind === 'close' ? '已办结' : '已重新打开');
      await onDone();
      onClose();
    },
  });
  return (
    <Modal open title={`${name}待办 · ${o.cadreName ?? o.teamName ?? o.orgName}`} okText={name} onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {o.title}（期限 {formatDate(o.dueOn)}）。{kind === 'close' ? '无需登记记录时办结；办结后不再产生义务逾期预警。' : `办结说明：${o.closeNote ?? '—'}`}
      </Typography.Paragraph>
      {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label="说明" rules={[{ required: true, whitespace: true, message: '请填写说明' }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} placeholder={kind === 'close' ? '例如：本人已调离，无需谈话' : '例如：仍需开展谈话'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryModal({ o, onClose }: { o: ObligationView; onClose: () => void }) {
  const list = useQuery({ queryKey: obligationKeys.actions(o.id), queryFn: () => obligationsApi.actions(o.id) });
  return (
    <Modal open title={`处理记录 · ${o.cadreName ?? o.teamName ?? o.orgName}`} footer={null} onCancel={onClose} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{o.title}</Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table
        rowKey="id" size="small" pagination={false} loading={list.isPending} dataSource={list.data ?? []}
        locale={{ emptyText: '尚无分派、办结记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
          { title: '操作', dataIndex: 'action', width: 80, render: (v: keyof typeof OBLIGATION_ACTION_NAMES) => OBLIGATION_ACTION_NAMES[v] },
          { title: '分派给', dataIndex: 'userName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: '操作人', dataIndex: 'byLogin', width: 100 },
        ]}
      />
    </Modal>
  );
}
