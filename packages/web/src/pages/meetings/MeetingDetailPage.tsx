/**
 * A joint meeting (/meetings/:id): its life as steps (筹备 → 已召开 → 纪要已定稿 → 已闭环), the actions its status
 * and the user's permissions allow (重新汇总议题, 召开会议, 签批纪要, 文书), and tabs: 议题, 会商研判, 出席, 督办事项.
 */
import { ArrowLeftOutlined, DownOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { MEETING_STATUS, type MeetingDetail } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Dropdown, Form, Input, Modal, Space, Spin, Steps, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingsApi, type MeetingDoc } from '../../api/endpoints';
import { dashboardKeys } from '../../api/queries/dashboard';
import { meetingKeys, meetingTaskKeys } from '../../api/queries/meetings';
import { obligationKeys } from '../../api/queries/obligations';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import { MeetingTaskList } from '../meeting-tasks/MeetingTaskList';
import { AttendanceTab } from './AttendanceTab';
import { ConclusionGrid } from './ConclusionGrid';
import { halfOf, MeetingStatusTag, useDepartments } from './labels';
import { SubjectsTab } from './SubjectsTab';

type Tab = 'subjects' | 'judge' | 'attendance' | 'tasks';
const TABS: Tab[] = ['subjects', 'judge', 'attendance', 'tasks'];

export default function MeetingDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as Tab | null;
  const detail = useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => meetingsApi.get(id) });
  const d = detail.data;
  const defaultTab: Tab = d && d.meeting.status !== 'planned' ? 'judge' : 'subjects';
  const tab = tabParam && TABS.includes(tabParam) ? tabParam : defaultTab;

  if (detail.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (detail.error || !d) return <Alert type="error" showIcon title={errorMessage(detail.error)} action={<Link to="/meetings">返回列表</Link>} />;
  const m = d.meeting;
  const step = MEETING_STATUS.indexOf(m.status);

  return (
    <>
      <PageTitle
        title={<Space><Link to="/meetings" aria-label="返回联席会议列表"><ArrowLeftOutlined /></Link>{m.title}<MeetingStatusTag status={m.status} /></Space>}
        extra={<MeetingActions d={d} />}
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          data-testid="meeting-steps"
          current={m.status === 'closed' ? 4 : step}
          size="small"
          items={[
            { title: '筹备', description: `议题第 ${m.agendaVersion} 版` },
            { title: '已召开', description: m.status === 'planned' ? `拟于 ${formatDate(m.heldOn)}` : formatDate(m.heldOn) },
            { title: '纪要已定稿', description: m.approvedAt ? `${m.approvedByLogin ?? ''} 签批 ${formatDate(m.approvedAt)}` : '领导签批后定稿' },
            { title: '已闭环', description: m.tasks ? `督办 ${m.tasks - m.tasksOpen}/${m.tasks} 已销号` : '督办事项全部销号' },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={[
          { key: 'c', label: '召集单位', children: m.convenerName },
          { key: 'd', label: '会议日期', children: formatDate(m.heldOn) },
          { key: 'l', label: '地点', children: m.location ?? '—' },
          { key: 'p', label: '议题期间', children: m.since ? `${formatDate(m.since)} 至 ${formatDate(m.until) || '会议日'}` : '—' },
          { key: 'x', label: '提请截止', children: m.proposalCutoff ? formatDate(m.proposalCutoff) : '—' },
          { key: 's', label: '议题', children: `${m.subjects} 项` },
          { key: 't', label: '督办事项', children: m.tasks ? <span>{m.tasks} 项，未销号 {m.tasksOpen}，<Typography.Text type={m.tasksOverdue ? 'danger' : undefined}>逾期 {m.tasksOverdue}</Typography.Text></span> : '—' },
          { key: 'b', label: '创建', children: `${m.createdByLogin ?? '—'} ${formatDateTime(m.createdAt)}` },
        ]} />
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === defaultTab ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'subjects', label: `议题（${m.subjects}）` },
            { key: 'judge', label: '会商研判' },
            { key: 'attendance', label: '出席' },
            { key: 'tasks', label: `督办事项（${m.tasks}）` },
          ]}
        />
        {tab === 'subjects' && <SubjectsTab d={d} />}
        {tab === 'judge' && <ConclusionGrid d={d} />}
        {tab === 'attendance' && <AttendanceTab d={d} />}
        {tab === 'tasks' && <MeetingTaskList filters={{ meetingId: m.id }} showMeeting={false} emptyText="本次会议还没有督办事项（会商研判中需要办理的结论会生成督办事项）" />}
      </Card>
    </>
  );
}

