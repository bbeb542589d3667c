/**
 * A warning's follow-ups (`warning_followup`, append-only) and the 联席会议 agenda they feed
 * (`meeting_agenda_item`: 待上会议题 until a meeting takes it up). Scope is the subject's org path, as for warnings.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope, subjectManaged } from './orgs.repository.ts';

export interface FollowupInsert {
  warningId: string; action: string; subjectType: 'cadre' | 'team'; cadreId: string | null; teamId: string | null; orgId: string;
  onDate: string; note: string | null; entryId: string | null; byId: string | null; byLogin: string | null; at: string;
}

export async function insertFollowup(tx: Tx, f: FollowupInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into warning_followup (warning_id, action, subject_type, cadre_id, team_id, org_id, on_date, note, entry_id, by_id, by_login, at)
    values (${f.warningId}, ${f.action}, ${f.subjectType}, ${f.cadreId}, ${f.teamId}, ${f.orgId}, ${f.onDate}, ${f.note}, ${f.entryId},
            ${f.byId}, ${f.byLogin}, ${f.at}::timestamptz)
    returning id`);
  return r!.id;
}

/** The warning's history gets the follow-up as one event (action 'followup'). */
export async function insertFollowupEvent(tx: Tx, warningId: string, colour: string, status: string, reason: string, byLogin: string | null, at: string): Promise<void> {
  await tx.execute(sql`
    insert into warning_event (warning_id, at, action, colour, status, reason, by_login)
    values (${warningId}, ${at}::timestamptz, 'followup', ${colour}, ${status}, ${reason}, ${byLogin})`);
}

export interface FollowupRow {
  id: string; warning_id: string; action: string; on_date: string; note: string | null; entry_id: string | null;
  by_login: string | null; at: Date | string;
}

export function followupsOf(tx: Tx, warningId: string): Promise<FollowupRow[]> {
  return rows<FollowupRow>(tx, sql`
    select id, warning_id, action, on_date, note, entry_id, by_login, at from warning_followup
    where warning_id = ${warningId} order by at desc, id desc`);
}

/** The current version of an entry in the reader's scope, with what a follow-up checks (kind, 方式, subject). */
export async function entryForFollowup(tx: Tx, entryId: string, scope: Scope | null) {
  const [r] = await rows<{ kind: string; form: string | null; cadre_id: string | null; team_id: string | null; status: string }>(tx, sql`
    select h.kind, e.details ->> 'form' as form, h.cadre_id, h.team_id, h.status
    from entry_head h join entry e on e.id = h.version_id join org o on o.id = h.org_id
    where h.entry_id = ${entryId} and ${inScope(sql`o.path`, scope)} and ${subjectManaged(sql`h.cadre_id`, sql`h.team_id`, scope)}`);
  return r ?? null;
}

/**
 * The 组织部 that convenes the joint meeting for a subject's unit: the `managed_by` of the unit, or of its
 * nearest ancestor that has one (干部管理权限). Null when none is set on the path.
 */
export async function convenerOf(tx: Tx, orgId: string): Promise<{ id: string; name: string } | null> {
  const [r] = await rows<{ id: string; name: string }>(tx, sql`
    select m.id, m.name from org s
      join org a on s.path like a.path || '%' and a.managed_by is not null
      join org m on m.id = a.managed_by
    where s.id = ${orgId}
    order by length(a.path) desc limit 1`);
  return r ?? null;
}

export interface AgendaInsert {
  convenerId: string; subjectType: 'cadre' | 'team'; cadreId: string | null; teamId: string | null; orgId: string;
  warningId: string; reason: string; addedBy: string | null; addedByLogin: string | null; at: string;
}

export async function insertAgendaItem(tx: Tx, a: AgendaInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into meeting_agenda_item (convener_id, subject_type, cadre_id, team_id, org_id, warning_id, reason, added_by, added_by_login, added_at)
    values (${a.convenerId}, ${a.subjectType}, ${a.cadreId}, ${a.teamId}, ${a.orgId}, ${a.warningId}, ${a.reason}, ${a.addedBy}, ${a.addedByLogin}, ${a.at}::timestamptz)
    returning id`);
  return r!.id;
}

export interface AgendaRow {
  id: string; convener_id: string; convener_name: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; cadre_name: string | null;
  team_id: string | null; team_name: string | null; org_id: string; org_name: string; warning_id: string | null; reason: string;
  added_by_login: string | null; added_at: Date | string;
}

const agendaWhere = (scope: Scope | null) =>
  sql`i.meeting_id is null and ${inScope(sql`o.path`, scope)} and ${subjectManaged(sql`i.cadre_id`, sql`i.team_id`, scope)}`;

/** The open agenda items (no meeting yet) whose subject is in scope, oldest first. */
export function openAgenda(tx: Tx, scope: Scope | null, limit: number): Promise<AgendaRow[]> {
  return rows<AgendaRow>(tx, sql`
    select i.id, i.convener_id, m.name as convener_name, i.subject_type, i.cadre_id, c.name as cadre_name, i.team_id, t.name as team_name,
           i.org_id, o.name as org_name, i.warning_id, i.reason, i.added_by_login, i.added_at
    from meeting_agenda_item i join org o on o.id = i.org_id join org m on m.id = i.convener_id
      left join cadre c on c.id = i.cadre_id left join team t on t.id = i.team_id
    where ${agendaWhere(scope)}
    order by i.added_at, i.id limit ${limit}`);
}

export async function countOpenAgenda(tx: Tx, scope: Scope | null): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`
    select count(*)::int as n from meeting_agenda_item i join org o on o.id = i.org_id where ${agendaWhere(scope)}`);
  return Number(r?.n ?? 0);
}
