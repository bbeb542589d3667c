/**
 * The top of a cadre's profile (issue 12 §4): 使用资格 with the day it may change, the open red/yellow warnings
 * (each a link to the warnings list filtered to the cadre), an impact period running, the open 待办 — before
 * any scrolling, from one small request (GET /api/cadres/:id/summary).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { summaryApi } from '../../api/endpoints';
import { warningKeys } from '../../api/queries/warnings';
import { formatDate } from '../../lib/format';
import { ResultTag } from '../warnings/EligibilityPanel';
import { COLOUR_HEX } from '../warnings/labels';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 120 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>{label}</Typography.Text>
      {children}
    </div>
  );
}

export function CadreVerdictBar({ cadreId }: { cadreId: string }) {
  const q = useQuery({ queryKey: warningKeys.cadreSummary(cadreId), queryFn: () => summaryApi.cadre(cadreId) });
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 16 }} />;
  const s = q.data;
  if (s && !s.eligibility && !s.warnings && !s.obligations && !s.impact) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="cadre-verdict">
      {!s ? <Skeleton active paragraph={{ rows: 1 }} title={false} /> : (
        <Flex gap={32} wrap align="flex-start">
          {s.eligibility && (
            <Item label="使用资格（凡提必查）">
              <Space size={8} align="center" wrap>
                <ResultTag result={s.eligibility.result} large />
                {s.eligibility.result !== '可以使用' && (
                  <Typography.Text type="secondary">
                    {s.eligibility.until ? `至 ${formatDate(s.eligibility.until)}` : '期限待定'}
                    {s.eligibility.rules.length > 0 && ` · ${s.eligibility.rules.join('、')}`}
                  </Typography.Text>
                )}
              </Space>
            </Item>
          )}
          {s.warnings && (
            <Item label="未处置预警">
              <Space size={16}>
                <Link to={`/warnings?cadreId=${cadreId}&colour=red`} data-testid="verdict-red">
                  <Statistic value={s.warnings.red} suffix="红" styles={{ content: { color: s.warnings.red ? COLOUR_HEX.red : undefined, fontSize: 20 } }} />
                </Link>
                <Link to={`/warnings?cadreId=${cadreId}&colour=yellow`} data-testid="verdict-yellow">
                  <Statistic value={s.warnings.yellow} suffix="黄" styles={{ content: { color: s.warnings.yellow ? COLOUR_HEX.yellow : undefined, fontSize: 20 } }} />
                </Link>
              </Space>
            </Item>
          )}
          <Item label="影响期">
            {s.impact
              ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{s.impact.rule === '诫勉影响期内' ? '诫勉影响期' : '处分影响期'}至 {formatDate(s.impact.until)}</Tag>
              : <Typography.Text type="secondary">无</Typography.Text>}
          </Item>
          {s.obligations && (
            <Item label="未完成待办">
              <Link to={`/obligations?cadreId=${cadreId}`}>
                {s.obligations.open} 项{s.obligations.overdue > 0 && <Typography.Text type="danger">（逾期 {s.obligations.overdue}）</Typography.Text>}
              </Link>
            </Item>
          )}
        </Flex>
      )}
    </Card>
  );
}
