/**
 * 干部名册, after the check: the cadres each row will create or update (GET /api/imports/:id/changes),
 * 50 a page by Excel row, a row expanding into its field-by-field difference. Unchanged rows are only
 * counted (the batch's duplicates). The counts of the check are kept for the report after the commit,
 * when the server has cleared the staged rows.
 */
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { PLACEMENT_HOW_NAMES, type ImportBatchView, type RosterChange } from '@jiandu/domain';
import { Alert, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { importsApi } from '../../api/endpoints';
import { CadreDiffTable } from '../../components/CadreDiffTable';
import { MatchText, OutcomeTag } from '../../components/CadreImportTags';
import { Pager } from '../ledger/Pager';
import { count } from './labels';
import { importKeys } from '../../api/queries/imports';

const LIMIT = 50;
export type RosterCounts = { create: number; update: number };

/** The rows of a page (one more is asked for, to know whether there is a next page). */
function useChanges(batch: ImportBatchView, afterRow: number) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: importKeys.changes(batch.id, afterRow),
    queryFn: async () => {
      const r = await importsApi.changes(batch.id, afterRow, LIMIT + 1);
      qc.setQueryDefaults(importKeys.rosterCounts(batch.id), { gcTime: Infinity, staleTime: Infinity });
      qc.setQueryData(importKeys.rosterCounts(batch.id), r.counts);
      return r;
    },
    enabled: batch.status === 'checked' || batch.status === 'interrupted',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

/** 将新建 / 将更新 of the check (null until read, and after a reload of a finished import). */
export function useRosterCounts(batch: ImportBatchView): RosterCounts | null {
  const q = useChanges(batch, 0);
  return q.data?.counts ?? null;
}

/** The counts the check said, if this session saw them (the commit report splits 新建 / 更新 with them). */
export function rosterCountsOf(qc: QueryClient, id: string): RosterCounts | null {
  return qc.getQueryData<RosterCounts>(importKeys.rosterCounts(id)) ?? null;
}

/** A new check replaces the rows of the last one. */
export function dropRosterChanges(qc: QueryClient, id: string): void {
  qc.removeQueries({ queryKey: importKeys.changesOf(id) });
}

function Details({ c }: { c: RosterChange }) {
  return (
    <Flex vertical gap={8} style={{ padding: '4px 0' }}>
      {c.warnings.length > 0 && (
        <Alert type="warning" showIcon title="请核对" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{c.warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
      )}
      <CadreDiffTable diff={c.diff} create={c.status === 'create'} />
    </Flex>
  );
}

export function RosterChanges({ batch }: { batch: ImportBatchView }) {
  const [after, setAfter] = useState<number[]>([0]);
  const q = useChanges(batch, after.at(-1)!);
  const items = q.data?.items ?? [];
  const shown = items.slice(0, LIMIT);
  const next = items.length > LIMIT ? shown.at(-1)!.row : null;
  const counts = q.data?.counts;
  const title = counts ? `将新建 ${count(counts.create)} 人、更新 ${count(counts.update)} 人` : '将新建和更新的干部';

  return (
    <Card size="small" title={title}
      extra={<Typography.Text type="secondary">无变化的 {count(batch.duplicates)} 行不列出；点击一行查看逐项差异</Typography.Text>}>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
      <Table<RosterChange>
        size="small"
        rowKey="row"
        className="clickable-rows"
        loading={q.isFetching}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: '没有需要新建或更新的干部' }}
        expandable={{ expandedRowRender: (c) => <Details c={c} />, expandRowByClick: true }}
        columns={[
          { title: '行', dataIndex: 'row', width: 90, render: (r: number) => <span style={{ whiteSpace: 'nowrap' }}>第 {r} 行</span> },
          {
            title: '姓名', key: 'name', width: 120,
            render: (_: unknown, c) => (c.cadre.id ? <Link to={`/cadres/${c.cadre.id}`} onClick={(e) => e.stopPropagation()}>{c.cadre.name}</Link> : c.cadre.name),
          },
          { title: '匹配方式', key: 'match', width: 130, render: (_: unknown, c) => <MatchText match={c.match} outcome={c.status} /> },
          { title: '结果', dataIndex: 'status', width: 90, render: (s: RosterChange['status']) => <OutcomeTag outcome={s} /> },
          {
            title: '所在单位（依据）', key: 'org', width: 200,
            render: (_: unknown, c) => (c.status === 'create' && c.orgName
              ? <span>{c.orgName}{c.orgHow && <Typography.Text type="secondary">（{PLACEMENT_HOW_NAMES[c.orgHow]}）</Typography.Text>}</span>
              : <Typography.Text type="secondary">不变</Typography.Text>),
          },
          ...(batch.options?.tenures ? [{
            title: '建立任职', key: 'tenure', width: 200,
            render: (_: unknown, c: RosterChange) => (c.tenure
              ? <Typography.Text title={`开始日期 ${c.tenure.startDate}（${c.tenure.startFrom === 'column' ? '任现职时间' : '导入当天'}）`}>
                {c.tenure.title}{c.tenure.isPrincipal && <Tag color="gold" variant="outlined" style={{ marginInlineStart: 6 }}>一把手</Tag>}
              </Typography.Text>
              : <Typography.Text type="secondary">—</Typography.Text>),
          }] : []),
          {
            title: '内容', key: 'what', ellipsis: true,
            render: (_: unknown, c) => (c.status === 'create'
              ? <Typography.Text type="secondary">新干部，{c.diff.length} 个栏目</Typography.Text>
              : <Typography.Text type="secondary">{c.diff.length > 0 ? c.diff.map((d) => d.label).join('、') : '信息无变化，只建立任职'}</Typography.Text>),
          },
          {
            title: '提示', key: 'warnings', width: 90,
            render: (_: unknown, c) => (c.warnings.length > 0 ? <Tag color="orange" variant="outlined">请核对 {c.warnings.length}</Tag> : null),
          },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">按行号排列，每页最多 {LIMIT} 行</Typography.Text>
        <Pager pageNumber={after.length} hasPrev={after.length > 1} nextCursor={next === null ? null : String(next)} busy={q.isFetching}
          onPrev={() => setAfter(after.slice(0, -1))} onNext={(c) => setAfter([...after, Number(c)])} />
      </Flex>
    </Card>
  );
}
