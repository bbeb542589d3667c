/**
 * 问题清单: every problem of the check by Excel row and column, 100 a page (keyset by row: a page never
 * ends in the middle of a row, so no problem of a row is skipped by the next page).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ImportBatchView, SheetIssue } from '@jiandu/domain';
import { Alert, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { importsApi } from '../../api/endpoints';
import { Pager } from '../ledger/Pager';
import { columnName } from './labels';
import { importKeys } from '../../api/queries/imports';

const LIMIT = 100;

/** One more than a page is asked for, to know whether there is a next page. The issues of whole rows only, and the row to continue after. */
function wholeRows(items: SheetIssue[]): { shown: SheetIssue[]; next: number | null } {
  if (items.length <= LIMIT) return { shown: items, next: null };
  const cut = items[LIMIT]!.row;
  const shown = items.slice(0, LIMIT).filter((i) => i.row !== cut);
  // One row with more problems than a page (a very wide sheet): show a page of them, then go on after it.
  if (shown.length === 0) return { shown: items.slice(0, LIMIT), next: cut };
  return { shown, next: shown.at(-1)!.row };
}

export function IssuesTable({ batch }: { batch: ImportBatchView }) {
  const [after, setAfter] = useState<number[]>([0]);
  const afterRow = after.at(-1)!;
  const q = useQuery({
    queryKey: importKeys.issues(batch.id, afterRow),
    queryFn: () => importsApi.issues(batch.id, afterRow, LIMIT + 1),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const { shown, next } = wholeRows(q.data ?? []);

  return (
    <>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
      <Table<SheetIssue>
        size="small"
        rowKey={(i) => `${i.row}-${i.column}-${i.message}`}
        loading={q.isFetching}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: '没有发现问题' }}
        columns={[
          { title: '行', dataIndex: 'row', width: 96, render: (r: number) => <span style={{ whiteSpace: 'nowrap' }}>第 {r} 行</span> },
          { title: '列', dataIndex: 'column', width: 240, render: (h: string) => columnName(batch.mapping, h) },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">按行号排列，每页最多 {LIMIT} 条</Typography.Text>
        <Pager
          pageNumber={after.length}
          hasPrev={after.length > 1}
          nextCursor={next === null ? null : String(next)}
          busy={q.isFetching}
          onPrev={() => setAfter(after.slice(0, -1))}
          onNext={(c) => setAfter([...after, Number(c)])}
        />
      </Flex>
    </>
  );
}
