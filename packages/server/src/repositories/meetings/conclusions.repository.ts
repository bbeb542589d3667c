/**
 * 会商研判 (issue 13 point 3) and 签批 (point 7): a meeting locked for a decision, its subjects and their latest
 * conclusions (meeting_conclusion, append-only), attendance snapshots, the meeting's event log, and the
 * 督办事项 a conclusion raises (meeting_task, the projection of meeting_task_event).
 */
import { sql } from 'drizzle-orm';
import type { MeetingStatus, MeetingTaskAction, MeetingTaskStatus } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';

export interface SubjectRow {
  id: string; meeting_id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; team_id: string | null; org_id: string; org_path: string;
  name: string; removed_at: Date | string | null; dropped_version: number | null;
}

export async function subjectOf(tx: Tx, meetingId: string, subjectId: string): Promise<SubjectRow | null> {
  const [r] = await rows<SubjectRow>(tx, sql`
    select s.id, s.meeting_id, s.subject_type, s.cadre_id, s.team_id, s.org_id, o.path as org_path,
           coalesce(c.name, t.name, o.name) as name, s.removed_at, s.dropped_version
    from meeting_subject s join org o on o.id = s.org_id left join cadre c on c.id = s.cadre_id left join team t on t.id = s.team_id
    where s.id = ${subjectId}::uuid and s.meeting_id = ${meetingId}::uuid`);
  return r ?? null;
}

export interface ConclusionInsert {
  meetingId: string; subjectId: string; conclusion: string; departmentCode: string | null; deadline: string | null; note: string | null;
  byId: string | null; byLogin: string | null; at: Date;
}

export async function insertConclusion(tx: Tx, c: ConclusionInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into meeting_conclusion (meeting_id, subject_id, conclusion, department_code, deadline, note, by_id, by_login, at)
    values (${c.meetingId}, ${c.subjectId}, ${c.conclusion}, ${c.departmentCode}, ${c.deadline}, ${c.note}, ${c.byId}, ${c.byLogin}, ${c.at.toISOString()}::timestamptz)
    returning id`);
  return r!.id;
}

export interface TaskRow {
  id: string; meeting_id: string; subject_id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; team_id: string | null; org_id: string;
  conclusion: string; department_code: string; deadline: string; status: MeetingTaskStatus; entry_id: string | null;
  answered_on: string | null; closed_on: string | null;
}

/** The subject's 督办事项 that is not cancelled (at most one: meeting_task_subject_uq), locked. */
export async function activeTaskOfSubject(tx: Tx, subjectId: string): Promise<TaskRow | null> {
  const [r] = await rows<TaskRow>(tx, sql`
    select id, meeting_id, subject_id, subject_type, cadre_id, team_id, org_id, conclusion, department_code, deadline, status, entry_id, answered_on, closed_on
    from meeting_task where subject_id = ${subjectId}::uuid and status <> 'cancelled' for update`);
  return r ?? null;
}

export interface TaskInsert {
  meetingId: string; subjectId: string; conclusionId: string; subjectType: 'cadre' | 'team'; cadreId: string | null; teamId: string | null; orgId: string;
  conclusion: string; departmentCode: string; deadline: string; at: Date;
}

export async function insertTask(tx: Tx, t: TaskInsert): Promise<string> {
  const at = t.at.toISOString();
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into meeting_task (meeting_id, subject_id, conclusion_id, subject_type, cadre_id, team_id, org_id, conclusion, department_code, deadline, status, created_at, updated_at)
    values (${t.meetingId}, ${t.subjectId}, ${t.conclusionId}, ${t.subjectType}, ${t.cadreId}, ${t.teamId}, ${t.orgId}, ${t.conclusion}, ${t.departmentCode},
            ${t.deadline}, 'open', ${at}::timestamptz, ${at}::timestamptz)
    returning id`);
  return r!.id;
}

export interface TaskChange {
  conclusionId?: string; conclusion?: string; departmentCode?: string; deadline?: string; status?: MeetingTaskStatus;
  entryId?: string | null; answeredOn?: string | null; closedOn?: string | null;
}

export async function updateTask(tx: Tx, id: string, c: TaskChange, at: Date): Promise<void> {
  const set = [sql`updated_at = ${at.toISOString()}::timestamptz`];
  if (c.conclusionId !== undefined) set.push(sql`conclusion_id = ${c.conclusionId}`);
  if (c.conclusion !== undefined) set.push(sql`conclusion = ${c.conclusion}`);
  if (c.departmentCode !== undefined) set.push(sql`department_code = ${c.departmentCode}`);
  if (c.deadline !== undefined) set.push(sql`deadline = ${c.deadline}`);
  if (c.status !== undefined) set.push(sql`status = ${c.status}`);
  if (c.entryId !== undefined) set.push(sql`entry_id = ${c.entryId}`);
  if (c.answeredOn !== undefined) set.push(sql`answered_on = ${c.answeredOn}`);
  if (c.closedOn !== undefined) set.push(sql`closed_on = ${c.closedOn}`);
  await tx.execute(sql`update meeting_task set ${sql.join(set, sql`, `)} where id = ${id}::uuid`);
}

