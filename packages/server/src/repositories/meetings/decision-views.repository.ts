/**
 * What the decision routes answer with: one meeting (as the list shows it), one agenda subject with its latest
 * conclusion and 督办事项, and the parts of a meeting's detail (compiles, attendance, events, member contacts).
 */
import { sql } from 'drizzle-orm';
import type { MeetingTaskStatus } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';
import type { MeetingRow } from '../meetings.repository.ts';

export async function meetingRowById(tx: Tx, id: string): Promise<MeetingRow | null> {
  const [r] = await rows<MeetingRow>(tx, sql`
    select m.id, m.convener_id, o.name as convener_name, m.held_on, m.title, m.created_by_login, m.created_at,
      m.location, m.status, m.since, m.until, m.proposal_cutoff, m.agenda_version, m.approved_by_login, m.approved_at,
      (select count(*)::int from meeting_subject s where s.meeting_id = m.id and s.removed_at is null and s.dropped_version is null) as subjects,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status <> 'cancelled') as tasks,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status in ('open','answered','returned')) as tasks_open,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status in ('open','returned') and t.deadline < current_date) as tasks_overdue
    from joint_meeting m join org o on o.id = m.convener_id where m.id = ${id}::uuid`);
  return r ?? null;
}

export interface SubjectViewRow {
  id: string; meeting_id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; cadre_name: string | null; team_id: string | null;
  team_name: string | null; org_id: string; org_name: string; post: string | null; reasons: string[]; content: unknown;
  added_version: number; changed_version: number; dropped_version: number | null; removed_at: Date | string | null; removed_reason: string | null;
  removed_by_login: string | null;
  k_conclusion: string | null; k_department_code: string | null; k_department_name: string | null; k_deadline: string | null; k_note: string | null;
  k_by_login: string | null; k_at: Date | string | null; task_id: string | null; task_status: MeetingTaskStatus | null;
}

export async function subjectViewRow(tx: Tx, subjectId: string): Promise<SubjectViewRow | null> {
  const [r] = await rows<SubjectViewRow>(tx, sql`
    select s.id, s.meeting_id, s.subject_type, s.cadre_id, c.name as cadre_name, s.team_id, t.name as team_name, s.org_id, o.name as org_name,
           (select tn.title from tenure tn where tn.cadre_id = s.cadre_id and tn.end_date is null order by tn.is_principal desc, tn.start_date desc limit 1) as post,
           s.reasons, s.content, s.added_version, s.changed_version, s.dropped_version, s.removed_at, s.removed_reason, s.removed_by_login,
           k.conclusion as k_conclusion, k.department_code as k_department_code, d.name as k_department_name, k.deadline as k_deadline,
           k.note as k_note, k.by_login as k_by_login, k.at as k_at, mt.id as task_id, mt.status as task_status
    from meeting_subject s join org o on o.id = s.org_id left join cadre c on c.id = s.cadre_id left join team t on t.id = s.team_id
      left join lateral (select * from meeting_conclusion x where x.subject_id = s.id order by x.at desc, x.id desc limit 1) k on true
      left join department d on d.code = k.department_code
      left join lateral (select y.id, y.status from meeting_task y where y.subject_id = s.id order by (y.status = 'cancelled'), y.updated_at desc limit 1) mt on true
    where s.id = ${subjectId}::uuid`);
  return r ?? null;
}

export function compilesOf(tx: Tx, meetingId: string) {
  return rows<{ version: number; since: string; until: string; subjects: number; added: number; dropped: number; changed: number; diff: unknown; by_login: string | null; at: Date | string }>(tx, sql`
    select version, since, until, subjects, added, dropped, changed, diff, by_login, at from meeting_compile where meeting_id = ${meetingId}::uuid order by version`);
}

export async function latestAttendance(tx: Tx, meetingId: string): Promise<unknown> {
  const [r] = await rows<{ rows: unknown }>(tx, sql`
    select rows from meeting_attendance where meeting_id = ${meetingId}::uuid order by at desc, id desc limit 1`);
  return r?.rows ?? null;
}

export function eventsOf(tx: Tx, meetingId: string) {
  return rows<{ action: string; from_status: string | null; to_status: string | null; note: string | null; by_login: string | null; at: Date | string }>(tx, sql`
    select action, from_status, to_status, note, by_login, at from joint_meeting_event where meeting_id = ${meetingId}::uuid order by at, id`);
}

/** Login and name of accounts (the member contacts). */
export function accountsByIds(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([] as Array<{ id: string; login: string; display_name: string }>);
  return rows<{ id: string; login: string; display_name: string }>(tx, sql`
    select id, login, display_name from app_user where id = any(${sql.param([...ids])}::uuid[])`);
}
