/**
 * What the joint meeting's Word documents read (会议通知, 研判材料, 会议纪要, 督办通知单, 半年工作通报): the
 * meeting in scope, its agenda as compiled with the latest conclusions, attendance, its
 * 督办事项, and a convener's half-year figures. Read-only; scope is the convener's org (out of scope = none).
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import type { Scope } from '../../context.ts';
import { inScope } from '../orgs.repository.ts';

export interface DocMeetingRow {
  id: string; convener_id: string; convener_name: string; held_on: string; title: string; location: string | null; status: string;
  since: string | null; until: string | null; proposal_cutoff: string | null; agenda_version: number;
  approved_by_login: string | null; approver_name: string | null; approved_at: Date | string | null; approval_note: string | null;
  created_by_login: string | null; creator_name: string | null; created_at: Date | string;
}

/** The meeting when its convener is in scope, else null. */
export async function findDocMeeting(tx: Tx, id: string, scope: Scope | null): Promise<DocMeetingRow | null> {
  const [r] = await rows<DocMeetingRow>(tx, sql`
    select m.id, m.convener_id, o.name as convener_name, m.held_on, m.title, m.location, m.status, m.since, m.until, m.proposal_cutoff,
      m.agenda_version, m.approved_by_login, coalesce(ua.display_name, ual.display_name) as approver_name, m.approved_at, m.approval_note,
      m.created_by_login, uc.display_name as creator_name, m.created_at
    from joint_meeting m join org o on o.id = m.convener_id
      left join app_user ua on ua.id = m.approved_by
      left join app_user ual on m.approved_by is null and ual.login = m.approved_by_login
      left join app_user uc on uc.login = m.created_by_login
    where m.id = ${id}::uuid and ${inScope(sql`o.path`, scope)}`);
  return r ?? null;
}

/** The convener when in scope. */
export async function findConvener(tx: Tx, id: string, scope: Scope | null): Promise<{ id: string; name: string } | null> {
  const [r] = await rows<{ id: string; name: string }>(tx, sql`select o.id, o.name from org o where o.id = ${id}::uuid and ${inScope(sql`o.path`, scope)}`);
  return r ?? null;
}

export interface DocSubjectRow {
  id: string; subject_type: 'cadre' | 'team'; name: string; org_name: string; post: string | null; reasons: string[]; content: unknown;
  sort_order: number; conclusion: string | null; conclusion_department: string | null; deadline: string | null; note: string | null;
  task_status: string | null;
}

/** The agenda as it stands (not removed, not dropped), cadres then teams, with each subject's latest conclusion and live task. */
export function subjectsOf(tx: Tx, meetingId: string): Promise<DocSubjectRow[]> {
  return rows<DocSubjectRow>(tx, sql`
    select s.id, s.subject_type, coalesce(c.name, t.name) as name, o.name as org_name,
      (select tn.title from tenure tn where tn.cadre_id = s.cadre_id and tn.end_date is null order by tn.is_principal desc, tn.start_date desc limit 1) as post,
      s.reasons, s.content, s.sort_order, k.conclusion, k.department_code as conclusion_department, k.deadline, k.note, mt.status as task_status
    from meeting_subject s join org o on o.id = s.org_id
      left join cadre c on c.id = s.cadre_id
      left join team t on t.id = s.team_id
      left join lateral (
        select x.conclusion, x.department_code, x.deadline, x.note from meeting_conclusion x where x.subject_id = s.id order by x.at desc, x.id desc limit 1
      ) k on true
      left join meeting_task mt on mt.subject_id = s.id and mt.status <> 'cancelled'
    where s.meeting_id = ${meetingId}::uuid and s.removed_at is null and s.dropped_version is null
    order by s.subject_type, s.sort_order, o.path, coalesce(c.name, t.name)`);
}

export interface DocTaskRow {
  subject_type: 'cadre' | 'team'; name: string; org_name: string; conclusion: string; department_code: string; deadline: string;
  status: string; answered_on: string | null; closed_on: string | null; note: string | null;
}