export interface TaskEventInsert {
  taskId: string; action: MeetingTaskAction; note: string | null; entryId: string | null; departmentCode: string | null;
  byId: string | null; byLogin: string | null; at: Date;
}

export async function insertTaskEvent(tx: Tx, e: TaskEventInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into meeting_task_event (task_id, action, note, entry_id, department_code, by_id, by_login, at)
    values (${e.taskId}, ${e.action}, ${e.note}, ${e.entryId}, ${e.departmentCode}, ${e.byId}, ${e.byLogin}, ${e.at.toISOString()}::timestamptz)
    returning id`);
  return r!.id;
}

export async function insertAttendance(tx: Tx, meetingId: string, list: unknown, byId: string | null, byLogin: string | null, at: Date): Promise<void> {
  await tx.execute(sql`
    insert into meeting_attendance (meeting_id, rows, by_id, by_login, at)
    values (${meetingId}, ${JSON.stringify(list)}::jsonb, ${byId}, ${byLogin}, ${at.toISOString()}::timestamptz)`);
}

/** Subjects on the agenda (not removed, not dropped) in agenda order, with whether each has a conclusion. */
export function agendaConclusions(tx: Tx, meetingId: string) {
  return rows<{ id: string; name: string; has_conclusion: boolean }>(tx, sql`
    select s.id, coalesce(c.name, t.name, o.name) as name,
           exists (select 1 from meeting_conclusion k where k.subject_id = s.id) as has_conclusion
    from meeting_subject s join org o on o.id = s.org_id left join cadre c on c.id = s.cadre_id left join team t on t.id = s.team_id
    where s.meeting_id = ${meetingId}::uuid and s.removed_at is null and s.dropped_version is null
    order by s.sort_order, s.added_version, s.id`);
}

export async function setApproved(tx: Tx, id: string, by: { id: string | null; login: string | null }, note: string | null, at: Date): Promise<void> {
  await tx.execute(sql`
    update joint_meeting set status = 'minutes_final', approved_by = ${by.id}, approved_by_login = ${by.login},
      approved_at = ${at.toISOString()}::timestamptz, approval_note = ${note}
    where id = ${id}::uuid`);
}

export async function setMeetingStatus(tx: Tx, id: string, status: MeetingStatus): Promise<void> {
  await tx.execute(sql`update joint_meeting set status = ${status} where id = ${id}::uuid`);
}

/** 督办事项 of the meeting not cancelled and not yet 销号. */
export async function unclosedTasks(tx: Tx, meetingId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`
    select count(*)::int as n from meeting_task where meeting_id = ${meetingId}::uuid and status not in ('cancelled','closed')`);
  return Number(r?.n ?? 0);
}

/** Conclusion codes some meeting has used (a dictionary change may not remove them). */
export async function usedConclusionCodes(tx: Tx): Promise<string[]> {
  const r = await rows<{ conclusion: string }>(tx, sql`select distinct conclusion from meeting_conclusion`);
  return r.map((x) => x.conclusion);
}

/**
 * Who is told about a department's 督办事项: the convener's contacts of the department (latest member row),
 * else its member accounts (role member, meeting:member) whose scope covers the subject's org.
 */
export async function departmentContacts(tx: Tx, convenerId: string, departmentCode: string, orgPath: string): Promise<string[]> {
  const r = await rows<{ id: string }>(tx, sql`
    with set_contacts as (
      select u.id from (select mm.contact_user_ids from meeting_member mm
        where mm.convener_id = ${convenerId}::uuid and mm.department_code = ${departmentCode} order by mm.set_at desc, mm.id desc limit 1) x
      cross join lateral unnest(x.contact_user_ids) as c(id) join app_user u on u.id = c.id and not u.disabled)
    select id from set_contacts
    union all
    select u.id from app_user u left join org a on a.id = u.scope_org_id
    where not exists (select 1 from set_contacts) and not u.disabled and u.department_code = ${departmentCode}
      and exists (select 1 from user_role ur where ur.user_id = u.id and ur.role = 'member')
      and (u.scope_org_id is null or ${orgPath} like a.path || '%')`);
  return [...new Set(r.map((x) => x.id))];
}
