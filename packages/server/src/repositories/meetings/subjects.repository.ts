/** The subjects of a meeting's agenda (`meeting_subject`: the current state of the snapshot) and what the meeting decided of each. */
import { sql } from 'drizzle-orm';
import type { CompiledSubject } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';

export interface StoredSubjectRow {
  id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; team_id: string | null; reasons: string[]; content: unknown;
  dropped_version: number | null; removed_at: Date | string | null;
}

export function storedSubjects(tx: Tx, meetingId: string): Promise<StoredSubjectRow[]> {
  return rows<StoredSubjectRow>(tx, sql`
    select id, subject_type, cadre_id, team_id, reasons, content, dropped_version, removed_at
    from meeting_subject where meeting_id = ${meetingId}::uuid for update`);
}

/** New subjects of a compile (`orgOf`: the subject's unit now). */
export async function insertSubjects(tx: Tx, meetingId: string, version: number, list: ReadonlyArray<CompiledSubject & { orgId: string }>): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    await tx.execute(sql`
      insert into meeting_subject (meeting_id, subject_type, cadre_id, team_id, org_id, reasons, content, added_version, changed_version, sort_order)
      select ${meetingId}::uuid, x.t, x.c, x.m, x.o, string_to_array(x.r, ','), x.j::jsonb, ${version}, ${version}, x.s
      from unnest(${sql.param(chunk.map((s) => s.subjectType))}::text[], ${sql.param(chunk.map((s) => s.cadreId))}::uuid[],
                  ${sql.param(chunk.map((s) => s.teamId))}::uuid[], ${sql.param(chunk.map((s) => s.orgId))}::uuid[],
                  ${sql.param(chunk.map((s) => s.reasons.join(',')))}::text[], ${sql.param(chunk.map((s) => JSON.stringify(s.content)))}::text[],
                  ${sql.param(chunk.map((s) => s.sortOrder))}::int[]) as x(t, c, m, o, r, j, s)`);
  }
}

/** A subject's content replaced by a compile (changed, or qualifying again after it was dropped). */
export async function replaceContent(tx: Tx, id: string, version: number, s: CompiledSubject): Promise<void> {
  await tx.execute(sql`update meeting_subject set reasons = ${sql.param(s.reasons)}::text[], content = ${JSON.stringify(s.content)}::jsonb,
    changed_version = ${version}, dropped_version = null, sort_order = ${s.sortOrder} where id = ${id}::uuid`);
}

export async function markDropped(tx: Tx, ids: readonly string[], version: number): Promise<void> {
  if (!ids.length) return;
  await tx.execute(sql`update meeting_subject set dropped_version = ${version} where id = any(${sql.param([...ids])}::uuid[])`);
}

export async function countCurrent(tx: Tx, meetingId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from meeting_subject
    where meeting_id = ${meetingId}::uuid and removed_at is null and dropped_version is null`);
  return Number(r?.n ?? 0);
}

export interface SubjectRow {
  id: string; meeting_id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; cadre_name: string | null; team_id: string | null;
  team_name: string | null; org_id: string; org_name: string; post: string | null; reasons: string[]; content: unknown;
  added_version: number; changed_version: number; dropped_version: number | null; removed_at: Date | string | null;
  removed_reason: string | null; removed_by_login: string | null;
  c_conclusion: string | null; c_department_code: string | null; c_department_name: string | null; c_deadline: string | null;
  c_note: string | null; c_by_login: string | null; c_at: Date | string | null; task_id: string | null; task_status: string | null;
}

/** The agenda's subjects (current ones; `all`: also removed and dropped), with the latest conclusion and the 督办事项 (the active one, else the last cancelled). */
export function listSubjects(tx: Tx, meetingId: string, opts: { all: boolean; q?: string; id?: string; today: string }): Promise<SubjectRow[]> {
  const like = opts.q ? `%${opts.q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%` : null;
  return rows<SubjectRow>(tx, sql`
    select s.id, s.meeting_id, s.subject_type, s.cadre_id, c.name as cadre_name, s.team_id, t.name as team_name, s.org_id, o.name as org_name,
      (select tn.title from tenure tn where tn.cadre_id = s.cadre_id and (tn.end_date is null or tn.end_date > ${opts.today}::date)
        order by tn.is_principal desc, tn.start_date desc limit 1) as post,
      s.reasons, s.content, s.added_version, s.changed_version, s.dropped_version, s.removed_at, s.removed_reason, s.removed_by_login,
      mc.conclusion as c_conclusion, mc.department_code as c_department_code, d.name as c_department_name, mc.deadline::text as c_deadline,
      mc.note as c_note, mc.by_login as c_by_login, mc.at as c_at, mt.id as task_id, mt.status as task_status
    from meeting_subject s join org o on o.id = s.org_id
      left join cadre c on c.id = s.cadre_id left join team t on t.id = s.team_id
      left join lateral (select * from meeting_conclusion x where x.subject_id = s.id order by x.at desc, x.id desc limit 1) mc on true
      left join department d on d.code = mc.department_code
      left join lateral (select y.id, y.status from meeting_task y where y.subject_id = s.id order by (y.status = 'cancelled'), y.updated_at desc, y.id desc limit 1) mt on true
    where s.meeting_id = ${meetingId}::uuid
      ${opts.all ? sql`` : sql`and s.removed_at is null and s.dropped_version is null`}
      ${opts.id ? sql`and s.id = ${opts.id}::uuid` : sql``}
      ${like ? sql`and (c.name like ${like} or t.name like ${like} or o.name like ${like})` : sql``}
    order by (s.removed_at is not null or s.dropped_version is not null), s.sort_order, s.subject_type, coalesce(c.name_pinyin, t.name) collate "C", s.id`);
}

export async function setRemoved(tx: Tx, id: string, r: { reason: string; byId: string | null; byLogin: string | null; at: Date } | null): Promise<void> {
  await tx.execute(r
    ? sql`update meeting_subject set removed_at = ${r.at.toISOString()}::timestamptz, removed_reason = ${r.reason}, removed_by = ${r.byId}::uuid,
        removed_by_login = ${r.byLogin} where id = ${id}::uuid`
    : sql`update meeting_subject set removed_at = null, removed_reason = null, removed_by = null, removed_by_login = null where id = ${id}::uuid`);
}

/** At the hold: the proposals the agenda took (on a subject still on it) now belong to the meeting. */
export async function takeProposals(tx: Tx, meetingId: string, convenerId: string): Promise<number> {
  const r = await rows<{ id: string }>(tx, sql`
    update meeting_agenda_item i set meeting_id = ${meetingId}::uuid
    from meeting_subject s, jsonb_array_elements(s.content->'proposals') p
    where s.meeting_id = ${meetingId}::uuid and s.removed_at is null and s.dropped_version is null
      and i.id = (p->>'id')::uuid and i.convener_id = ${convenerId}::uuid and i.meeting_id is null
    returning i.id`);
  return r.length;
}
