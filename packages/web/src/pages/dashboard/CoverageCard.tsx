/** 年度覆盖率: training, research, talks — done / total and %; each opens the year's obligations of that type. */
import type { DashboardView } from '@jiandu/domain';
import { Card, Flex, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import styles from './dashboard.module.css';
import { drill } from './drill';

interface Props {
  coverage: DashboardView['coverage'];
  year: number;
  orgId: string | undefined;
}

const ROWS = [
  { key: 'training', type: 'training', label: '一把手年度系统培训', hint: '当年完成系统培训的一把手' },
  { key: 'research', type: 'research', label: '年度调研全覆盖', hint: '当年已调研的领导班子' },
  { key: 'talks', type: 'talk', label: '谈心谈话', hint: '当年到期的谈话中已完成的' },
] as const;

export function CoverageCard({ coverage, year, orgId }: Props) {
  return (
    <Card title={`${year}年度覆盖率`} style={{ height: '100%' }}>
      {ROWS.map((r) => {
        const c = coverage[r.key];
        const pct = c.total > 0 ? Math.round((c.done / c.total) * 1000) / 10 : null;
        return (
          <Link key={r.key} to={drill('/obligations', { type: r.type, year, orgId })} className={styles.coverage} data-testid={`coverage-${r.type}`} title={`查看${year}年${r.label}待办`}>
            <Flex justify="space-between" align="baseline">
              <Typography.Text strong>{r.label}</Typography.Text>
              <Typography.Text type="secondary">
                {c.done} / {c.total}{pct === null ? '（无应办事项）' : ''}
              </Typography.Text>
            </Flex>
            <Progress
              percent={pct ?? 0}
              format={() => (pct === null ? '—' : `${pct}%`)}
              status={pct !== null && pct >= 100 ? 'success' : 'normal'}
              strokeColor={pct !== null && pct < 60 ? '#fa8c16' : undefined}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.hint}</Typography.Text>
          </Link>
        );
      })}
    </Card>
  );
}
