/** 干部监督联席会议: the meetings (`joint_meeting`), their events and compiles, and the 组织部 that convene them. */
import { sql, type SQL } from 'drizzle-orm';
import type { ConvenerView, MeetingListQuery, MeetingStatus } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope } from './orgs.repository.ts';

/** The 组织部 in scope that convene meetings (every org that some leadership is managed by). */
export function listConveners(tx: Tx, scope: Scope | null): Promise<ConvenerView[]> {
  return rows<ConvenerView>(tx, sql`
    select o.id, o.name from org o where o.id in (select managed_by from org where managed_by is not null) and ${inScope(sql`o.path`, scope)}
    order by o.path`);
}

export interface MeetingRow {
  id: string; convener_id: string; convener_name: string; held_on: string; title: string; created_by: string | null; created_by_login: string | null; created_at: Date | string;
  location: string | null; status: MeetingStatus; since: string | null; until: string | null; proposal_cutoff: string | null; agenda_version: number;
  approved_by_login: string | null; approved_at: Date | string | null;
  subjects: number; tasks: number; tasks_open: number; tasks_overdue: number;
}

const MEETING_COLUMNS = sql`m.id, m.convener_id, o.name as convener_name, m.held_on::text as held_on, m.title, m.created_by, m.created_by_login, m.created_at,
      m.location, m.status, m.since::text as since, m.until::text as until, m.proposal_cutoff::text as proposal_cutoff, m.agenda_version,
      m.approved_by_login, m.approved_at,
      (select count(*)::int from meeting_subject s where s.meeting_id = m.id and s.removed_at is null and s.dropped_version is null) as subjects,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status <> 'cancelled') as tasks,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status in ('open','answered','returned')) as tasks_open,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status in ('open','returned') and t.deadline < current_date) as tasks_overdue`;

function listWhere(scope: Scope | null, q: Omit<MeetingListQuery, 'sort'>): SQL {
  const like = q.q ? `%${q.q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%` : null;
  return sql`${inScope(sql`o.path`, scope)}
    ${q.status ? sql`and m.status = ${q.status}` : sql``}
    ${q.convenerId ? sql`and m.convener_id = ${q.convenerId}::uuid` : sql``}
    ${like ? sql`and (m.title like ${like} or o.name like ${like})` : sql``}`;
}

export const MEETING_LIST_LIMIT = 500;

export function listMeetings(tx: Tx, scope: Scope | null, q: MeetingListQuery = {}): Promise<MeetingRow[]> {
  const [column, dir] = (q.sort ?? 'heldOn:desc').split(':') as ['heldOn' | 'createdAt', 'asc' | 'desc'];
  const d = dir === 'asc' ? sql`asc` : sql`desc`;
  const order = column === 'createdAt' ? sql`m.created_at ${d}, m.id ${d}` : sql`m.held_on ${d}, m.created_at ${d}, m.id ${d}`;
  return rows<MeetingRow>(tx, sql`
    select ${MEETING_COLUMNS}
    from joint_meeting m join org o on o.id = m.convener_id where ${listWhere(scope, q)}
    order by ${order} limit ${MEETING_LIST_LIMIT}`);
}

export async function countMeetings(tx: Tx, scope: Scope | null, q: MeetingListQuery = {}): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`
    select count(*)::int as n from joint_meeting m join org o on o.id = m.convener_id where ${listWhere(scope, q)}`);
  return Number(r?.n ?? 0);
}

/** One meeting whose convener is in scope (none: 404); `lock` takes it for an update. */
export async function findMeeting(tx: Tx, id: string, scope: Scope | null, lock = false): Promise<MeetingRow | null> {
  const [r] = await rows<MeetingRow>(tx, sql`
    select ${MEETING_COLUMNS}
    from joint_meeting m join org o on o.id = m.convener_id where m.id = ${id}::uuid and ${inScope(sql`o.path`, scope)}
    ${lock ? sql`for update of m` : sql``}`);
  return r ?? null;
}

export interface MeetingInsert {
  convenerId: string; heldOn: string; title: string; location: string | null; since: string; proposalCutoff: string | null;
  createdBy: string | null; createdByLogin: string | null; createdAt: Date;
}

