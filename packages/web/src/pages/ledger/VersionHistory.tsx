/** 版本历史: every version newest first — action, who, when, reason, and what changed vs the version before. */
import { PROVENANCE_NAMES, type EntryVersionView } from '@jiandu/domain';
import { Space, Table, Tag, Timeline, Typography } from 'antd';
import type { EntryReview } from '../../api/endpoints';
import type { FieldSpec } from '../../components/entry-form/schema';
import { formatDateTime } from '../../lib/format';
import { diffVersions, type FieldChange } from './entry-diff';
import { ACTION_NAMES, DECISION_NAMES } from './labels';

const ACTION_COLORS: Record<string, string> = { create: 'blue', correct: 'orange', withdraw: 'gray' };

function Changes({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <Typography.Text type="secondary">内容未变化</Typography.Text>;
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      style={{ marginTop: 6 }}
      columns={[
        { title: '字段', dataIndex: 'field', width: 110 },
        { title: '更正前', dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary">{v}</Typography.Text> },
        { title: '更正后', dataIndex: 'after', render: (v: string) => <Typography.Text type="success">{v}</Typography.Text> },
      ]}
    />
  );
}

export function VersionHistory({ versions, fields }: { versions: EntryVersionView[]; fields: FieldSpec[] }) {
  return (
    <Timeline
      items={versions.map((v, i) => {
        const prev = versions[i + 1];
        return {
          key: v.versionId,
          color: ACTION_COLORS[v.action] ?? 'blue',
          content: (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space size={8} wrap>
                <Typography.Text strong>第{v.version}版</Typography.Text>
                <Tag color={ACTION_COLORS[v.action] === 'gray' ? 'default' : ACTION_COLORS[v.action]}>{ACTION_NAMES[v.action] ?? v.action}</Tag>
                <Typography.Text type="secondary">{v.createdBy ?? '—'} · {formatDateTime(v.createdAt)}</Typography.Text>
                {v.action === 'create' && <Typography.Text type="secondary">（{PROVENANCE_NAMES[v.provenance]}）</Typography.Text>}
              </Space>
              {v.reason && <Typography.Text>原因：{v.reason}</Typography.Text>}
              {v.action === 'correct' && prev && <Changes changes={diffVersions(prev, v, fields)} />}
            </Space>
          ),
        };
      })}
    />
  );
}

export function ReviewHistory({ reviews }: { reviews: EntryReview[] }) {
  if (reviews.length === 0) return <Typography.Text type="secondary">暂无审核记录</Typography.Text>;
  return (
    <Timeline
      items={[...reviews].reverse().map((r, i) => ({
        key: `${r.at}-${i}`,
        color: r.decision === 'accepted' ? 'green' : 'orange',
        content: (
          <Space orientation="vertical" size={2}>
            <Space size={8} wrap>
              <Tag color={r.decision === 'accepted' ? 'success' : 'warning'}>{DECISION_NAMES[r.decision] ?? r.decision}</Tag>
              <Typography.Text type="secondary">第{r.version}版 · {r.by ?? '—'} · {formatDateTime(r.at)}</Typography.Text>
            </Space>
            {r.reason && <Typography.Text>原因：{r.reason}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}
