/**
 * 督办事项 (issue 13 point 4): the list (scope in SQL; a member department sees its own only), one task with
 * its event log and the attachments of its answers (SM4-encrypted, AAD `meeting-task-attachment:<id>`).
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { MeetingTaskAction, MeetingTaskStatus } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';
import { meetingTaskAttachment } from '../../db/schema/index.ts';
import type { Scope } from '../../context.ts';
import { inScope, subjectManaged } from '../orgs.repository.ts';
import type { TaskRow } from './conclusions.repository.ts';

export interface TaskFilter {
  meetingId?: string; departmentCode?: string; status?: MeetingTaskStatus; overdue?: boolean; q?: string;
}

/** Who reads: the scope, and for a member department its own tasks only. */
export interface TaskReader { scope: Scope | null; department: string | null }

const visible = (r: TaskReader): SQL => sql`${inScope(sql`o.path`, r.scope)} and ${subjectManaged(sql`t.cadre_id`, sql`t.team_id`, r.scope)}
  ${r.department ? sql`and t.department_code = ${r.department}` : sql``}`;

function filtered(r: TaskReader, f: TaskFilter, today: string): SQL {
  const c: SQL[] = [visible(r)];
  if (f.meetingId) c.push(sql`t.meeting_id = ${f.meetingId}::uuid`);
  if (f.departmentCode) c.push(sql`t.department_code = ${f.departmentCode}`);
  c.push(f.status ? sql`t.status = ${f.status}` : sql`t.status <> 'cancelled'`);
  if (f.overdue !== undefined) {
    const late = sql`(t.status in ('open','returned') and t.deadline < ${today}::date)`;
    c.push(f.overdue ? late : sql`not ${late}`);
  }
  if (f.q) c.push(sql`coalesce(c.name, tm.name, o.name) like ${`%${f.q.replace(/[\\%_]/gu, (x) => `\\${x}`)}%`}`);
  return sql.join(c, sql` and `);
}

const FROM = sql`meeting_task t join joint_meeting m on m.id = t.meeting_id join org o on o.id = t.org_id
  left join cadre c on c.id = t.cadre_id left join team tm on tm.id = t.team_id left join department d on d.code = t.department_code
  left join meeting_conclusion k on k.id = t.conclusion_id`;

export interface TaskListRow extends TaskRow {
  meeting_title: string; convener_id: string; meeting_created_by: string | null; cadre_name: string | null; team_name: string | null;
  org_name: string; org_path: string; department_name: string | null; note: string | null;
}

const COLUMNS = sql`t.id, t.meeting_id, t.subject_id, t.subject_type, t.cadre_id, t.team_id, t.org_id, t.conclusion, t.department_code, t.deadline,
  t.status, t.entry_id, t.answered_on, t.closed_on, m.title as meeting_title, m.convener_id, m.created_by as meeting_created_by,
  c.name as cadre_name, tm.name as team_name, o.name as org_name, o.path as org_path, d.name as department_name, k.note`;

export function listTasks(tx: Tx, r: TaskReader, f: TaskFilter, today: string, desc: boolean, after: [string, string] | null, limit: number) {
  const cmp = desc ? sql`<` : sql`>`;
  const dir = desc ? sql`desc` : sql`asc`;
  return rows<TaskListRow>(tx, sql`
    select ${COLUMNS} from ${FROM}
    where ${filtered(r, f, today)} ${after ? sql`and (t.deadline, t.id) ${cmp} (${after[0]}::date, ${after[1]}::uuid)` : sql``}
    order by t.deadline ${dir}, t.id ${dir} limit ${limit}`);
}

/** The list's rows as a relation (for countList). */
export const listedTasks = (r: TaskReader, f: TaskFilter, today: string) => sql`select 1 from ${FROM} where ${filtered(r, f, today)}`;

/** One task the reader may see (locked when `lock`), or none → 404. */
export async function taskFor(tx: Tx, id: string, r: TaskReader, lock = false): Promise<TaskListRow | null> {
  const [x] = await rows<TaskListRow>(tx, sql`
    select ${COLUMNS} from ${FROM} where t.id = ${id}::uuid and ${visible(r)} ${lock ? sql`for update of t` : sql``}`);
  return x ?? null;
}

export function taskEvents(tx: Tx, taskId: string) {
  return rows<{ id: string; action: MeetingTaskAction; note: string | null; entry_id: string | null; department_code: string | null; by_login: string | null; at: Date | string }>(tx, sql`
    select id, action, note, entry_id, department_code, by_login, at from meeting_task_event where task_id = ${taskId}::uuid order by at, id`);
}

export function taskAttachmentList(tx: Tx, taskId: string) {
  return rows<{ id: string; event_id: string; file_name: string; size: number | string }>(tx, sql`
    select id, event_id, file_name, size from meeting_task_attachment where task_id = ${taskId}::uuid order by created_at, id`);
}

export type TaskAttachmentInsert = typeof meetingTaskAttachment.$inferInsert;

export async function insertTaskAttachment(tx: Tx, a: TaskAttachmentInsert): Promise<void> {
  await tx.insert(meetingTaskAttachment).values(a);
}

export async function taskAttachment(tx: Tx, taskId: string, id: string) {
  const [r] = await tx.select().from(meetingTaskAttachment)
    .where(and(eq(meetingTaskAttachment.id, id), eq(meetingTaskAttachment.taskId, taskId)));
  return r ?? null;
}
