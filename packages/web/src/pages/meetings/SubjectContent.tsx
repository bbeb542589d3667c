/** What was known of a subject when the agenda was compiled: its entries, warnings, team problems and proposals. */
import type { MeetingSubjectContent } from '@jiandu/domain';
import { Descriptions, List, Space, Tag, Typography } from 'antd';
import { formatDate } from '../../lib/format';

export function WarningTags({ content }: { content: MeetingSubjectContent }) {
  if (!content.warnings.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {content.warnings.map((w) => <Tag key={w.id} color={w.colour === 'red' ? 'red' : 'gold'} title={w.explanation} style={{ marginInlineEnd: 0 }}>{w.ruleName}</Tag>)}
    </Space>
  );
}

/** One line: 台账 n 条（最近 …），预警 …. */
export function ledgerSummary(c: MeetingSubjectContent): string {
  const kinds = new Map<string, number>();
  for (const e of c.entries) kinds.set(e.kindName, (kinds.get(e.kindName) ?? 0) + 1);
  const parts = [...kinds].map(([k, n]) => `${k}${n > 1 ? ` ${n}` : ''}`);
  return c.entries.length ? `台账 ${c.entries.length} 条：${parts.join('、')}` : '期间无新增台账';
}

export function SubjectContentView({ content }: { content: MeetingSubjectContent }) {
  return (
    <Descriptions
      size="small" column={1} bordered
      items={[
        {
          key: 'entries', label: `台账记录（${content.entries.length}）`,
          children: content.entries.length ? (
            <List size="small" split={false} dataSource={content.entries} renderItem={(e) => (
              <List.Item key={e.id} style={{ padding: '2px 0' }}>
                <Space size={8} align="start">
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date) || '—'}</Typography.Text>
                  <Tag style={{ marginInlineEnd: 0 }}>{e.kindName}</Tag>
                  <span>{e.summary}</span>
                </Space>
              </List.Item>
            )} />
          ) : '—',
        },
        {
          key: 'warnings', label: `红黄预警（${content.warnings.length}）`,
          children: content.warnings.length ? content.warnings.map((w) => (
            <div key={w.id}><Tag color={w.colour === 'red' ? 'red' : 'gold'}>{w.ruleName}</Tag>{w.explanation}</div>
          )) : '—',
        },
        ...(content.teamProblems.length ? [{ key: 'team', label: '班子存在问题', children: content.teamProblems.map((p) => <div key={p}>{p}</div>) }] : []),
        ...(content.proposals.length ? [{
          key: 'proposals', label: '成员单位提请',
          children: content.proposals.map((p) => <div key={p.id}><Tag color="purple">{p.departmentName ?? '组织部'}</Tag>{p.reason}</div>),
        }] : []),
      ]}
    />
  );
}
