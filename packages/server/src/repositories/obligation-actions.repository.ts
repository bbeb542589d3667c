/**
 * Who answers for a 待办 and what was done with it: the default responsible user of an area (set-based, run
 * after every upsert of obligations and when an area's setting changes), 分派 / 办结 / 重新打开 with their
 * append-only history (obligation_action), and the per-area settings (obligation_responsible).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope, subjectManaged } from './orgs.repository.ts';

/**
 * The default responsible user of obligation `b` (joined with its subject's org `o`): the latest setting of
 * the deepest area on the subject's org path that names b's kind or all kinds (the kind wins at the same
 * area; a setting whose latest row has no user is cleared), else the active supervisor whose scope is the
 * deepest ancestor-or-self of the subject's org (tie: lowest login). Both candidate sets are small (settings
 * per area, accounts) and computed once per statement (`rs`, `sv`), so each obligation costs two probes.
 */
const CANDIDATES = sql`
  rs as materialized (
    select x.user_id, x.type, a.path, us.path as scope_path, us.level as scope_level from (
      select distinct on (r.org_id, r.type) r.org_id, r.type, r.user_id from obligation_responsible r
      order by r.org_id, r.type, r.set_at desc, r.id desc) x
    join org a on a.id = x.org_id join app_user u on u.id = x.user_id left join org us on us.id = u.scope_org_id
    where x.user_id is not null),
  sv as materialized (
    select u.id, u.login, a.path, a.level from app_user u join user_role ur on ur.user_id = u.id and ur.role = 'supervisor'
    join org a on a.id = u.scope_org_id where not u.disabled)`;

/**
 * 干部管理权限 of an account whose jurisdiction is rooted at (`path`, `level`) over obligation b's subject: a
 * county (县级 / 乡级) manages only 县管 cadres and the teams not managed from outside it — the same rule as
 * `subjectManaged`, so nobody answers for (or is notified about) a 待办 he may not open.
 */
function managesSubject(path: SQL, level: SQL, cadreId: SQL = sql`b.cadre_id`, teamId: SQL = sql`b.team_id`): SQL {
  return sql`(${level} is null or ${level} not in ('县级','乡级') or (
    (${cadreId} is null or exists (select 1 from cadre hc where hc.id = ${cadreId} and hc.manage_level = '县管'))
    and (${teamId} is null or not exists (select 1 from team ht join org ho on ho.id = ht.org_id join org hm on hm.id = ho.managed_by
      where ht.id = ${teamId} and hm.path not like ${path} || '%'))))`;
}

/**
 * A 联席会议督办事项 (type meeting_task, key `task:<id>`) is the secretary's: the meeting's creator while that
 * account is active; else the area's default as for any 待办.
 */
const MEETING_SECRETARY = sql`case when b.type = 'meeting_task' then (select m.created_by from meeting_task mt
    join joint_meeting m on m.id = mt.meeting_id join app_user mu on mu.id = m.created_by and not mu.disabled
    where mt.id = split_part(b.identity, '|task:', 2)::uuid) end`;

const DEFAULT_RESPONSIBLE = sql`coalesce(
  ${MEETING_SECRETARY},
  (select rs.user_id from rs where (rs.type = b.type or rs.type is null) and o.path like rs.path || '%'
     and (rs.scope_path is null or ${managesSubject(sql`rs.scope_path`, sql`rs.scope_level`)})
   order by length(rs.path) desc, (rs.type is not null) desc limit 1),
  (select sv.id from sv where o.path like sv.path || '%' and ${managesSubject(sql`sv.path`, sql`sv.level`)}
   order by length(sv.path) desc, sv.login limit 1))`;

/** Sets the default responsible user of the unassigned obligations `source` yields (as b, with o); returns how many changed. */
async function applyDefault(tx: Tx, source: SQL): Promise<number> {
  const r = await rows<{ id: string }>(tx, sql`
    with ${CANDIDATES}
    update obligation t set responsible_id = d.user_id
    from (select b.id, ${DEFAULT_RESPONSIBLE} as user_id from ${source}) d
    where t.id = d.id and t.responsible_id is distinct from d.user_id
    returning t.id`);
  return r.length;
}