/** The meeting's 督办事项 (not cancelled), of one department when given. */
export function tasksOf(tx: Tx, meetingId: string, departmentCode: string | null): Promise<DocTaskRow[]> {
  return rows<DocTaskRow>(tx, sql`
    select t.subject_type, coalesce(c.name, tm.name) as name, o.name as org_name, t.conclusion, t.department_code, t.deadline,
      t.status, t.answered_on, t.closed_on, k.note
    from meeting_task t join org o on o.id = t.org_id
      left join cadre c on c.id = t.cadre_id
      left join team tm on tm.id = t.team_id
      left join meeting_conclusion k on k.id = t.conclusion_id
    where t.meeting_id = ${meetingId}::uuid and t.status <> 'cancelled'
      ${departmentCode ? sql`and t.department_code = ${departmentCode}` : sql``}
    order by t.deadline, o.path, coalesce(c.name, tm.name)`);
}

/** The current version's label, reporting department and 摘要 (as stored: sealed) of ledger entries, for the summaries the documents cite. */
export function entryLabels(tx: Tx, entryIds: readonly string[]): Promise<Array<{ entry_id: string; sensitivity: string; source_dept: string; summary: string }>> {
  if (entryIds.length === 0) return Promise.resolve([]);
  return rows(tx, sql`
    select h.entry_id, e.sensitivity, h.source_dept, e.summary from entry_head h join entry e on e.id = h.version_id
    where h.entry_id = any(${sql.param([...entryIds])}::uuid[])`);
}

export interface HalfFigures {
  meetings: Array<{ title: string; held_on: string; status: string; subjects: number }>;
  conclusions: Array<{ conclusion: string; n: number }>;
  tasks: Array<{ status: string; n: number }>;
  overdue: Array<{ department_code: string; n: number }>;
  entries: Array<{ source_dept: string; n: number }>;
}

/**
 * A convener's half year [from, to]: the meetings held in it, the subjects they considered, the latest
 * conclusions by kind, their 督办事项 by status, the convener's 督办事项 overdue on `today` by department, and
 * the ledger entries accepted in the half about its jurisdiction (the units whose nearest `managed_by` is it).
 */
export async function halfFigures(tx: Tx, convenerId: string, from: string, to: string, today: string): Promise<HalfFigures> {
  const held = sql`m.convener_id = ${convenerId}::uuid and m.held_on between ${from}::date and ${to}::date and m.status <> 'planned'`;
  const meetings = await rows<HalfFigures['meetings'][number]>(tx, sql`
    select m.title, m.held_on, m.status,
      (select count(*)::int from meeting_subject s where s.meeting_id = m.id and s.removed_at is null and s.dropped_version is null) as subjects
    from joint_meeting m where ${held} order by m.held_on`);
  const conclusions = await rows<HalfFigures['conclusions'][number]>(tx, sql`
    select k.conclusion, count(*)::int as n from joint_meeting m join meeting_subject s on s.meeting_id = m.id and s.removed_at is null and s.dropped_version is null
      join lateral (select x.conclusion from meeting_conclusion x where x.subject_id = s.id order by x.at desc, x.id desc limit 1) k on true
    where ${held} group by k.conclusion order by n desc`);
  const tasks = await rows<HalfFigures['tasks'][number]>(tx, sql`
    select t.status, count(*)::int as n from joint_meeting m join meeting_task t on t.meeting_id = m.id and t.status <> 'cancelled'
    where ${held} group by t.status`);
  const overdue = await rows<HalfFigures['overdue'][number]>(tx, sql`
    select t.department_code, count(*)::int as n from joint_meeting m join meeting_task t on t.meeting_id = m.id
    where m.convener_id = ${convenerId}::uuid and t.status in ('open','returned') and t.deadline < ${today}::date
    group by t.department_code order by n desc, t.department_code`);
  const entries = await rows<HalfFigures['entries'][number]>(tx, sql`
    with j as (
      select s.id from org s
      where (select a.managed_by from org a where s.path like a.path || '%' and a.managed_by is not null order by length(a.path) desc limit 1) = ${convenerId}::uuid
    )
    select h.source_dept, count(*)::int as n from entry_head h
    where h.org_id in (select id from j) and h.status = 'accepted' and h.occurred_on between ${from}::date and ${to}::date
    group by h.source_dept order by n desc, h.source_dept`);
  return { meetings, conclusions, tasks, overdue, entries };
}