export async function insertMeeting(tx: Tx, m: MeetingInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
      insert into joint_meeting (convener_id, held_on, title, location, since, proposal_cutoff, created_by, created_by_login, created_at, status)
      values (${m.convenerId}, ${m.heldOn}, ${m.title}, ${m.location}, ${m.since}, ${m.proposalCutoff}, ${m.createdBy}, ${m.createdByLogin},
              ${m.createdAt.toISOString()}::timestamptz, 'planned')
      returning id`);
  return r!.id;
}

export async function updateMeeting(tx: Tx, id: string, f: { heldOn: string; title: string; location: string | null; since: string | null; proposalCutoff: string | null }): Promise<void> {
  await tx.execute(sql`update joint_meeting set held_on = ${f.heldOn}, title = ${f.title}, location = ${f.location}, since = ${f.since},
    proposal_cutoff = ${f.proposalCutoff} where id = ${id}::uuid`);
}

export async function setCompiled(tx: Tx, id: string, version: number, since: string, until: string): Promise<void> {
  await tx.execute(sql`update joint_meeting set agenda_version = ${version}, since = ${since}, until = ${until} where id = ${id}::uuid`);
}

export async function setHeld(tx: Tx, id: string, heldOn: string): Promise<void> {
  await tx.execute(sql`update joint_meeting set status = 'held', held_on = ${heldOn} where id = ${id}::uuid`);
}

export interface MeetingEventInsert {
  meetingId: string; action: string; fromStatus: string | null; toStatus: string | null; note: string | null;
  byId: string | null; byLogin: string | null; at: Date;
}

export async function insertEvent(tx: Tx, e: MeetingEventInsert): Promise<void> {
  await tx.execute(sql`insert into joint_meeting_event (meeting_id, action, from_status, to_status, note, by_id, by_login, at)
    values (${e.meetingId}::uuid, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.note}, ${e.byId}::uuid, ${e.byLogin}, ${e.at.toISOString()}::timestamptz)`);
}

export function listEvents(tx: Tx, meetingId: string) {
  return rows<{ action: string; from_status: string | null; to_status: string | null; note: string | null; by_login: string | null; at: Date | string }>(tx, sql`
    select action, from_status, to_status, note, by_login, at from joint_meeting_event where meeting_id = ${meetingId}::uuid order by at, id`);
}

export interface CompileInsert {
  meetingId: string; version: number; since: string; until: string; subjects: number; added: number; dropped: number; changed: number;
  diff: { added: string[]; dropped: string[]; changed: string[] }; byId: string | null; byLogin: string | null; at: Date;
}

export async function insertCompile(tx: Tx, c: CompileInsert): Promise<void> {
  await tx.execute(sql`insert into meeting_compile (meeting_id, version, since, until, subjects, added, dropped, changed, diff, by_id, by_login, at)
    values (${c.meetingId}::uuid, ${c.version}, ${c.since}, ${c.until}, ${c.subjects}, ${c.added}, ${c.dropped}, ${c.changed},
            ${JSON.stringify(c.diff)}::jsonb, ${c.byId}::uuid, ${c.byLogin}, ${c.at.toISOString()}::timestamptz)`);
}

export interface CompileRow {
  version: number; since: string; until: string; subjects: number; added: number; dropped: number; changed: number;
  diff: { added: string[]; dropped: string[]; changed: string[] }; by_login: string | null; at: Date | string;
}

export function listCompiles(tx: Tx, meetingId: string): Promise<CompileRow[]> {
  return rows<CompileRow>(tx, sql`
    select version, since::text as since, until::text as until, subjects, added, dropped, changed, diff, by_login, at
    from meeting_compile where meeting_id = ${meetingId}::uuid order by version desc`);
}

/** The latest attendance recorded (append-only snapshots), or null. */
export async function latestAttendance(tx: Tx, meetingId: string): Promise<unknown[] | null> {
  const [r] = await rows<{ rows: unknown[] }>(tx, sql`
    select rows from meeting_attendance where meeting_id = ${meetingId}::uuid order by at desc, id desc limit 1`);
  return r ? r.rows : null;
}
