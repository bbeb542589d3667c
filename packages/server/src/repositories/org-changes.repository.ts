/**
 * Units as they change (机构改革): the SQL of rename, move, merge and abolish, and the append-only history
 * `org_change`. The subtree of a moved unit is rewritten in one UPDATE of the materialized `path`; everything
 * scoped by path (cadres, entries, warnings, obligations join `org` by id and test its path) follows.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { cadreManaged, inScope } from './orgs.repository.ts';

export interface UnitRow {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  shortName: string | null;
  abolishedOn: string | null;
  parentName: string | null;
}

/** A unit in the jurisdiction, with what a change needs (null: missing or outside — the same 404). */
export async function findUnit(tx: Tx, id: string, scope: Scope | null): Promise<UnitRow | null> {
  const [u] = await rows<UnitRow>(tx, sql`
    select o.id, o.parent_id as "parentId", o.path, o.name, o.short_name as "shortName", o.abolished_on::text as "abolishedOn",
      p.name as "parentName"
    from org o left join org p on p.id = o.parent_id
    where o.id = ${id}::uuid and ${inScope(sql`o.path`, scope)}`);
  return u ?? null;
}

/** Living units named `names` directly under `parentId` (a name clash), other than `exceptId`. */
export async function namesTaken(tx: Tx, parentId: string | null, names: string[], exceptId: string): Promise<string[]> {
  if (names.length === 0) return [];
  const r = await rows<{ name: string }>(tx, sql`
    select name from org where parent_id is not distinct from ${parentId}::uuid and abolished_on is null
      and id <> ${exceptId}::uuid and name = any(${sql.param(names)}::text[]) order by name`);
  return r.map((x) => x.name);
}

/** Names of the living units directly under `parentId`. */
export async function livingChildNames(tx: Tx, parentId: string): Promise<string[]> {
  const r = await rows<{ name: string }>(tx, sql`select name from org where parent_id = ${parentId}::uuid and abolished_on is null`);
  return r.map((x) => x.name);
}

/** The new name; the old one joins the former names (a name taken back leaves them). */
export async function renameUnit(tx: Tx, id: string, name: string, shortName: string | null, oldName: string): Promise<void> {
  await tx.execute(sql`
    update org set name = ${name}, short_name = ${shortName},
      former_names = array_remove(case when ${oldName} = any(former_names) then former_names else array_append(former_names, ${oldName}::text) end, ${name}::text)
    where id = ${id}::uuid`);
}

/** A team still named after its unit (`<name>领导班子`) follows the rename. */
export async function renameTeam(tx: Tx, orgId: string, oldName: string, newName: string): Promise<void> {
  await tx.execute(sql`update team set name = ${newName + '领导班子'} where org_id = ${orgId}::uuid and name = ${oldName + '领导班子'}`);
}

/** Puts the unit under `newParentId` and rewrites the path of its whole subtree (one UPDATE). */
export async function moveSubtree(tx: Tx, id: string, oldPath: string, newParentId: string, newPath: string): Promise<number> {
  const r = await rows<{ id: string }>(tx, sql`
    update org set path = ${newPath} || substr(path, ${oldPath.length + 1}),
      parent_id = case when id = ${id}::uuid then ${newParentId}::uuid else parent_id end
    where path like ${oldPath + '%'} returning id`);
  return r.length;
}

/** The direct children of `fromId` (path `fromPath`) go under `toId` (path `toPath`) with their subtrees. */
export async function moveChildren(tx: Tx, fromId: string, fromPath: string, toId: string, toPath: string): Promise<number> {
  const r = await rows<{ parentId: string }>(tx, sql`
    update org set path = ${toPath} || substr(path, ${fromPath.length + 1}),
      parent_id = case when parent_id = ${fromId}::uuid then ${toId}::uuid else parent_id end
    where path like ${fromPath + '%'} and id <> ${fromId}::uuid
    returning parent_id as "parentId"`);
  return r.filter((x) => x.parentId === toId).length;
}

export async function markAbolished(tx: Tx, id: string, on: string, mergedInto: string | null): Promise<void> {
  await tx.execute(sql`update org set abolished_on = ${on}::date, merged_into = ${mergedInto}::uuid where id = ${id}::uuid`);
}

/** What still lives in a unit: 在职 cadres of it, open tenures of its team on `on`, living child units. */
export async function liveContents(tx: Tx, id: string, on: string): Promise<{ cadres: number; tenures: number; children: number }> {
  const [r] = await rows<{ cadres: number; tenures: number; children: number }>(tx, sql`
    select (select count(*)::int from cadre where org_id = ${id}::uuid and status = '在职') as cadres,
      (select count(*)::int from tenure t join team m on m.id = t.team_id
        where m.org_id = ${id}::uuid and (t.end_date is null or t.end_date > ${on}::date)) as tenures,
      (select count(*)::int from org where parent_id = ${id}::uuid and abolished_on is null) as children`);
  return r!;
}

