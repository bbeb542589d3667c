/** A list of 督办事项 for some filters (the 督办事项 page, a meeting's tab): 共 N 条, sort, 加载更多, row actions. */
import type { MeetingTaskView } from '@jiandu/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingTasksApi, type MeetingTaskListParams } from '../../api/endpoints';
import { meetingTaskKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { ListTotal, useListCount } from '../../components/ListTotal';
import { sortable, sortFromTable } from '../../components/table-sort';
import { formatDate } from '../../lib/format';
import { subjectName, TaskStatusTag } from '../meetings/labels';
import { useMeetingTaskActions } from './MeetingTaskActions';

export type MeetingTaskFilters = Omit<MeetingTaskListParams, 'cursor' | 'limit' | 'sort'>;

interface Props {
  filters: MeetingTaskFilters;
  showMeeting?: boolean;
  toolbar?: ReactNode;
  emptyText?: string;
  pageSize?: number;
}

export function MeetingTaskList({ filters, showMeeting = true, toolbar, emptyText = '没有符合条件的督办事项', pageSize = 50 }: Props) {
  const me = useCurrentUser();
  const [sort, setSort] = useState<string>();
  const count = useListCount(meetingTaskKeys.all, filters, () => meetingTasksApi.count(filters));
  const list = useInfiniteQuery({
    queryKey: meetingTaskKeys.list({ ...filters, sort }, pageSize),
    queryFn: ({ pageParam }) => meetingTasksApi.list({ ...filters, sort, cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const actions = useMeetingTaskActions();

  const columns: ColumnsType<MeetingTaskView> = [
    {
      title: '对象', key: 'subject', width: 150, ellipsis: true,
      render: (_: unknown, t) => (t.cadreId && me.can('cadre:read') ? <Link to={`/cadres/${t.cadreId}`}>{subjectName(t)}</Link> : subjectName(t)),
    },
    { title: '单位', dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: '研判结论', dataIndex: 'conclusionName', width: 100 },
    { title: '责任单位', dataIndex: 'departmentName', width: 110 },
    {
      title: '期限', dataIndex: 'deadline', width: 110, ...sortable(sort, 'deadline'),
      render: (v: string, t) => <Typography.Text type={t.overdue ? 'danger' : undefined} strong={t.overdue}>{formatDate(v)}</Typography.Text>,
    },
    { title: '状态', dataIndex: 'status', width: 130, render: (_: unknown, t) => <TaskStatusTag status={t.status} overdue={t.overdue} /> },
    {
      title: '反馈 / 销号', key: 'done', width: 170,
      render: (_: unknown, t) => (t.closedOn ? `${formatDate(t.closedOn)} 销号` : t.answeredOn ? `${formatDate(t.answeredOn)} 反馈` : '—'),
    },
    ...(showMeeting ? [{
      title: '会议', dataIndex: 'meetingTitle', ellipsis: true,
      render: (v: string, t: MeetingTaskView) => (me.can('meeting:read') ? <Link to={`/meetings/${t.meetingId}?tab=tasks`}>{v}</Link> : v),
    }] : [{ title: '说明', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' }]),
    { title: '操作', key: 'actions', width: 90, render: (_: unknown, t) => actions.menu(t) },
  ];

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
        <div>{toolbar}</div>
        <ListTotal count={count.data} />
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      <Table<MeetingTaskView>
        data-testid="meeting-task-list"
        rowKey="id" size="middle" dataSource={rows} columns={columns} pagination={false}
        loading={list.isFetching && !list.isFetchingNextPage}
        rowClassName={(t) => (t.status === 'closed' || t.status === 'cancelled' ? 'tenure-ended' : t.overdue ? 'obligation-overdue' : '')}
        onChange={(_p, _f, sorter) => setSort(sortFromTable(sorter))}
        locale={{ emptyText }}
      />
      {rows.length > 0 && (
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">已显示 {rows.length} 条。</Typography.Text>
          <Space>
            <Button disabled={!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {list.hasNextPage ? '加载更多' : '没有更多了'}
            </Button>
          </Space>
        </Flex>
      )}
      {actions.modals}
    </>
  );
}
