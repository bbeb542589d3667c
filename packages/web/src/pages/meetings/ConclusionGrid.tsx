/**
 * 会商研判: one row per subject on the agenda, beside it what the ledger held and its warnings; the secretary
 * records 结论 (the dictionary), 责任单位 and 期限 (defaults from the kind), 说明. The keyboard goes through the
 * cells: picking a value moves on, Enter in 说明 saves the row (PUT …/conclusion) and moves to the next row's
 * 结论; Tab goes cell by cell. Each row shows whether it is saved. Read-only before the meeting is held and once
 * the minutes are final.
 */
import type { ConclusionKindView, MeetingDetail, MeetingSubjectView } from '@jiandu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { meetingKeys, meetingTaskKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { SearchSelect } from '../../components/SearchSelect';
import { formatDate } from '../../lib/format';
import { subjectName, TaskStatusTag, useConclusionKinds, useDepartments } from './labels';
import { ledgerSummary, SubjectContentView, WarningTags } from './SubjectContent';
import { isOnAgenda, useSubjects } from './SubjectsTab';

interface Draft { conclusion?: string; departmentCode?: string | null; deadline?: string | null; note: string }
type Col = 'conclusion' | 'department' | 'deadline' | 'note';
type Focusable = { focus: () => void } | null;

const draftOf = (s: MeetingSubjectView): Draft => ({
  conclusion: s.conclusion?.conclusion, departmentCode: s.conclusion?.departmentCode ?? null, deadline: s.conclusion?.deadline ?? null, note: s.conclusion?.note ?? '',
});
const same = (a: Draft, b: Draft) => a.conclusion === b.conclusion && (a.departmentCode ?? null) === (b.departmentCode ?? null)
  && (a.deadline ?? null) === (b.deadline ?? null) && a.note.trim() === b.note.trim();

