/**
 * 督办事项 (meeting:read: every one in scope; meeting:member: its own department's): filters in the URL (the
 * 工作台 drills down here), search, 共 N 条, 打印, row actions (反馈, 销号, 退回, 记录).
 */
import { MEETING_TASK_STATUS_NAMES, type MeetingTaskView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Switch } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { meetingsApi, meetingTasksApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { useCurrentUser } from '../../app/auth';
import { FilterSelect } from '../../components/FilterControls';
import { PageTitle } from '../../components/PageTitle';
import { PrintListButton } from '../../components/print/PrintListButton';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { subjectName, TASK_STATUS_OPTIONS, useDepartments } from '../meetings/labels';
import { MeetingTaskList, type MeetingTaskFilters } from './MeetingTaskList';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export default function MeetingTasksPage() {
  const me = useCurrentUser();
  const secretary = me.can('meeting:read');
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim(), 300);
  const depts = useDepartments();
  const meetings = useQuery({ queryKey: meetingKeys.listOf({}), queryFn: () => meetingsApi.list({}), enabled: secretary, staleTime: 60_000 });
  const meetingId = params.get('meetingId');
  const filters: MeetingTaskFilters = {
    departmentCode: secretary ? params.get('departmentCode') ?? undefined : undefined,
    status: params.get('status') ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    meetingId: meetingId && UUID.test(meetingId) ? meetingId : undefined,
    q: q || undefined,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...Object.fromEntries(params), ...patch })) if (v) next[k] = v;
    setParams(next, { replace: true });
  };
  const any = Object.values(filters).some((v) => v !== undefined);
  const filtersText = [
    filters.departmentCode && `责任单位：${depts.name(filters.departmentCode)}`,
    filters.status && `状态：${MEETING_TASK_STATUS_NAMES[filters.status as keyof typeof MEETING_TASK_STATUS_NAMES] ?? filters.status}`,
    filters.overdue && '仅逾期',
    filters.meetingId && `会议：${meetings.data?.items.find((m) => m.id === filters.meetingId)?.title ?? '已选定'}`,
    filters.q && `搜索：${filters.q}`,
  ].filter(Boolean).join('；');

  return (
    <>
      <PageTitle
        title={secretary ? '督办事项' : `督办事项${me.departmentName ? ` · ${me.departmentName}` : ''}`}
        extra={(
          <PrintListButton<MeetingTaskView>
            page="meeting-tasks" title="联席会议督办事项" filtersText={filtersText}
            filters={new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>).toString()}
            fetchPage={(cursor, limit) => meetingTasksApi.list({ ...filters, cursor, limit })}
            rowKey={(t) => t.id}
            columns={[
              { title: '对象', width: '10%', value: (t) => subjectName(t) },
              { title: '单位', width: '16%', value: (t) => t.orgName },
              { title: '研判结论', width: '9%', value: (t) => t.conclusionName },
              { title: '责任单位', width: '10%', value: (t) => t.departmentName },
              { title: '期限', width: '10%', value: (t) => `${formatDate(t.deadline)}${t.overdue ? '（逾期）' : ''}` },
              { title: '状态', width: '8%', value: (t) => t.statusName },
              { title: '会议', value: (t) => t.meetingTitle },
            ]}
          />
        )}
      />
      <Card>
        <MeetingTaskList
          filters={filters}
          emptyText={secretary ? undefined : '本单位没有督办事项'}
          toolbar={(
            <Space wrap size={[12, 12]}>
              <Input.Search id="task-q" allowClear style={{ width: 220 }} placeholder="搜索对象、单位" value={typed} onChange={(e) => setTyped(e.target.value)} />
              {secretary && (
                <FilterSelect id="task-dept" width={150} placeholder="全部责任单位" value={filters.departmentCode} options={depts.options} onChange={(departmentCode) => set({ departmentCode })} />
              )}
              <FilterSelect id="task-status" width={120} placeholder="全部状态" value={filters.status} options={TASK_STATUS_OPTIONS} onChange={(status) => set({ status })} />
              {secretary && (
                <FilterSelect
                  id="task-meeting" width={260} placeholder="全部会议" value={filters.meetingId} showSearch
                  options={(meetings.data?.items ?? []).map((m) => ({ value: m.id, label: m.title }))} onChange={(id) => set({ meetingId: id })}
                />
              )}
              <Space size={6}><Switch size="small" checked={!!filters.overdue} onChange={(v) => set({ overdue: v ? 'true' : undefined })} data-testid="task-overdue" />仅逾期</Space>
              {any && <Button type="link" onClick={() => { setTyped(''); setParams({}, { replace: true }); }}>清除筛选</Button>}
            </Space>
          )}
        />
      </Card>
    </>
  );
}