/** What the meeting's status and the user's rights allow. */
function MeetingActions({ d }: { d: MeetingDetail }) {
  const me = useCurrentUser();
  const m = d.meeting;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const depts = useDepartments();
  const [open, setOpen] = useState<'hold' | 'approve' | null>(null);
  const refresh = () => Promise.all([meetingKeys.all, meetingTaskKeys.all, obligationKeys.all, dashboardKeys.all].map((queryKey) => qc.invalidateQueries({ queryKey })));
  const compile = useMutation({
    mutationFn: () => meetingsApi.compile(m.id),
    onSuccess: async (c) => {
      await refresh();
      void message.success(`已重新汇总（第 ${c.version} 版）：${c.subjects} 项议题，新增 ${c.added}，移出 ${c.dropped}，变化 ${c.changed}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const write = me.can('meeting:write');
  const taskDepts = [...new Set(d.members.filter((x) => x.active).map((x) => x.departmentCode))];
  const docs: Array<{ key: string; label: string; doc: MeetingDoc; dept?: string }> = [
    { key: 'notice', label: '会议通知', doc: 'notice' },
    { key: 'briefing', label: '研判材料', doc: 'briefing' },
    ...(m.status !== 'planned' ? [{ key: 'minutes', label: m.status === 'held' ? '会议纪要（待签批稿）' : '会议纪要', doc: 'minutes' as const }] : []),
    ...(m.tasks > 0 ? taskDepts.map((code) => ({ key: `task-${code}`, label: `督办通知单 · ${depts.name(code)}`, doc: 'task-notice' as const, dept: code })) : []),
  ];
  return (
    <Space wrap>
      {write && m.status === 'planned' && (
        <Button icon={<ReloadOutlined />} loading={compile.isPending} onClick={() => compile.mutate()} data-testid="meeting-compile">重新汇总议题</Button>
      )}
      {write && m.status === 'planned' && <Button type="primary" onClick={() => setOpen('hold')} data-testid="meeting-hold">召开会议</Button>}
      {me.can('meeting:approve') && m.status === 'held' && <Button type="primary" onClick={() => setOpen('approve')} data-testid="meeting-approve">签批纪要</Button>}
      <Dropdown
        trigger={['click']}
        menu={{
          items: docs.map((x) => ({
            key: x.key,
            label: <a href={meetingsApi.docUrl(m.id, x.doc, x.dept)} download data-testid={`doc-${x.key}`}>{x.label}</a>,
          })).concat([{
            key: 'report',
            label: <a href={meetingsApi.reportUrl(m.convenerId, halfOf(m.heldOn))} download data-testid="doc-report">{`半年工作通报（${m.heldOn.slice(0, 4)}年${halfOf(m.heldOn).endsWith('H1') ? '上' : '下'}半年）`}</a>,
          }]),
        }}
      >
        <Button icon={<FileWordOutlined />} data-testid="meeting-docs">文书 <DownOutlined /></Button>
      </Dropdown>
      {open === 'hold' && <HoldModal d={d} onClose={() => setOpen(null)} onDone={refresh} />}
      {open === 'approve' && <ApproveModal d={d} onClose={() => setOpen(null)} onDone={refresh} />}
    </Space>
  );
}

function HoldModal({ d, onClose, onDone }: { d: MeetingDetail; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ heldOn: Dayjs }>();
  const hold = useMutation({
    mutationFn: (v: { heldOn: Dayjs }) => meetingsApi.hold(d.meeting.id, v.heldOn.format('YYYY-MM-DD')),
    onSuccess: async () => {
      await onDone();
      void message.success('会议已召开，可在“会商研判”中逐项记录研判结论');
      onClose();
    },
  });
  return (
    <Modal open title="召开会议" okText="确认召开" onOk={() => form.submit()} confirmLoading={hold.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        召开后议题即固定（第 {d.meeting.agendaVersion} 版，{d.meeting.subjects} 项），不能再重新汇总或移出；之后逐项记录研判结论。
      </Typography.Paragraph>
      {hold.error && <Alert type="error" showIcon title={errorMessage(hold.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ heldOn: dayjs(d.meeting.heldOn) }} onFinish={(v) => hold.mutate(v)}>
        <Form.Item name="heldOn" label="召开日期" rules={[{ required: true, message: '请选择召开日期' }]}>
          <DatePicker id="holdOn" style={{ width: '100%' }} disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ApproveModal({ d, onClose, onDone }: { d: MeetingDetail; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const approve = useMutation({
    mutationFn: (v: { note?: string }) => meetingsApi.approve(d.meeting.id, { note: v.note?.trim() || undefined }),
    onSuccess: async () => {
      await onDone();
      void message.success('已签批，会议纪要定稿');
      onClose();
    },
  });
  return (
    <Modal open title="签批会议纪要" okText="签批定稿" onOk={() => form.submit()} confirmLoading={approve.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        请先在“文书”中下载会议纪要审阅。签批后纪要定稿，研判结论不能再修改；签批记入审计日志。
      </Typography.Paragraph>
      {approve.error && <Alert type="error" showIcon title={errorMessage(approve.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => approve.mutate(v)}>
        <Form.Item name="note" label="签批意见" rules={[{ max: 500, message: '签批意见不超过500字' }]}>
          <Input.TextArea id="approve-note" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} placeholder="如：同意。请各成员单位按期办理督办事项。" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
