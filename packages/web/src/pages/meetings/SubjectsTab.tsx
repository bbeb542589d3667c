/**
 * 议题 of a meeting: cadre and team subjects apart, why each is there (tags), what was known when compiled
 * (expand a row), the compile history with what changed, 移出议题 with a reason (筹备 only), and the removed and
 * dropped subjects shown apart with their reason, 恢复 for the removed ones.
 */
import type { MeetingDetail, MeetingSubjectView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { formatDateTime } from '../../lib/format';
import { ReasonTags, subjectName } from './labels';
import { ledgerSummary, SubjectContentView, WarningTags } from './SubjectContent';

export function useSubjects(meetingId: string) {
  return useQuery({ queryKey: meetingKeys.subjects(meetingId), queryFn: () => meetingsApi.subjects(meetingId, { removed: true }) });
}

export const isOnAgenda = (s: MeetingSubjectView) => !s.removedAt && s.droppedVersion === null;

export function SubjectsTab({ d }: { d: MeetingDetail }) {
  const me = useCurrentUser();
  const m = d.meeting;
  const subjects = useSubjects(m.id);
  const [q, setQ] = useState('');
  const [removing, setRemoving] = useState<MeetingSubjectView | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const editable = me.can('meeting:write') && m.status === 'planned';
  const all = (subjects.data?.items ?? []).filter((s) => !q || subjectName(s).includes(q) || s.orgName.includes(q));
  const active = all.filter(isOnAgenda);
  const apart = all.filter((s) => !isOnAgenda(s));
  const restore = useMutation({
    mutationFn: (s: MeetingSubjectView) => meetingsApi.restoreSubject(m.id, s.id),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: meetingKeys.all });
      void message.success(`已恢复议题：${subjectName(s)}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const last = d.compiles[0];

  const columns: ColumnsType<MeetingSubjectView> = [
    {
      title: '对象', key: 'name', width: 180,
      render: (_: unknown, s) => (s.cadreId && me.can('cadre:read') ? <Link to={`/cadres/${s.cadreId}`}>{subjectName(s)}</Link> : subjectName(s)),
      sorter: (a, b) => subjectName(a).localeCompare(subjectName(b), 'zh-CN'),
    },
    { title: '单位 / 职务', key: 'org', ellipsis: true, render: (_: unknown, s) => (s.post && !s.post.startsWith(s.orgName) ? `${s.orgName} ${s.post}` : s.post ?? s.orgName) },
    { title: '列入理由', dataIndex: 'reasons', width: 260, render: (_: unknown, s) => <ReasonTags reasons={s.reasons} /> },
    { title: '台账', key: 'entries', width: 70, align: 'right', render: (_: unknown, s) => s.content.entries.length, sorter: (a, b) => a.content.entries.length - b.content.entries.length },
    { title: '红黄预警', key: 'warnings', width: 200, render: (_: unknown, s) => <WarningTags content={s.content} /> },
    {
      title: '版本', key: 'version', width: 170,
      render: (_: unknown, s) => (
        <Space size={4}>
          {s.addedVersion === m.agendaVersion && m.agendaVersion > 1 && <Tag color="green">新增</Tag>}
          {s.changedVersion === m.agendaVersion && s.addedVersion !== m.agendaVersion && <Tag color="orange">有变化</Tag>}
          <Typography.Text type="secondary">第{s.addedVersion}版列入</Typography.Text>
        </Space>
      ),
    },
    ...(editable ? [{
      title: '操作', key: 'act', width: 90,
      render: (_: unknown, s: MeetingSubjectView) => <Button size="small" danger onClick={() => setRemoving(s)} data-testid={`subject-remove-${s.id}`}>移出</Button>,
    }] : []),
  ];
  const table = (rows: MeetingSubjectView[], testId: string) => (
    <Table<MeetingSubjectView>
      data-testid={testId}
      rowKey="id" size="middle" dataSource={rows} columns={columns} loading={subjects.isFetching}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      expandable={{ expandedRowRender: (s) => <SubjectContentView content={s.content} />, expandRowByClick: true }}
      locale={{ emptyText: '没有议题' }}
    />
  );
  const cadres = active.filter((s) => s.subjectType === 'cadre');
  const teams = active.filter((s) => s.subjectType === 'team');

  return (
    <>
      {subjects.error && <Alert type="error" showIcon title={errorMessage(subjects.error)} style={{ marginBottom: 16 }} />}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Input.Search id="subject-q" allowClear style={{ width: 240 }} placeholder="搜索对象或单位" onChange={(e) => setQ(e.target.value.trim())} />
        <Typography.Text type="secondary" data-testid="subjects-total">
          共 {active.length} 项议题（干部 {cadres.length}，班子 {teams.length}）{last ? `；第 ${last.version} 版，${formatDateTime(last.at)} 汇总，截至 ${last.until}` : ''}
        </Typography.Text>
      </Flex>
      <Typography.Title level={5}>干部（{cadres.length}）</Typography.Title>
      {table(cadres, 'subjects-cadre')}
      <Typography.Title level={5} style={{ marginTop: 24 }}>领导班子（{teams.length}）</Typography.Title>
      {table(teams, 'subjects-team')}
      {apart.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>已移出 / 不再列入（{apart.length}）</Typography.Title>
          <Table<MeetingSubjectView>
            data-testid="subjects-removed"
            rowKey="id" size="small" dataSource={apart} pagination={false}
            columns={[
              { title: '对象', key: 'name', width: 180, render: (_: unknown, s) => subjectName(s) },
              { title: '单位', dataIndex: 'orgName', ellipsis: true },
              {
                title: '情况', key: 'why',
                render: (_: unknown, s) => (s.removedAt
                  ? <span><Tag>秘书移出</Tag>{s.removedReason}（{s.removedByLogin ?? '—'}，{formatDateTime(s.removedAt)}）</span>
                  : <span><Tag color="default">第{s.droppedVersion}版起不再列入</Tag>重新汇总时已不符合列入条件</span>),
              },
              ...(editable ? [{
                title: '操作', key: 'act', width: 90,
                render: (_: unknown, s: MeetingSubjectView) => (s.removedAt && s.droppedVersion === null
                  ? <Button size="small" loading={restore.isPending && restore.variables?.id === s.id} onClick={() => restore.mutate(s)}>恢复</Button> : null),
              }] : []),
            ]}
          />
        </>
      )}
      <Collapse
        style={{ marginTop: 24 }}
        items={[{
          key: 'compiles', label: `汇总记录（${d.compiles.length}）`,
          children: (
            <Table
              rowKey="version" size="small" pagination={false} dataSource={d.compiles}
              columns={[
                { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第${v}版` },
                { title: '期间', key: 'p', width: 200, render: (_: unknown, c) => `${c.since} 至 ${c.until}` },
                { title: '议题', dataIndex: 'subjects', width: 70 },
                {
                  title: '变化', key: 'diff',
                  render: (_: unknown, c) => (c.version === 1 ? '首次汇总' : (
                    <Space orientation="vertical" size={2}>
                      {c.diff.added.length > 0 && <span><Tag color="green">新增 {c.added}</Tag>{c.diff.added.join('、')}</span>}
                      {c.diff.dropped.length > 0 && <span><Tag color="red">移出 {c.dropped}</Tag>{c.diff.dropped.join('、')}</span>}
                      {c.diff.changed.length > 0 && <span><Tag color="orange">变化 {c.changed}</Tag>{c.diff.changed.join('、')}</span>}
                      {c.added + c.dropped + c.changed === 0 && '无变化'}
                    </Space>
                  )),
                },
                { title: '汇总人', dataIndex: 'byLogin', width: 110, render: (v: string | null) => v ?? '—' },
                { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
              ]}
            />
          ),
        }]}
      />
      {removing && <RemoveModal meetingId={m.id} s={removing} onClose={() => setRemoving(null)} />}
    </>
  );
}

/** 移出议题: kept with the reason (shown apart, can be restored until the meeting is held). */
function RemoveModal({ meetingId, s, onClose }: { meetingId: string; s: MeetingSubjectView; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const remove = useMutation({
    mutationFn: (v: { reason: string }) => meetingsApi.removeSubject(meetingId, s.id, v.reason.trim()),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: meetingKeys.all });
      void message.success(`已移出议题：${subjectName(s)}`);
      onClose();
    },
  });
  return (
    <Modal open title={`移出议题 · ${subjectName(s)}`} okText="移出" okButtonProps={{ danger: true }} onOk={() => form.submit()} confirmLoading={remove.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{ledgerSummary(s.content)}。移出的议题连同理由保留，召开前可恢复。</Typography.Paragraph>
      {remove.error && <Alert type="error" showIcon title={errorMessage(remove.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => remove.mutate(v)}>
        <Form.Item name="reason" label="移出理由" rules={[{ required: true, whitespace: true, message: '请填写移出议题的理由' }, { max: 500, message: '理由不超过500字' }]}>
          <Input.TextArea id="remove-reason" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} placeholder="如：问题已在上次会议研判，无新情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