/** After an upsert of obligations: their default responsible (those not 分派 by hand). */
export function setDefaultResponsible(tx: Tx, identities: readonly string[]): Promise<number> {
  if (!identities.length) return Promise.resolve(0);
  return applyDefault(tx, sql`unnest(${sql.param([...identities])}::text[]) as s(identity)
    join obligation b on b.identity = s.identity join org o on o.id = b.org_id where not b.assigned`);
}

/** After an area's setting changed: the open, unassigned obligations under that org. */
export function recomputeResponsibleUnder(tx: Tx, orgId: string): Promise<number> {
  return applyDefault(tx, sql`obligation b join org o on o.id = b.org_id
    where not b.assigned and b.active and b.done_on is null and b.closed_on is null
      and o.path like (select a.path from org a where a.id = ${orgId}::uuid) || '%'`);
}

export interface ObligationTarget {
  id: string; type: string; org_id: string; org_path: string; title: string; cadre_id: string | null; team_id: string | null;
  done_on: string | null; closed_on: string | null; responsible_id: string | null; subject_name: string | null;
}

/** One active obligation in the actor's scope (locked for the action), or none → 404. */
export async function obligationInScope(tx: Tx, id: string, scope: Scope | null): Promise<ObligationTarget | null> {
  const [r] = await rows<ObligationTarget>(tx, sql`
    select b.id, b.type, b.org_id, o.path as org_path, b.title, b.cadre_id, b.team_id, b.done_on, b.closed_on, b.responsible_id,
           coalesce(c.name, t.name, o.name) as subject_name
    from obligation b join org o on o.id = b.org_id left join cadre c on c.id = b.cadre_id left join team t on t.id = b.team_id
    where b.id = ${id}::uuid and b.active and ${inScope(sql`o.path`, scope)} and ${subjectManaged(sql`b.cadre_id`, sql`b.team_id`, scope)}
    for update of b`);
  return r ?? null;
}

/** The subject of a 待办, for the management check of the account it is given to. */
export interface ObligationSubject { cadreId: string | null; teamId: string | null }

const managedBy = (s: ObligationSubject | undefined) => (s
  ? sql`and (u.scope_org_id is null or ${managesSubject(sql`a.path`, sql`a.level`, sql`${s.cadreId}::uuid`, sql`${s.teamId}::uuid`)})` : sql``);

/**
 * An active account holding a role that reads 待办, whose scope covers `orgPath` (none: unlimited) and, given
 * the subject, manages it (干部管理权限: a county account is not given a 市管 cadre's 待办).
 */
export async function userCovering(tx: Tx, userId: string, orgPath: string, subject?: ObligationSubject): Promise<{ id: string; display_name: string } | null> {
  const [r] = await rows<{ id: string; display_name: string }>(tx, sql`
    select u.id, u.display_name from app_user u left join org a on a.id = u.scope_org_id
    where u.id = ${userId}::uuid and not u.disabled
      and exists (select 1 from user_role ur where ur.user_id = u.id and ur.role in ('supervisor','chief','leader'))
      and (u.scope_org_id is null or ${orgPath} like a.path || '%') ${managedBy(subject)}`);
  return r ?? null;
}

/** The accounts a 待办 under `orgPath` may be given to (active, reading 待办, scope covering it), by login. */
export async function usersCovering(tx: Tx, orgPath: string, q: string | undefined, limit: number, subject?: ObligationSubject) {
  const like = q ? `%${q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%` : null;
  return rows<{ id: string; login: string; display_name: string; scope_org_name: string | null }>(tx, sql`
    select u.id, u.login, u.display_name, a.name as scope_org_name from app_user u left join org a on a.id = u.scope_org_id
    where not u.disabled
      and exists (select 1 from user_role ur where ur.user_id = u.id and ur.role in ('supervisor','chief','leader'))
      and (u.scope_org_id is null or ${orgPath} like a.path || '%') ${managedBy(subject)}
      ${like ? sql`and (u.login like ${like} or u.display_name like ${like})` : sql``}
    order by u.login limit ${limit}`);
}