export function ConclusionGrid({ d }: { d: MeetingDetail }) {
  const me = useCurrentUser();
  const m = d.meeting;
  const qc = useQueryClient();
  const subjects = useSubjects(m.id);
  const kinds = useConclusionKinds();
  const depts = useDepartments();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const cells = useRef(new Map<string, Focusable>());
  const rows = (subjects.data?.items ?? []).filter(isOnAgenda);
  const editable = me.can('meeting:write') && m.status === 'held';
  const kindOf = (code?: string): ConclusionKindView | undefined => kinds.data?.find((k) => k.code === code);
  const draft = (s: MeetingSubjectView) => drafts[s.id] ?? draftOf(s);
  const setDraft = (s: MeetingSubjectView, patch: Partial<Draft>) => setDrafts((all) => ({ ...all, [s.id]: { ...(all[s.id] ?? draftOf(s)), ...patch } }));
  const focus = (i: number, col: Col) => setTimeout(() => cells.current.get(`${i}:${col}`)?.focus(), 30);
  const reg = (i: number, col: Col) => (el: Focusable) => { cells.current.set(`${i}:${col}`, el); };

  const save = useMutation({
    mutationFn: ({ s, v }: { s: MeetingSubjectView; v: Draft; i: number }) => meetingsApi.conclude(m.id, s.id, {
      conclusion: v.conclusion ?? '', departmentCode: v.departmentCode ?? null, deadline: v.deadline ?? null, note: v.note.trim() || undefined,
    }),
    onSuccess: async (saved, { s, i }) => {
      setErrors(({ [s.id]: _, ...rest }) => rest);
      setDrafts(({ [s.id]: _, ...rest }) => rest);
      qc.setQueryData(meetingKeys.subjects(m.id), (old: typeof subjects.data) => old && { ...old, items: old.items.map((x) => (x.id === saved.id ? saved : x)) });
      focus(i + 1, 'conclusion');
      await Promise.all([qc.invalidateQueries({ queryKey: meetingKeys.detail(m.id), exact: true }), qc.invalidateQueries({ queryKey: meetingTaskKeys.all })]);
    },
    onError: (e, { s }) => setErrors((all) => ({ ...all, [s.id]: errorMessage(e) })),
  });
  const submit = (s: MeetingSubjectView, i: number) => {
    const v = draft(s);
    if (!v.conclusion) {
      setErrors((all) => ({ ...all, [s.id]: '请选择研判结论' }));
      focus(i, 'conclusion');
      return;
    }
    save.mutate({ s, v, i });
  };
  const pickKind = (s: MeetingSubjectView, i: number, code: string) => {
    const k = kindOf(code);
    const days = k?.action ? k.days : undefined;
    setDraft(s, {
      conclusion: code,
      departmentCode: k?.action ? (draft(s).departmentCode ?? k.department ?? null) : null,
      deadline: k?.action ? (draft(s).deadline ?? (days ? dayjs(m.heldOn).add(days, 'day').format('YYYY-MM-DD') : null)) : null,
    });
    focus(i, k?.action ? 'department' : 'note');
  };

  const kindOptions = (kinds.data ?? []).map((k) => ({ value: k.code, label: k.name }));
  const columns: ColumnsType<MeetingSubjectView> = [
    {
      title: '议题', key: 'subject', width: 300,
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <Space size={6}><Typography.Text strong>{subjectName(s)}</Typography.Text><Typography.Text type="secondary" ellipsis style={{ maxWidth: 200 }}>{s.post && !s.post.startsWith(s.orgName) ? `${s.orgName} ${s.post}` : s.post ?? s.orgName}</Typography.Text></Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ledgerSummary(s.content)}</Typography.Text>
          {s.content.warnings.length > 0 && <WarningTags content={s.content} />}
        </Space>
      ),
    },
    {
      title: '结论', key: 'conclusion', width: 150,
      render: (_: unknown, s) => {
        const i = rows.indexOf(s);
        return editable ? (
          <SearchSelect<string>
            id={`conclusion-${s.id}`} ref={reg(i, 'conclusion')} showSearch style={{ width: '100%' }} placeholder="选择结论"
            value={draft(s).conclusion} options={kindOptions} onChange={(v) => pickKind(s, i, v)}
          />
        ) : (s.conclusion?.conclusionName ?? '—');
      },
    },
    {
      title: '责任单位', key: 'department', width: 150,
      render: (_: unknown, s) => {
        const i = rows.indexOf(s);
        const action = kindOf(draft(s).conclusion)?.action ?? false;
        return editable ? (
          <SearchSelect<string>
            id={`department-${s.id}`} ref={reg(i, 'department')} showSearch style={{ width: '100%' }} placeholder={action ? '选择单位' : '无需督办'}
            disabled={!action} value={draft(s).departmentCode ?? undefined} options={depts.options}
            onChange={(v) => { setDraft(s, { departmentCode: v }); focus(i, 'deadline'); }}
          />
        ) : (s.conclusion?.departmentName ?? '—');
      },
    },
    {
      title: '期限', key: 'deadline', width: 150,
      render: (_: unknown, s) => {
        const i = rows.indexOf(s);
        const action = kindOf(draft(s).conclusion)?.action ?? false;
        const v = draft(s).deadline;
        return editable ? (
          <DatePicker
            id={`deadline-${s.id}`} ref={reg(i, 'deadline') as never} style={{ width: '100%' }} disabled={!action} placeholder={action ? '办理期限' : '—'}
            value={v ? dayjs(v) : null}
            onChange={(x: Dayjs | null) => { setDraft(s, { deadline: x ? x.format('YYYY-MM-DD') : null }); if (x) focus(i, 'note'); }}
          />
        ) : (formatDate(s.conclusion?.deadline) || '—');
      },
    },
    {
      title: '说明', key: 'note',
      render: (_: unknown, s) => {
        const i = rows.indexOf(s);
        return editable ? (
          <Input
            id={`note-${s.id}`} ref={reg(i, 'note')} placeholder="说明（回车保存本行）" maxLength={1000} value={draft(s).note}
            onChange={(e) => setDraft(s, { note: e.target.value })}
            onPressEnter={() => submit(s, i)}
          />
        ) : (s.conclusion?.note ?? '');
      },
    },
    {
      title: '状态', key: 'state', width: 130,
      render: (_: unknown, s) => {
        const i = rows.indexOf(s);
        const dirty = !same(draft(s), draftOf(s));
        const busy = save.isPending && save.variables?.s.id === s.id;
        return (
          <Space orientation="vertical" size={2} data-testid={`conclusion-state-${s.id}`}>
            {errors[s.id] ? <Tooltip title={errors[s.id]}><Tag color="red">保存失败</Tag></Tooltip>
              : dirty ? <Tag color="orange">未保存</Tag>
                : s.conclusion ? <Tag color="green">{editable ? '已保存' : '已研判'}</Tag> : <Tag>未研判</Tag>}
            {editable && dirty && <Button size="small" type="primary" loading={busy} onClick={() => submit(s, i)} data-testid={`conclusion-save-${s.id}`}>保存</Button>}
            {s.taskStatus && <TaskStatusTag status={s.taskStatus} />}
          </Space>
        );
      },
    },
  ];
  const done = rows.filter((s) => s.conclusion).length;

  return (
    <>
      {m.status === 'planned' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="会议召开后在此逐项记录研判结论。" />}
      {(m.status === 'minutes_final' || m.status === 'closed') && <Alert type="success" showIcon style={{ marginBottom: 16 }} title="纪要已定稿，研判结论不能再修改。" />}
      {(subjects.error ?? kinds.error) && <Alert type="error" showIcon title={errorMessage(subjects.error ?? kinds.error)} style={{ marginBottom: 16 }} />}
      {Object.values(errors)[0] && <Alert type="error" showIcon title={Object.values(errors)[0]} style={{ marginBottom: 16 }} />}
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {editable ? '选择后自动跳到下一格；在“说明”中按回车保存本行并跳到下一行；Tab 逐格移动。展开一行可查看台账和预警详情。' : '展开一行可查看台账和预警详情。'}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="conclusions-done">已研判 {done} / {rows.length}</Typography.Text>
      </Flex>
      <Table<MeetingSubjectView>
        data-testid="conclusion-grid"
        rowKey="id" size="small" dataSource={rows} columns={columns} loading={subjects.isPending} pagination={false}
        rowClassName={(s) => (s.conclusion && same(draft(s), draftOf(s)) ? 'conclusion-saved' : '')}
        expandable={{ expandedRowRender: (s) => <SubjectContentView content={s.content} /> }}
        locale={{ emptyText: '议题为空' }}
        scroll={{ y: 'calc(100vh - 360px)' }}
      />
    </>
  );
}
