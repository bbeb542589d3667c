/**
 * 成员单位 of a convener (meeting:read to view, meeting:write to change): which departments take part in its
 * joint meeting, and their contact accounts (who is notified, who answers its 督办事项). Each row saves alone.
 */
import type { MeetingMemberView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { SearchSelect } from '../../components/SearchSelect';
import { useDebounced } from '../../lib/use-debounced';
import { ownConvener } from './labels';

export function MembersPanel() {
  const me = useCurrentUser();
  const conveners = useQuery({ queryKey: meetingKeys.conveners, queryFn: meetingsApi.conveners, staleTime: 10 * 60_000 });
  const [convenerId, setConvenerId] = useState<string>();
  useEffect(() => {
    const own = ownConvener(conveners.data, me.scopeOrgName);
    if (!convenerId && own) setConvenerId(own.id);
  }, [convenerId, conveners.data, me.scopeOrgName]);
  const members = useQuery({ queryKey: meetingKeys.members(convenerId ?? ''), queryFn: () => meetingsApi.members(convenerId!), enabled: !!convenerId });
  const canEdit = me.can('meeting:write');
  const rows = members.data ?? [];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>召集单位</span>
        <SearchSelect
          id="members-convener" style={{ width: 260 }} value={convenerId} onChange={setConvenerId} loading={conveners.isPending}
          options={(conveners.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        {rows.length > 0 && <Typography.Text type="secondary">共 {rows.length} 个单位，参加 {rows.filter((r) => r.active).length} 个{rows[0]?.isDefault ? '（尚未设置，按默认全部参加）' : ''}</Typography.Text>}
      </Space>
      {(members.error ?? conveners.error) && <Alert type="error" showIcon title={errorMessage(members.error ?? conveners.error)} style={{ marginBottom: 16 }} />}
      <Table<MeetingMemberView>
        rowKey="departmentCode"
        size="middle"
        loading={members.isFetching}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: convenerId ? '没有成员单位' : '请选择召集单位' }}
        columns={[
          { title: '成员单位', dataIndex: 'departmentName', width: 160 },
          { title: '联络人', key: 'row', render: (_: unknown, m) => <MemberRow key={`${m.convenerId}-${m.departmentCode}`} m={m} canEdit={canEdit} /> },
        ]}
      />
    </>
  );
}

/** One department: 参加 switch, contacts (searchable multi-select of the department's accounts), note, 保存. */
function MemberRow({ m, canEdit }: { m: MeetingMemberView; canEdit: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [active, setActive] = useState(m.active);
  const [contacts, setContacts] = useState(m.contacts.map((c) => c.userId));
  const [note, setNote] = useState(m.contactNote ?? '');
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed, 250);
  const candidates = useQuery({
    queryKey: meetingKeys.candidates(m.convenerId, m.departmentCode, q),
    queryFn: () => meetingsApi.contactCandidates(m.convenerId, m.departmentCode, q || undefined),
    enabled: canEdit,
    retry: false,
  });
  const known = new Map(m.contacts.map((c) => [c.userId, `${c.displayName}（${c.login}）`]));
  for (const c of candidates.data ?? []) known.set(c.userId, `${c.displayName}（${c.login}）`);
  const dirty = active !== m.active || note !== (m.contactNote ?? '') || contacts.join() !== m.contacts.map((c) => c.userId).join();
  const save = useMutation({
    mutationFn: () => meetingsApi.setMember({ convenerId: m.convenerId, departmentCode: m.departmentCode, active, contactUserIds: contacts, contactNote: note.trim() || undefined }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: meetingKeys.members(m.convenerId) });
      void message.success(`已保存：${m.departmentName}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (!canEdit) {
    return (
      <Space wrap>
        {!m.active && <Tag>不参加</Tag>}
        {m.contacts.length ? m.contacts.map((c) => <Tag key={c.userId}>{c.displayName}</Tag>) : <Typography.Text type="secondary">未指定联络人</Typography.Text>}
        {m.contactNote && <Typography.Text type="secondary">{m.contactNote}</Typography.Text>}
      </Space>
    );
  }
  return (
    <Space wrap data-testid={`member-${m.departmentCode}`}>
      <Switch checked={active} onChange={setActive} checkedChildren="参加" unCheckedChildren="不参加" />
      <Select
        mode="multiple"
        style={{ width: 320 }}
        placeholder="选择联络人账号（输入姓名或登录名）"
        value={contacts}
        onChange={setContacts}
        showSearch={{ filterOption: false, onSearch: setTyped }}
        notFoundContent={candidates.isFetching ? <Spin size="small" /> : candidates.error ? '暂不能查找账号' : '没有该单位的账号'}
        options={[...known].map(([value, label]) => ({ value, label }))}
        maxCount={20}
      />
      <Input style={{ width: 220 }} placeholder="联系方式等说明（可选）" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      <Button type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>保存</Button>
    </Space>
  );
}
