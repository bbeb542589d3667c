/**
 * 联席会议 (meeting:read): the joint meetings with their status, subjects and 督办事项 (filters, search, sort,
 * 共 N 条, 打印), 新建会议 for meeting:write, the 待上会议题 and, on a tab, the 成员单位 of each convener.
 */
import { PlusOutlined } from '@ant-design/icons';
import { MEETING_STATUS_NAMES, type MeetingView } from '@jiandu/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { meetingsApi, type MeetingListParams } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { FilterSelect } from '../../components/FilterControls';
import { ListTotal } from '../../components/ListTotal';
import { PageTitle } from '../../components/PageTitle';
import { PrintListButton } from '../../components/print/PrintListButton';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { AgendaCard } from './AgendaCard';
import { MeetingCreateModal } from './MeetingCreateModal';
import { MembersPanel } from './MembersPanel';
import { MeetingStatusTag, STATUS_OPTIONS } from './labels';

export default function MeetingsPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'members' ? 'members' : 'meetings';
  const [adding, setAdding] = useState(false);
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim(), 300);
  const filters: MeetingListParams = {
    status: params.get('status') ?? undefined,
    convenerId: params.get('convenerId') ?? undefined,
    q: q || undefined,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries({ tab: tab === 'members' ? 'members' : undefined, ...Object.fromEntries(params), ...patch })) if (v) next[k] = v;
    setParams(next, { replace: true });
  };
  const conveners = useQuery({ queryKey: meetingKeys.conveners, queryFn: meetingsApi.conveners, staleTime: 10 * 60_000 });
  const list = useQuery({ queryKey: meetingKeys.listOf(filters), queryFn: () => meetingsApi.list(filters), placeholderData: keepPreviousData, enabled: tab === 'meetings' });
  const rows = list.data?.items ?? [];

  const filtersText = [
    filters.status && `状态：${MEETING_STATUS_NAMES[filters.status as keyof typeof MEETING_STATUS_NAMES] ?? filters.status}`,
    filters.convenerId && `召集单位：${conveners.data?.find((c) => c.id === filters.convenerId)?.name ?? '已选定'}`,
    filters.q && `搜索：${filters.q}`,
  ].filter(Boolean).join('；');

  return (
    <>
      <PageTitle
        title="干部监督联席会议"
        extra={(
          <Space>
            {tab === 'meetings' && (
              <PrintListButton<MeetingView>
                page="meetings" title="干部监督联席会议" filtersText={filtersText}
                fetchPage={async () => ({ items: (await meetingsApi.list(filters)).items, nextCursor: null })}
                rowKey={(m) => m.id}
                columns={[
                  { title: '会议名称', value: (m) => m.title },
                  { title: '召集单位', width: '18%', value: (m) => m.convenerName },
                  { title: '日期', width: '11%', value: (m) => formatDate(m.heldOn) },
                  { title: '状态', width: '10%', value: (m) => m.statusName },
                  { title: '议题', width: '7%', value: (m) => m.subjects },
                  { title: '督办（未销号/逾期）', width: '14%', value: (m) => `${m.tasksOpen} / ${m.tasksOverdue}` },
                ]}
              />
            )}
            {me.can('meeting:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新建会议</Button>}
          </Space>
        )}
      >
        <Typography.Text type="secondary">
          每半年至少召开一次：筹备（汇总议题）→ 已召开（会商研判）→ 纪要已定稿（领导签批）→ 已闭环（督办事项全部销号）。
          {me.can('obligation:read') && <>未按期召开的列入<Link to="/obligations?type=joint_meeting">联席会议待办</Link>。</>}
        </Typography.Text>
      </PageTitle>
      <Card styles={{ body: { paddingTop: 4 } }} style={{ marginBottom: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'members' ? { tab: 'members' } : {}, { replace: true })}
          items={[{ key: 'meetings', label: '会议' }, { key: 'members', label: '成员单位' }]}
        />
        {tab === 'members' ? <MembersPanel /> : (
          <>
            <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
              <Space wrap size={[12, 12]}>
                <Input.Search
                  id="meeting-q" allowClear style={{ width: 240 }} placeholder="搜索会议名称、地点"
                  value={typed} onChange={(e) => setTyped(e.target.value)}
                />
                <FilterSelect id="meeting-status" width={140} placeholder="全部状态" value={filters.status} options={STATUS_OPTIONS} onChange={(status) => set({ status })} />
                <FilterSelect
                  id="meeting-convener" width={220} placeholder="全部召集单位" value={filters.convenerId}
                  options={(conveners.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  onChange={(convenerId) => set({ convenerId })}
                />
              </Space>
              {list.data && <ListTotal count={{ total: list.data.total, exact: true }} />}
            </Flex>
            {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
            <Table<MeetingView>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: filtersText ? '没有符合条件的联席会议' : '还没有联席会议，点击“新建会议”开始筹备' }}
              onRow={(m) => ({ onClick: () => void navigate(`/meetings/${m.id}`), style: { cursor: 'pointer' } })}
              columns={[
                { title: '会议名称', dataIndex: 'title', ellipsis: true, render: (v: string, m) => <Link to={`/meetings/${m.id}`} onClick={(e) => e.stopPropagation()}>{v}</Link>, sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN') },
                { title: '召集单位', dataIndex: 'convenerName', width: 200, ellipsis: true, sorter: (a, b) => a.convenerName.localeCompare(b.convenerName, 'zh-CN') },
                { title: '日期', dataIndex: 'heldOn', width: 120, render: (v: string) => formatDate(v), sorter: (a, b) => a.heldOn.localeCompare(b.heldOn), defaultSortOrder: 'descend' },
                { title: '状态', dataIndex: 'status', width: 110, render: (_: unknown, m) => <MeetingStatusTag status={m.status} /> },
                { title: '议题数', dataIndex: 'subjects', width: 90, align: 'right', sorter: (a, b) => a.subjects - b.subjects },
                {
                  title: '督办 未销号/逾期', key: 'tasks', width: 150, align: 'right', sorter: (a, b) => a.tasksOverdue - b.tasksOverdue || a.tasksOpen - b.tasksOpen,
                  render: (_: unknown, m) => (m.tasks === 0 ? '—' : (
                    <span>{m.tasksOpen} / <Typography.Text type={m.tasksOverdue > 0 ? 'danger' : undefined} strong={m.tasksOverdue > 0}>{m.tasksOverdue}</Typography.Text></span>
                  )),
                },
              ]}
            />
          </>
        )}
      </Card>
      {tab === 'meetings' && <AgendaCard />}
      {adding && <MeetingCreateModal onClose={() => setAdding(false)} onCreated={(m) => void navigate(`/meetings/${m.id}`)} />}
    </>
  );
}
