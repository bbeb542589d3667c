/** Names, tags and shared look-ups of the 联席会议 pages: statuses, reasons, departments, the conclusion dictionary. */
import {
  AGENDA_REASON_NAMES, MEETING_STATUS_NAMES, MEETING_TASK_STATUS_NAMES, type AgendaReason, type MeetingStatus, type MeetingTaskStatus,
} from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { meetingsApi, usersApi } from '../../api/endpoints';
import { meetingKeys } from '../../api/queries/meetings';
import { departmentKeys } from '../../api/queries/users';

const STATUS_COLOURS: Record<MeetingStatus, string> = { planned: 'processing', held: 'orange', minutes_final: 'cyan', closed: 'success' };
export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <Tag color={STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }}>{MEETING_STATUS_NAMES[status]}</Tag>;
}

const TASK_COLOURS: Record<MeetingTaskStatus, string> = { open: 'processing', answered: 'gold', closed: 'success', returned: 'error', cancelled: 'default' };
export function TaskStatusTag({ status, overdue }: { status: MeetingTaskStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={TASK_COLOURS[status]} style={{ marginInlineEnd: 4 }}>{MEETING_TASK_STATUS_NAMES[status]}</Tag>
      {overdue && <Tag color="red" style={{ marginInlineEnd: 0 }}>逾期</Tag>}
    </>
  );
}

const REASON_COLOURS: Record<AgendaReason, string> = { entries: 'blue', warnings: 'red', team_problem: 'volcano', proposed: 'purple' };
export function ReasonTags({ reasons }: { reasons: readonly AgendaReason[] }) {
  return <>{reasons.map((r) => <Tag key={r} color={REASON_COLOURS[r]} style={{ marginInlineEnd: 4 }}>{AGENDA_REASON_NAMES[r]}</Tag>)}</>;
}

export const STATUS_OPTIONS = (Object.keys(MEETING_STATUS_NAMES) as MeetingStatus[]).map((s) => ({ value: s, label: MEETING_STATUS_NAMES[s] }));
export const TASK_STATUS_OPTIONS = (Object.keys(MEETING_TASK_STATUS_NAMES) as MeetingTaskStatus[]).map((s) => ({ value: s, label: MEETING_TASK_STATUS_NAMES[s] }));

/** The member departments (code → name). */
export function useDepartments() {
  const q = useQuery({ queryKey: departmentKeys.all, queryFn: usersApi.departments, staleTime: Infinity });
  const name = (code: string | null | undefined) => (code ? q.data?.find((d) => d.code === code)?.name ?? code : '—');
  return { ...q, name, options: (q.data ?? []).map((d) => ({ value: d.code, label: d.name })) };
}

/** The 研判结论 dictionary (settable in 规则设置). */
export function useConclusionKinds(enabled = true) {
  return useQuery({ queryKey: meetingKeys.conclusionKinds, queryFn: meetingsApi.conclusionKinds, staleTime: 5 * 60_000, enabled });
}

/** A subject's name as read: 干部 张三 / 班子 某某局领导班子. */
export const subjectName = (s: { subjectType: 'cadre' | 'team'; cadreName: string | null; teamName: string | null; orgName: string }) =>
  (s.subjectType === 'cadre' ? s.cadreName ?? '' : s.teamName ?? `${s.orgName}领导班子`);

/** Half-year of a day: 2026-H2. */
export const halfOf = (day: string) => `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;

/** The convener of the user's own area first (青川市委 → 青川市委组织部), else the first. */
export function ownConvener<T extends { id: string; name: string }>(list: readonly T[] | undefined, scopeOrgName: string | null): T | undefined {
  return (scopeOrgName ? list?.find((c) => c.name.startsWith(scopeOrgName)) : undefined) ?? list?.[0];
}
