/** One 督办事项 (/meeting-tasks/:id, where a notification leads): what was decided, its history and files, its actions. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingTasksApi } from '../../api/endpoints';
import { meetingTaskKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../lib/format';
import { subjectName, TaskStatusTag } from '../meetings/labels';
import { TaskEvents, useMeetingTaskActions } from './MeetingTaskActions';

export default function MeetingTaskPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const detail = useQuery({ queryKey: meetingTaskKeys.detail(id), queryFn: () => meetingTasksApi.get(id) });
  const actions = useMeetingTaskActions();
  if (detail.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon title={errorMessage(detail.error)} action={<Link to="/meeting-tasks">返回督办事项</Link>} />;
  const t = detail.data.task;
  return (
    <>
      <PageTitle
        title={<Space><Link to="/meeting-tasks" aria-label="返回督办事项"><ArrowLeftOutlined /></Link>督办事项 · {subjectName(t)}<TaskStatusTag status={t.status} overdue={t.overdue} /></Space>}
        extra={actions.menu(t)}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 's', label: '对象', children: `${subjectName(t)}（${t.orgName}）` },
          { key: 'c', label: '研判结论', children: t.conclusionName },
          { key: 'd', label: '责任单位', children: t.departmentName },
          { key: 'l', label: '办理期限', children: <span style={t.overdue ? { color: '#f5222d', fontWeight: 600 } : undefined}>{formatDate(t.deadline)}{t.overdue ? '（已逾期）' : ''}</span> },
          { key: 'm', label: '会议', children: me.can('meeting:read') ? <Link to={`/meetings/${t.meetingId}?tab=tasks`}>{t.meetingTitle}</Link> : t.meetingTitle },
          { key: 'a', label: '反馈 / 销号', children: t.closedOn ? `${formatDate(t.closedOn)} 销号` : t.answeredOn ? `${formatDate(t.answeredOn)} 反馈` : '—' },
          ...(t.note ? [{ key: 'n', label: '说明', children: t.note }] : []),
        ]} />
      </Card>
      <Card title="办理记录">
        <TaskEvents id={t.id} events={detail.data.events} loading={detail.isFetching} />
      </Card>
      {actions.modals}
    </>
  );
}
