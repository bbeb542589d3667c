/**
 * 成果共享 (meeting:member): the joint meetings' conclusions about the subjects the department reported on or
 * is responsible for, in its own scope; nothing about other departments' submissions.
 */
import type { SharedConclusionView } from '@jiandu/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { TaskStatusTag } from './labels';

export default function SharedPage() {
  const me = useCurrentUser();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const list = useInfiniteQuery({
    queryKey: meetingKeys.shared(q),
    queryFn: ({ pageParam }) => meetingsApi.shared({ q: q || undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle title={`成果共享${me.departmentName ? ` · ${me.departmentName}` : ''}`}>
        <Typography.Text type="secondary">联席会议对本单位报送过的对象、以及由本单位负责办理的事项所作的研判结论。</Typography.Text>
      </PageTitle>
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <Input.Search id="shared-q" allowClear style={{ width: 240 }} placeholder="搜索姓名、单位" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <Typography.Text type="secondary" data-testid="shared-total">已显示 {rows.length} 条{list.hasNextPage ? '，还有更多' : ''}</Typography.Text>
        </Flex>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<SharedConclusionView>
          data-testid="shared-list"
          rowKey={(r) => `${r.meetingId}-${r.subjectType}-${r.name}-${r.orgName}-${r.why}`}
          size="middle" dataSource={rows} pagination={false} loading={list.isFetching && !list.isFetchingNextPage}
          locale={{ emptyText: '还没有与本单位相关的会商结论' }}
          columns={[
            { title: '会议', dataIndex: 'meetingTitle', ellipsis: true },
            { title: '日期', dataIndex: 'heldOn', width: 110, render: (v: string) => formatDate(v) },
            { title: '对象', dataIndex: 'name', width: 120, render: (v: string, r) => (r.subjectType === 'team' ? `${v}（班子）` : v) },
            { title: '单位', dataIndex: 'orgName', width: 180, ellipsis: true },
            { title: '研判结论', dataIndex: 'conclusionName', width: 100 },
            { title: '责任单位', dataIndex: 'responsibleDepartment', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '期限', dataIndex: 'deadline', width: 110, render: (v: string | null) => formatDate(v) || '—' },
            { title: '相关', dataIndex: 'why', width: 110, render: (v: SharedConclusionView['why']) => (v === 'responsible' ? <Tag color="blue">本单位办理</Tag> : <Tag>本单位报送</Tag>) },
            {
              title: '督办', key: 'task', width: 130,
              render: (_: unknown, r) => (r.taskStatus ? <Link to="/meeting-tasks"><TaskStatusTag status={r.taskStatus} /></Link> : '—'),
            },
          ]}
        />
        {rows.length > 0 && list.hasNextPage && (
          <Flex justify="end" style={{ marginTop: 16 }}>
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>加载更多</Button>
          </Flex>
        )}
      </Card>
    </>
  );
}