/** Cadres of the unit that the jurisdiction does not manage (干部管理权限: a county's 市管 leaders). */
export async function cadresManagedAbove(tx: Tx, id: string, scope: Scope | null): Promise<number> {
  if (!scope?.levels) return 0;
  const [r] = await rows<{ n: number }>(tx, sql`
    select count(*)::int as n from cadre c where c.org_id = ${id}::uuid and not ${cadreManaged(sql`c.manage_level`, scope)}`);
  return r?.n ?? 0;
}

/** Every cadre of `fromId` now belongs to `toId` (version + 1, as any cadre update). Returns their ids. */
export async function moveCadres(tx: Tx, fromId: string, toId: string, at: Date): Promise<string[]> {
  const r = await rows<{ id: string }>(tx, sql`
    update cadre set org_id = ${toId}::uuid, version = version + 1, updated_at = ${at.toISOString()}::timestamptz
    where org_id = ${fromId}::uuid returning id`);
  return r.map((x) => x.id);
}

export async function moveTeam(tx: Tx, teamId: string, toOrgId: string, name: string): Promise<void> {
  await tx.execute(sql`update team set org_id = ${toOrgId}::uuid, name = ${name} where id = ${teamId}::uuid`);
}

export interface OpenTenure {
  id: string;
  cadreId: string;
  cadreName: string;
  title: string;
  isPrincipal: boolean;
  domains: string[];
  rank: string | null;
  startDate: string;
  endDate: string | null;
}

/** Tenures of a team still open on `on`, with the 分工 in force on that day (tenure_domain, else the tenure's). */
export async function openTenures(tx: Tx, teamId: string, on: string): Promise<OpenTenure[]> {
  return rows<OpenTenure>(tx, sql`
    select t.id, t.cadre_id as "cadreId", c.name as "cadreName", t.title, t.is_principal as "isPrincipal",
      coalesce((select d.domains from tenure_domain d where d.tenure_id = t.id and d.effective_date <= ${on}::date
        order by d.effective_date desc, d.created_at desc limit 1), t.domains) as domains,
      t.rank, t.start_date::text as "startDate", t.end_date::text as "endDate"
    from tenure t join cadre c on c.id = t.cadre_id
    where t.team_id = ${teamId}::uuid and (t.end_date is null or t.end_date > ${on}::date)
    order by t.is_principal desc, t.start_date`);
}

export async function endTenures(tx: Tx, ids: string[], on: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update tenure set end_date = ${on}::date where id = any(${sql.param(ids)}::uuid[])`);
}

export async function insertTenure(tx: Tx, teamId: string, t: OpenTenure, startDate: string, isPrincipal: boolean): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into tenure (cadre_id, team_id, title, is_principal, domains, rank, start_date, end_date)
    values (${t.cadreId}::uuid, ${teamId}::uuid, ${t.title}, ${isPrincipal}, ${sql.param(t.domains)}::text[], ${t.rank},
      ${startDate}::date, ${t.endDate}::date)
    returning id`);
  return r!.id;
}

export interface NewOrgChange {
  orgId: string;
  kind: 'create' | 'import' | 'rename' | 'move' | 'merge' | 'abolish';
  effectiveDate: string;
  details: Record<string, unknown>;
  reason: string | null;
  createdBy: string | null;
  createdByLogin: string | null;
}

export async function insertChange(tx: Tx, c: NewOrgChange): Promise<void> {
  await tx.execute(sql`
    insert into org_change (org_id, kind, effective_date, details, reason, created_by, created_by_login)
    values (${c.orgId}::uuid, ${c.kind}, ${c.effectiveDate}::date, ${JSON.stringify(c.details)}::jsonb, ${c.reason},
      ${c.createdBy}::uuid, ${c.createdByLogin})`);
}

export interface OrgChangeRow {
  id: string;
  kind: NewOrgChange['kind'] | 'import';
  effectiveDate: string;
  details: Record<string, unknown>;
  reason: string | null;
  createdByLogin: string | null;
  createdAt: string;
}

/** A unit's history, newest first. */
export async function listChanges(tx: Tx, orgId: string): Promise<OrgChangeRow[]> {
  return rows<OrgChangeRow>(tx, sql`
    select id, kind, effective_date::text as "effectiveDate", details, reason, created_by_login as "createdByLogin",
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
    from org_change where org_id = ${orgId}::uuid order by created_at desc, effective_date desc`);
}
