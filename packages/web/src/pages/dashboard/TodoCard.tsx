/** 我的待办: overdue / pending / due soon (each a link to the 待办 list) and the nearest items. */
import type { DashboardView, ObligationView } from '@jiandu/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { obligationsApi } from '../../api/endpoints';
import { formatDate } from '../../lib/format';
import { ObligationStateTag } from '../obligations/labels';
import { SubjectLink } from '../warnings/labels';
import { BigNumber } from './BigNumber';
import { drill } from './drill';
import { obligationKeys } from '../../api/queries/obligations';

interface Props {
  counts: DashboardView['obligations'];
  orgId: string | undefined;
  dueSoonDays: number;
  linkCadre: boolean;
}

const NEAREST = 8;

/** The overdue ones first, then the pending ones by due day. */
function useNearest(orgId: string | undefined) {
  return useQuery({
    queryKey: obligationKeys.nearest(orgId),
    queryFn: async () => {
      const [overdue, pending] = await Promise.all([
        obligationsApi.list({ orgId, state: 'overdue', limit: NEAREST }),
        obligationsApi.list({ orgId, state: 'pending', limit: NEAREST }),
      ]);
      const byDue = (a: ObligationView, b: ObligationView) => a.dueOn.localeCompare(b.dueOn);
      return [...overdue.items.sort(byDue), ...pending.items.sort(byDue)].slice(0, NEAREST);
    },
    placeholderData: keepPreviousData,
  });
}

export function TodoCard({ counts, orgId, dueSoonDays, linkCadre }: Props) {
  const nearest = useNearest(orgId);
  return (
    <Card title="待办" extra={<Link to={drill('/obligations', { orgId })}>全部待办</Link>} style={{ height: '100%' }}>
      <Row gutter={12}>
        <Col span={6}>
          <BigNumber testId="todo-overdue" label="已逾期" value={counts.overdue} color="#f5222d" unit="项" to={drill('/obligations', { state: 'overdue', orgId })} />
        </Col>
        <Col span={6}>
          <BigNumber testId="todo-pending" label="待办" value={counts.pending} unit="项" to={drill('/obligations', { state: 'pending', orgId })} />
        </Col>
        <Col span={6}>
          <BigNumber
            testId="todo-due-soon"
            label={`${dueSoonDays}天内到期`}
            value={counts.dueSoon}
            color="#fa8c16"
            unit="项"
            to={drill('/obligations', { dueWithinDays: dueSoonDays, orgId })}
          />
        </Col>
        <Col span={6}>
          <BigNumber testId="todo-mine" label="由我负责" value={counts.mine ?? 0} color="#1677ff" unit="项" to="/obligations?mine=true" />
        </Col>
      </Row>
      <List<ObligationView>
        size="small"
        style={{ marginTop: 12 }}
        loading={nearest.isPending}
        dataSource={nearest.data ?? []}
        locale={{ emptyText: '没有未完成的待办' }}
        renderItem={(o) => (
          <List.Item key={o.id} extra={<ObligationStateTag state={o.state} />}>
            <Space size={6} style={{ minWidth: 0, overflow: 'hidden' }}>
              <Typography.Text type={o.state === 'overdue' ? 'danger' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>{formatDate(o.dueOn)}</Typography.Text>
              <span style={{ whiteSpace: 'nowrap' }}><SubjectLink row={o} linkCadre={linkCadre} /></span>
              <Typography.Text ellipsis={{ tooltip: o.title }} style={{ maxWidth: 260 }}>{o.typeName}：{o.title}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
