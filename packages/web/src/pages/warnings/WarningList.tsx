/**
 * A list of warnings for some filters (the 预警 page, a cadre's profile, a team): 加载更多 by keyset, row
 * selection with bulk 标记已阅 / 已处置 / 已排除 (warning:handle), an export of what the filters show, and the
 * detail drawer.
 */
import { CheckOutlined } from '@ant-design/icons';
import type { WarningView } from '@jiandu/domain';
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { countsApi, warningsApi, warningsBulkApi, type WarningListParams } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ExportButton } from '../../components/ExportButton';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { sortable, sortFromTable } from '../../components/table-sort';
import { formatDate } from '../../lib/format';
import { ColourTag, SubjectLink, WarningStatusTag } from './labels';
import type { WarningFilters } from './use-warning-filters';
import { WarningDrawer } from './WarningDrawer';
import { WarningStatusModal, useWarningsChanged, type TargetStatus } from './WarningStatusModal';
import { warningKeys } from '../../api/queries/warnings';

interface Props {
  filters: WarningFilters;
  /** The subject column (not on a cadre's own profile). */
  showSubject?: boolean;
  pageSize?: number;
  /** Shown left of the bulk actions (the page's filter bar). */
  toolbar?: ReactNode;
  emptyText?: string;
}

export function WarningList({ filters, showSubject = true, pageSize = 50, toolbar, emptyText = '没有符合条件的预警' }: Props) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const canHandle = me.can('warning:handle');
  const [selected, setSelected] = useState<string[]>([]);
  const [asking, setAsking] = useState<TargetStatus | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [sort, setSort] = useState<WarningListParams['sort']>();
  /** 选择全部 N 条: the filters (as they were when chosen) instead of the rows picked. */
  const [all, setAll] = useState<WarningFilters | null>(null);
  const changed = useWarningsChanged();
  const count = useListCount(warningKeys.all, filters, () => countsApi.warnings(filters));
  const list = useInfiniteQuery({
    queryKey: warningKeys.list({ ...filters, sort }, pageSize),
    queryFn: ({ pageParam }) => warningsApi.list({ ...filters, sort, cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  // A selection only ever holds rows that are on screen (a filter change or a refetch drops the others).
  const shown = new Set(rows.map((r) => r.id));
  const picked = selected.filter((id) => shown.has(id));
  // The whole list stays chosen only while its filters are those it was chosen under.
  const allChosen = all !== null && JSON.stringify(all) === JSON.stringify(filters) && count.data !== undefined;
  const total = count.data?.total ?? 0;
  const pageAllPicked = rows.length > 0 && picked.length === rows.length;

  const markRead = useMutation({
    mutationFn: () => (allChosen
      ? warningsBulkApi.setStatusByFilter({ filter: filters, status: 'read' })
      : warningsApi.setStatus({ ids: picked, status: 'read' })),
    onSuccess: async (r) => {
      await changed();
      setSelected([]);
      setAll(null);
      void message.success(`已将 ${r.updated} 条预警标记为已阅`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: ColumnsType<WarningView> = [
    { title: '颜色', dataIndex: 'colour', width: 80, render: (_: unknown, w) => <ColourTag colour={w.colour} />, ...sortable(sort, 'colour') },
    { title: '规则', dataIndex: 'ruleName', width: 100 },
    ...(showSubject ? [{
      title: '对象', width: 120, ellipsis: true,
      render: (_: unknown, w: WarningView) => <SubjectLink row={w} linkCadre={me.can('cadre:read')} teamAsRole />,
      ...sortable(sort, 'subject'),
    }, { title: '单位', dataIndex: 'orgName', width: 160, ellipsis: true }] : []),
    {
      title: '说明', dataIndex: 'explanation', ellipsis: true,
      render: (v: string) => <span title={v}>{v}</span>,
    },
    {
      title: '状态', dataIndex: 'status', width: 110,
      render: (_: unknown, w) => <WarningStatusTag status={w.status} active={w.active} />,
    },
    { title: '首次发现', dataIndex: 'firstSeenAt', width: 110, render: (v: string) => formatDate(v) },
    { title: '最近变化', dataIndex: 'lastChangedAt', width: 120, render: (v: string) => formatDate(v), ...sortable(sort, 'lastChangedAt') },
    { title: '持续至', dataIndex: 'until', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
  ];

  return (
    <>
      {toolbar && <div style={{ marginBottom: 12 }}>{toolbar}</div>}
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Space wrap>
          <ListTotal count={count.data} />
          {canHandle && rows.length > 0 && (
            <>
              <Button icon={<CheckOutlined />} disabled={picked.length === 0 && !allChosen} loading={markRead.isPending} onClick={() => markRead.mutate()}>标记已阅</Button>
              <Button disabled={picked.length === 0 && !allChosen} onClick={() => setAsking('handled')}>已处置</Button>
              <Button disabled={picked.length === 0 && !allChosen} onClick={() => setAsking('dismissed')}>已排除</Button>
              <Typography.Text type="secondary">{allChosen ? `已选全部 ${total} 条` : picked.length > 0 ? `已选 ${picked.length} 条` : '勾选预警后可批量处理'}</Typography.Text>
            </>
          )}
        </Space>
        <ExportButton href={warningsApi.exportUrl(filters)} label="导出Excel" />
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      {canHandle && (pageAllPicked || allChosen) && count.data && total > rows.length && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={allChosen
            ? <Space wrap>已选择全部 {total} 条符合筛选条件的预警，批量处理将作用于全部。<Typography.Link onClick={() => { setAll(null); setSelected([]); }}>取消选择</Typography.Link></Space>
            : count.data.exact
              ? <Space wrap>已选择已显示的 {picked.length} 条。<Typography.Link onClick={() => setAll(filters)}>选择全部 {total} 条</Typography.Link></Space>
              : `已选择已显示的 ${picked.length} 条。符合条件的预警约 ${total} 条，超过一万条，不能一次全部选择，请先缩小筛选范围。`}
        />
      )}
      <Table<WarningView>
        className="clickable-rows"
        rowKey="id"
        size="middle"
        loading={list.isFetching && !list.isFetchingNextPage}
        dataSource={rows}
        pagination={false}
        rowSelection={canHandle ? {
          selectedRowKeys: allChosen ? rows.map((r) => r.id) : picked,
          onChange: (keys) => { setAll(null); setSelected(keys.map(String)); },
        } : undefined}
        onChange={(_p, _f, sorter) => setSort(sortFromTable(sorter) as WarningListParams['sort'])}
        onRow={(w) => ({ onClick: () => setOpen(w.id) })}
        rowClassName={(w) => (w.active ? '' : 'tenure-ended')}
        locale={{ emptyText }}
        columns={columns}
      />
      {rows.length > 0 && <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">已显示 {rows.length} 条。点击一行查看依据与处理记录。</Typography.Text>
        <Button disabled={!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.hasNextPage ? '加载更多' : '没有更多了'}
        </Button>
      </Flex>}
      {asking && (
        <WarningStatusModal
          ids={picked}
          status={asking}
          all={allChosen ? { filter: filters, total } : undefined}
          onClose={() => setAsking(null)}
          onDone={() => { setAsking(null); setSelected([]); setAll(null); }}
        />
      )}
      <WarningDrawer warningId={open} onClose={() => setOpen(null)} />
    </>
  );
}
