import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { OrgNode } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import { cadre, org, team, tenure } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { domainsOnSql, domainsSinceSql } from './tenure-domains.repository.ts';

/** The SQL condition "this org path lies in the jurisdiction". null scope = unlimited. */
export function inScope(path: SQL | typeof org.path, scope: Scope | null): SQL {
  return scope ? sql`${path} like ${scope.path + '%'}` : sql`true`;
}

/**
 * 干部管理权限 of a cadre row the query already has: its management level is one the jurisdiction grants
 * (a county: 县管). No condition for a jurisdiction that grants every level (a city) or an unlimited actor.
 */
export function cadreManaged(level: SQL | AnyPgColumn, scope: Scope | null): SQL {
  return scope?.levels ? sql`${level} in (${sql.join(scope.levels.map((l) => sql`${l}`), sql`, `)})` : sql`true`;
}

/**
 * The cadres of the subtree a restricted jurisdiction does not manage (a county: its 市管 leaders). A small
 * set (the partial index `cadre_manage_above_idx` holds only cadres above 县管), computed once per statement
 * as a hashed subplan, so the query keeps its own driving index and only probes the set.
 */
function cadresManagedAbove(scope: Scope & { levels: readonly string[] }): SQL {
  return sql`(select hc.id from cadre hc join org ho on ho.id = hc.org_id
    where hc.manage_level <> '县管' and hc.manage_level not in (${sql.join(scope.levels.map((l) => sql`${l}`), sql`, `)})
      and ho.path like ${scope.path + '%'})`;
}

/**
 * The teams of the subtree whose leadership a 组织部 outside the jurisdiction manages (`org.managed_by`;
 * a county's 县委, 政府, 人大, 政协, 纪委监委 and 两院 are managed by the city). A team without `managed_by` is
 * managed where it lies. Also a small hashed set.
 */
function teamsManagedAbove(scope: Scope): SQL {
  return sql`(select ht.id from team ht join org ho on ho.id = ht.org_id join org hm on hm.id = ho.managed_by
    where ho.path like ${scope.path + '%'} and hm.path not like ${scope.path + '%'})`;
}

/**
 * 干部管理权限 of a subject given by ids (entries, warnings, obligations, attachments): neither its cadre is
 * of a level the jurisdiction does not grant nor its team managed from outside it. Use beside `inScope`.
 */
export function subjectManaged(cadreId: SQL | AnyPgColumn | null, teamId: SQL | AnyPgColumn | null, scope: Scope | null): SQL {
  if (!scope?.levels) return sql`true`;
  const c: SQL[] = [];
  if (cadreId) c.push(sql`(${cadreId} is null or ${cadreId} not in ${cadresManagedAbove({ ...scope, levels: scope.levels })})`);
  if (teamId) c.push(sql`(${teamId} is null or ${teamId} not in ${teamsManagedAbove(scope)})`);
  return c.length ? sql.join(c, sql` and `) : sql`true`;
}

/** A team (by id) is managed in the jurisdiction; see `subjectManaged`. */
export function teamManaged(teamId: SQL | AnyPgColumn, scope: Scope | null): SQL {
  return subjectManaged(null, teamId, scope);
}

/** The SQL condition "this org path lies in the subtree of org `orgId`" (区域); none when no org is given. */
export function inSubtree(path: SQL | AnyPgColumn, orgId: string | undefined): SQL {
  return orgId ? sql`${path} like (select a.path from org a where a.id = ${orgId}::uuid) || '%'` : sql`true`;
}

export interface OrgRow {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  shortName: string | null;
  type: string;
  level: string;
  managedBy: string | null;
  regionCode: string;
  flags: Record<string, boolean>;
  /** 已撤销 on that day (机构改革): readable, but no new records in it. */
  abolishedOn: string | null;
}

export async function findOrgInScope(tx: Tx, id: string, scope: Scope | null): Promise<OrgRow | null> {
  const [o] = await tx.select({
    id: org.id, parentId: org.parentId, path: org.path, name: org.name, shortName: org.shortName, type: org.type,
    level: org.level, managedBy: org.managedBy, regionCode: org.regionCode, flags: org.flags, abolishedOn: org.abolishedOn,
  }).from(org).where(and(eq(org.id, id), inScope(org.path, scope)));
  return o ?? null;
}

const manager = alias(org, 'manager');
const mergedTarget = alias(org, 'merged_target');

function nodeQuery(tx: Tx) {
  return tx.select({
    id: org.id,
    parentId: org.parentId,
    name: org.name,
    shortName: org.shortName,
    type: org.type,
    level: org.level,
    managedById: org.managedBy,
    managedByName: manager.name,
    regionCode: org.regionCode,
    flags: org.flags,
    hasTeam: sql<boolean>`exists (select 1 from ${team} t where t.org_id = ${org.id})`,
    childCount: sql<number>`(select count(*)::int from ${org} c where c.parent_id = ${org.id})`,
    formerNames: org.formerNames,
    abolishedOn: org.abolishedOn,
    mergedIntoId: org.mergedInto,
    mergedIntoName: mergedTarget.name,
  }).from(org).leftJoin(manager, eq(manager.id, org.managedBy)).leftJoin(mergedTarget, eq(mergedTarget.id, org.mergedInto));
}

