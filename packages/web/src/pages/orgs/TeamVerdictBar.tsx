/**
 * The top of a unit's page (issue 12 §4): its 领导班子 at a glance — the 一把手, open warnings by colour (links to
 * the warnings list filtered to the team), this year's research (调研) and the open 待办 — and 打印.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Flex, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { orgsApi, summaryApi } from '../../api/endpoints';
import { orgKeys } from '../../api/queries/orgs';
import { warningKeys } from '../../api/queries/warnings';
import { useCurrentUser } from '../../app/auth';
import { PrintButton, settled } from '../../components/print/PrintButton';
import { formatDate } from '../../lib/format';
import { COLOUR_HEX, COLOUR_ORDER, COLOUR_SHORT } from '../warnings/labels';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 100 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>{label}</Typography.Text>
      {children}
    </div>
  );
}

const RESEARCH: Record<'pending' | 'done' | 'overdue', { text: string; color: string }> = {
  done: { text: '已完成', color: 'green' }, pending: { text: '待完成', color: 'blue' }, overdue: { text: '已逾期', color: 'red' },
};

export function TeamVerdictBar({ orgId }: { orgId: string }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const team = useQuery({ queryKey: orgKeys.team(orgId), queryFn: () => orgsApi.team(orgId) });
  const t = team.data?.team;
  const wanted = !!t && !t.managedAbove && (me.can('warning:read') || me.can('obligation:read'));
  const summary = useQuery({ queryKey: warningKeys.teamSummary(t?.id ?? ''), queryFn: () => summaryApi.team(t!.id), enabled: wanted });
  if (!t) return null;
  const principal = t.members.find((m) => m.isPrincipal);
  const s = summary.data;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="team-verdict">
      <Flex gap={16} align="flex-start" justify="space-between">
        <Flex gap={24} wrap align="flex-start" style={{ flex: 1, minWidth: 0 }}>
          <Item label="领导班子">
            <Typography.Text strong>{t.name}</Typography.Text>
          </Item>
          <Item label="一把手">
            {principal
              ? <Space size={6}>{principal.cadreId && me.can('cadre:read') && !principal.managedAbove ? <Link to={`/cadres/${principal.cadreId}`}>{principal.name}</Link> : principal.name}<Typography.Text type="secondary">{principal.title ?? ''}</Typography.Text></Space>
              : <Typography.Text type="warning">空缺</Typography.Text>}
          </Item>
          {wanted && !s && <Skeleton active paragraph={{ rows: 1 }} title={false} style={{ width: 240 }} />}
          {s?.warnings && (
            <Item label="未处置预警">
              <Space size={16}>
                {COLOUR_ORDER.map((c) => (
                  <Link key={c} to={`/warnings?teamId=${t.id}&colour=${c}`} data-testid={`team-verdict-${c}`}>
                    <Statistic value={s.warnings![c]} suffix={COLOUR_SHORT[c]} styles={{ content: { color: s.warnings![c] ? COLOUR_HEX[c] : undefined, fontSize: 20 } }} />
                  </Link>
                ))}
              </Space>
            </Item>
          )}
          {s?.obligations && (
            <Item label={`${s.asOf.slice(0, 4)}年度调研`}>
              {s.research
                ? <Link to={`/obligations?teamId=${t.id}&type=research`}><Tag color={RESEARCH[s.research.state].color} style={{ marginInlineEnd: 0 }}>{RESEARCH[s.research.state].text}</Tag>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>{s.research.doneOn ? `${formatDate(s.research.doneOn)}完成` : `${formatDate(s.research.dueOn)}前`}</Typography.Text></Link>
                : <Typography.Text type="secondary">本年度无调研任务</Typography.Text>}
            </Item>
          )}
          {s?.obligations && (
            <Item label="未完成待办">
              <Link to={`/obligations?teamId=${t.id}`}>
                {s.obligations.open} 项{s.obligations.overdue > 0 && <Typography.Text type="danger">（逾期 {s.obligations.overdue}）</Typography.Text>}
              </Link>
            </Item>
          )}
        </Flex>
        <PrintButton record={{ page: 'team', objectId: t.id }} prepare={() => settled(qc)} />
      </Flex>
    </Card>
  );
}