export type ObligationActionKind = 'assign' | 'close' | 'reopen';

export async function insertAction(tx: Tx, a: { obligationId: string; action: ObligationActionKind; userId: string | null; note: string | null; byId: string | null; byLogin: string | null; at: Date }): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into obligation_action (obligation_id, action, user_id, note, by_id, by_login, at)
    values (${a.obligationId}::uuid, ${a.action}, ${a.userId}::uuid, ${a.note}, ${a.byId}::uuid, ${a.byLogin}, ${a.at.toISOString()}::timestamptz)
    returning id`);
  return r!.id;
}

export async function assignObligation(tx: Tx, id: string, userId: string): Promise<void> {
  await tx.execute(sql`update obligation set responsible_id = ${userId}::uuid, assigned = true where id = ${id}::uuid`);
}

export async function closeObligation(tx: Tx, id: string, on: string, login: string | null, note: string): Promise<void> {
  await tx.execute(sql`update obligation set closed_on = ${on}::date, closed_by_login = ${login}, close_note = ${note} where id = ${id}::uuid`);
}

export async function reopenObligation(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`update obligation set closed_on = null, closed_by_login = null, close_note = null where id = ${id}::uuid`);
}

export async function obligationActions(tx: Tx, id: string) {
  return rows<{ id: string; action: ObligationActionKind; user_id: string | null; user_name: string | null; note: string | null; by_login: string | null; at: Date | string }>(tx, sql`
    select x.id, x.action, x.user_id, u.display_name as user_name, x.note, x.by_login, x.at
    from obligation_action x left join app_user u on u.id = x.user_id
    where x.obligation_id = ${id}::uuid order by x.at, x.id`);
}

export interface ResponsibleSettingRow {
  org_id: string; org_name: string; type: string | null; user_id: string; user_name: string; login: string;
  set_by_login: string | null; set_at: Date | string;
}

/** The areas' current settings (latest row per (org, type), cleared ones left out) in the actor's scope. */
export async function responsibleSettings(tx: Tx, scope: Scope | null): Promise<ResponsibleSettingRow[]> {
  return rows<ResponsibleSettingRow>(tx, sql`
    select x.org_id, o.name as org_name, x.type, x.user_id, u.display_name as user_name, u.login, x.set_by_login, x.set_at
    from (select distinct on (r.org_id, r.type) r.* from obligation_responsible r order by r.org_id, r.type, r.set_at desc, r.id desc) x
    join org o on o.id = x.org_id join app_user u on u.id = x.user_id
    where x.user_id is not null and ${inScope(sql`o.path`, scope)}
    order by o.path, x.type nulls first`);
}

export async function insertResponsible(tx: Tx, r: { orgId: string; type: string | null; userId: string | null; setBy: string | null; setByLogin: string | null; at: Date }): Promise<void> {
  await tx.execute(sql`
    insert into obligation_responsible (org_id, type, user_id, set_by, set_by_login, set_at)
    values (${r.orgId}::uuid, ${r.type}, ${r.userId}::uuid, ${r.setBy}::uuid, ${r.setByLogin}, ${r.at.toISOString()}::timestamptz)`);
}

/** The org (in scope) an area setting is for, with its path. */
export async function orgInScope(tx: Tx, orgId: string, scope: Scope | null): Promise<{ id: string; path: string; name: string } | null> {
  const [r] = await rows<{ id: string; path: string; name: string }>(tx, sql`select o.id, o.path, o.name from org o where o.id = ${orgId}::uuid and ${inScope(sql`o.path`, scope)}`);
  return r ?? null;
}