/** Children of `parentId`; with no parent, the roots the actor may see (the jurisdiction root, or the tree roots). */
export async function orgChildren(tx: Tx, parentId: string | null, scope: Scope | null): Promise<OrgNode[]> {
  const where = parentId
    ? and(eq(org.parentId, parentId), inScope(org.path, scope))
    : scope ? eq(org.id, scope.orgId) : isNull(org.parentId);
  // Abolished units (已撤销) stay in the tree, after the living ones.
  return (await nodeQuery(tx).where(where).orderBy(sql`${org.abolishedOn} is not null`, asc(org.sortOrder), asc(org.name))) as OrgNode[];
}

export async function orgNode(tx: Tx, id: string, scope: Scope | null): Promise<OrgNode | null> {
  const [n] = await nodeQuery(tx).where(and(eq(org.id, id), inScope(org.path, scope)));
  return (n as OrgNode | undefined) ?? null;
}

/** Units for a new record: living ones (not 已撤销), by current name or a former name. */
export async function searchOrgs(tx: Tx, q: string, scope: Scope | null, limit: number) {
  const parent = alias(org, 'parent');
  const like = '%' + q.replace(/[%_\\]/gu, (c) => '\\' + c) + '%';
  return tx.select({ id: org.id, name: org.name, path: org.path, parentName: parent.name, teamId: team.id }).from(org)
    .leftJoin(parent, eq(parent.id, org.parentId)).leftJoin(team, and(eq(team.orgId, org.id), teamManaged(team.id, scope)))
    .where(and(
      sql`(${org.name} like ${like} or exists (select 1 from unnest(${org.formerNames}) fn where fn like ${like}))`,
      isNull(org.abolishedOn), inScope(org.path, scope),
    ))
    .orderBy(org.name).limit(limit);
}

/** Names of the ancestors of a path, from the root down (for breadcrumbs). */
export async function ancestorNames(tx: Tx, path: string): Promise<Array<{ id: string; name: string }>> {
  const ids = path.split('/').filter(Boolean);
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; name: string }>(tx, sql`select id, name from org where id = any(${sql.param(ids)}::uuid[])`);
  const byId = new Map(found.map((r) => [r.id, r.name]));
  return ids.filter((id) => byId.has(id)).map((id) => ({ id, name: byId.get(id)! }));
}

export interface NewOrg {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  shortName: string | null;
  type: string;
  level: string;
  managedBy: string | null;
  regionCode: string;
  flags: Record<string, boolean>;
  sortOrder: number;
}

export async function insertOrg(tx: Tx, o: NewOrg): Promise<void> {
  await tx.insert(org).values(o);
}

export async function nextSortOrder(tx: Tx, parentId: string | null): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select coalesce(max(sort_order), 0)::int + 1 as n from org where parent_id is not distinct from ${parentId}::uuid`);
  return r?.n ?? 1;
}

export async function insertTeam(tx: Tx, orgId: string, name: string): Promise<string> {
  const [t] = await tx.insert(team).values({ orgId, name }).returning({ id: team.id });
  return t!.id;
}

export async function teamOfOrg(tx: Tx, orgId: string) {
  const [t] = await tx.select({ id: team.id, orgId: team.orgId, name: team.name }).from(team).where(eq(team.orgId, orgId));
  return t ?? null;
}

/** Current members (tenures without an end, or ending after `today`): 一把手 first, then by start date. */
export async function teamMembers(tx: Tx, teamId: string, today: string) {
  return tx.select({
    tenureId: tenure.id,
    cadreId: cadre.id,
    name: cadre.name,
    gender: cadre.gender,
    birth: cadre.birth,
    title: tenure.title,
    isPrincipal: tenure.isPrincipal,
    domains: domainsOnSql(tenure.id, tenure.domains, today),
    domainsSince: domainsSinceSql(tenure.id, today),
    rank: tenure.rank,
    startDate: tenure.startDate,
    manageLevel: cadre.manageLevel,
  }).from(tenure).innerJoin(cadre, eq(cadre.id, tenure.cadreId))
    .where(and(eq(tenure.teamId, teamId), sql`(${tenure.endDate} is null or ${tenure.endDate} > ${today})`))
    .orderBy(sql`${tenure.isPrincipal} desc`, asc(tenure.startDate), asc(cadre.namePinyin));
}

export async function teamInScope(tx: Tx, teamId: string, scope: Scope | null) {
  const [t] = await tx.select({ id: team.id, orgId: team.orgId, orgName: org.name, abolishedOn: org.abolishedOn }).from(team)
    .innerJoin(org, eq(org.id, team.orgId)).where(and(eq(team.id, teamId), inScope(org.path, scope), teamManaged(team.id, scope)));
  return t ?? null;
}

/** False when the team's leadership is managed by a 组织部 outside the jurisdiction (上级管理). */
export async function isTeamManaged(tx: Tx, teamId: string, scope: Scope | null): Promise<boolean> {
  if (!scope?.levels) return true;
  const [r] = await rows<{ ok: boolean }>(tx, sql`select ${teamManaged(sql`${teamId}::uuid`, scope)} as ok`);
  return !!r?.ok;
}
