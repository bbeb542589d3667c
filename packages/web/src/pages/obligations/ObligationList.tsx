/** A list of obligations (待办) for some filters — the 待办 page, a cadre's profile, a team — 加载更多 by keyset, and the export. */
import type { ObligationView } from '@jiandu/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { countsApi, obligationsApi, type ObligationListParams } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ExportButton } from '../../components/ExportButton';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { sortable, sortFromTable } from '../../components/table-sort';
import { formatDate } from '../../lib/format';
import { EntryDrawer } from '../ledger/EntryDrawer';
import { SubjectLink } from '../warnings/labels';
import { ObligationStateTag } from './labels';
import { useObligationActions } from './ObligationActions';
import type { ObligationFilters } from './use-obligation-filters';
import { obligationKeys } from '../../api/queries/obligations';

interface Props {
  filters: ObligationFilters;
  showSubject?: boolean;
  pageSize?: number;
  toolbar?: ReactNode;
  emptyText?: string;
}

export function ObligationList({ filters, showSubject = true, pageSize = 50, toolbar, emptyText = '没有符合条件的待办' }: Props) {
  const me = useCurrentUser();
  const [entry, setEntry] = useState<string | null>(null);
  const [sort, setSort] = useState<ObligationListParams['sort']>();
  const count = useListCount(obligationKeys.all, filters, () => countsApi.obligations(filters));
  const list = useInfiniteQuery({
    queryKey: obligationKeys.list({ ...filters, sort }, pageSize),
    queryFn: ({ pageParam }) => obligationsApi.list({ ...filters, sort, cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const actions = useObligationActions();

  const columns: ColumnsType<ObligationView> = [
    { title: '类型', dataIndex: 'typeName', width: 150, ...sortable(sort, 'type') },
    ...(showSubject ? [{
      title: '对象', key: 'subject', width: 170, ellipsis: true,
      render: (_: unknown, o: ObligationView) => <SubjectLink row={o} linkCadre={me.can('cadre:read')} />,
    }] : []),
    { title: '事项', dataIndex: 'title', ellipsis: true, render: (v: string) => <span title={v}>{v}</span> },
    { title: '触发日期', dataIndex: 'triggeredOn', width: 110, render: (v: string) => formatDate(v) },
    { title: '到期日期', dataIndex: 'dueOn', width: 110, render: (v: string) => formatDate(v), ...sortable(sort, 'dueOn') },
    {
      title: '状态', dataIndex: 'state', width: 90,
      render: (_: unknown, o) => <ObligationStateTag state={o.state} />,
    },
    {
      title: '负责人', dataIndex: 'responsibleName', width: 150, ellipsis: true,
      render: (v: string | null | undefined, o) => (v ? <span title={o.assigned ? '已分派' : '区域默认负责人'}>{v}{o.assigned ? '（分派）' : ''}</span> : '—'),
    },
    {
      // doneBy is the fulfilling record: a ledger entry (the talk, the training …) or, for a joint meeting, the meeting.
      title: '完成', key: 'done', width: 170,
      render: (_: unknown, o) => {
        if (o.closedOn) return <span title={o.closeNote ?? ''}>{formatDate(o.closedOn)} 办结</span>;
        if (!o.doneOn) return '—';
        const by = !o.doneBy ? null
          : o.type === 'joint_meeting' ? (me.can('meeting:read') ? <Link to="/meetings">联席会议</Link> : null)
            : me.can('entry:read') ? <Typography.Link onClick={() => setEntry(o.doneBy)}>查看记录</Typography.Link> : null;
        return <Space size={6}>{formatDate(o.doneOn)}{by}</Space>;
      },
    },
    { title: '操作', key: 'actions', width: 90, render: (_: unknown, o) => actions.menu(o) },
  ];

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
        <div>{toolbar}</div>
        <Space><ListTotal count={count.data} /><ExportButton href={obligationsApi.exportUrl(filters)} label="导出Excel" /></Space>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<ObligationView>
        rowKey="id"
        size="middle"
        loading={list.isFetching && !list.isFetchingNextPage}
        dataSource={rows}
        pagination={false}
        rowClassName={(o) => (o.state === 'done' ? 'tenure-ended' : o.state === 'overdue' ? 'obligation-overdue' : '')}
        onChange={(_p, _f, sorter) => setSort(sortFromTable(sorter) as ObligationListParams['sort'])}
        locale={{ emptyText }}
        columns={columns}
      />
      {rows.length > 0 && <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">已显示 {rows.length} 条。</Typography.Text>
        <Button disabled={!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.hasNextPage ? '加载更多' : '没有更多了'}
        </Button>
      </Flex>}
      {actions.modals}
      {me.can('entry:read') && <EntryDrawer side="entries" entryId={entry} onClose={() => setEntry(null)} />}
    </>
  );
}
