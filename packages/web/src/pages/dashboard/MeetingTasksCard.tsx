/**
 * 联席会议 on the 工作台: the 督办事项 not yet 销号 by responsible department (open / overdue, each a link to the
 * 督办事项 list so filtered) and the half-yearly cadence (the next meeting due, those missed, those in 筹备).
 */
import type { DashboardView } from '@jiandu/domain';
import { Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { drill } from './drill';

type Tasks = NonNullable<DashboardView['meetingTasks']>;
type Cadence = DashboardView['meetingCadence'];

export function MeetingTasksCard({ tasks, cadence }: { tasks: Tasks | undefined; cadence: Cadence }) {
  const rows = [...(tasks ?? [])].sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  const total = rows.reduce((s, r) => ({ open: s.open + r.open, overdue: s.overdue + r.overdue }), { open: 0, overdue: 0 });
  return (
    <Card title="联席会议督办事项" extra={<Link to="/meeting-tasks">全部督办事项</Link>} style={{ height: '100%' }} data-testid="dashboard-meeting-tasks">
      <Row gutter={16}>
        {cadence && (
          <Col xs={24} md={8}>
            <Space orientation="vertical" size={12}>
              <Statistic title="下次联席会议应召开" value={cadence.nextDueOn ? formatDate(cadence.nextDueOn) : '—'} styles={{ content: { fontSize: 20 } }} />
              <Space size={24}>
                <Link to="/obligations?type=joint_meeting&state=overdue&mine=false" data-testid="cadence-missed">
                  <Statistic title="未按期召开" value={cadence.overdue} suffix="次" styles={{ content: { color: cadence.overdue ? '#f5222d' : undefined, fontSize: 20 } }} />
                </Link>
                <Link to="/meetings?status=planned" data-testid="cadence-planned">
                  <Statistic title="筹备中" value={cadence.planned} suffix="次" styles={{ content: { fontSize: 20 } }} />
                </Link>
              </Space>
            </Space>
          </Col>
        )}
        <Col xs={24} md={cadence ? 16 : 24}>
          {tasks && rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未销号的督办事项" /> : (
            <Table
              data-testid="dashboard-tasks-by-department"
              rowKey="departmentCode" size="small" pagination={false} dataSource={rows}
              summary={() => rows.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><Typography.Text strong>合计</Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right"><Link to="/meeting-tasks">{total.open}</Link></Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right"><Link to="/meeting-tasks?overdue=true"><Typography.Text type={total.overdue ? 'danger' : undefined}>{total.overdue}</Typography.Text></Link></Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null}
              columns={[
                { title: '责任单位', dataIndex: 'departmentName' },
                {
                  title: '未销号', dataIndex: 'open', width: 100, align: 'right',
                  render: (v: number, r) => <Link to={drill('/meeting-tasks', { departmentCode: r.departmentCode })} data-testid={`tasks-open-${r.departmentCode}`}>{v}</Link>,
                },
                {
                  title: '已逾期', dataIndex: 'overdue', width: 100, align: 'right',
                  render: (v: number, r) => (
                    <Link to={drill('/meeting-tasks', { departmentCode: r.departmentCode, overdue: 'true' })} data-testid={`tasks-overdue-${r.departmentCode}`}>
                      <Typography.Text type={v ? 'danger' : undefined} strong={v > 0}>{v}</Typography.Text>
                    </Link>
                  ),
                },
              ]}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
