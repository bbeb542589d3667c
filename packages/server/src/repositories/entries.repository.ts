import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { rows, type Tx } from '../db/client.ts';
import { cadre, department, entry, entryHead, entryReview, org, team } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { cadreManaged, inScope, inSubtree, subjectManaged, teamManaged } from './orgs.repository.ts';

export type EntryInsert = typeof entry.$inferInsert;
export type EntryRow = typeof entry.$inferSelect;
export type HeadRow = typeof entryHead.$inferSelect;

export async function insertVersion(tx: Tx, v: EntryInsert): Promise<void> {
  await tx.insert(entry).values(v);
}

export async function upsertHead(tx: Tx, h: typeof entryHead.$inferInsert): Promise<void> {
  await tx.insert(entryHead).values(h).onConflictDoUpdate({
    target: entryHead.entryId,
    set: {
      versionId: h.versionId, version: h.version, status: h.status, reviewReason: h.reviewReason ?? null,
      cadreId: h.cadreId ?? null, teamId: h.teamId ?? null, orgId: h.orgId, occurredOn: h.occurredOn, updatedAt: h.updatedAt,
    },
  });
}

export async function setHeadStatus(tx: Tx, entryId: string, status: string, reviewReason: string | null, at: Date): Promise<void> {
  await tx.update(entryHead).set({ status, reviewReason, updatedAt: at }).where(eq(entryHead.entryId, entryId));
}

/** The entry's head and current version, if its subject lies in the scope (and, for a department, it is theirs). */
export async function findCurrent(tx: Tx, entryId: string, scope: Scope | null, dept: string | null) {
  const [r] = await tx.select({ head: entryHead, version: entry }).from(entryHead)
    .innerJoin(entry, eq(entry.id, entryHead.versionId))
    .innerJoin(org, eq(org.id, entryHead.orgId))
    .where(and(eq(entryHead.entryId, entryId), inScope(org.path, scope), subjectManaged(entryHead.cadreId, entryHead.teamId, scope),
      dept ? eq(entryHead.sourceDept, dept) : sql`true`));
  return r ?? null;
}

/** Locks the head row so a review and a correction of one entry do not interleave. */
export async function lockHead(tx: Tx, entryId: string): Promise<void> {
  await tx.execute(sql`select 1 from entry_head where entry_id = ${entryId} for update`);
}

const viewColumns = {
  v: entry,
  kindName: sql<string>`${entry.kind}`,
  sourceDeptName: department.name,
  cadreName: cadre.name,
  teamName: team.name,
};

export async function versionsOf(tx: Tx, entryId: string) {
  return tx.select(viewColumns).from(entry)
    .innerJoin(department, eq(department.code, entry.sourceDept))
    .leftJoin(cadre, eq(cadre.id, entry.cadreId))
    .leftJoin(team, eq(team.id, entry.teamId))
    .where(eq(entry.entryId, entryId)).orderBy(desc(entry.version));
}

export async function reviewsOf(tx: Tx, entryId: string) {
  return tx.select({
    decision: entryReview.decision, reason: entryReview.reason, by: entryReview.reviewedByLogin, at: entryReview.reviewedAt,
    version: entry.version,
  }).from(entryReview).innerJoin(entry, eq(entry.id, entryReview.versionId))
    .where(eq(entryReview.entryId, entryId)).orderBy(entryReview.reviewedAt);
}

export async function insertReview(tx: Tx, r: typeof entryReview.$inferInsert): Promise<void> {
  await tx.insert(entryReview).values(r);
}

export interface EntryFilter {
  cadreId?: string;
  teamId?: string;
  kind?: string;
  sourceDept?: string;
  year?: number;
  /** 'YYYY-MM': entries that occurred in that month. */
  month?: string;
  /** An org: entries of subjects in its subtree (区域). */
  orgId?: string;
  status?: string;
  /** Entries created by one import batch. */
  batchId?: string;
  /** Keyset: entries strictly after this (occurred_on desc, entry_id desc). */
  after?: [string, string] | null;
  limit: number;
}

/** The head and org columns the conditions use, of the tables or of aliases of them. */
type HeadColumns = Record<'sourceDept' | 'cadreId' | 'teamId' | 'kind' | 'status' | 'occurredOn' | 'entryId', AnyPgColumn>;

/**
 * The 区域's path as a literal (undefined: no 区域; null: no such org). With the prefix as a constant the planner
 * sees how much of the tree it holds — a town: its few entries through `entry_head_org_idx`; a city: a walk of
 * `entry_head_recent_idx` — where `like (select path …) || '%'` made it guess, and walk the whole ledger for a town.
 */
async function areaPathOf(tx: Tx, orgId: string | undefined): Promise<string | null | undefined> {
  if (!orgId) return undefined;
  const [r] = await tx.select({ path: org.path }).from(org).where(eq(org.id, orgId));
  return r?.path ?? null;
}

function currentConditions(f: Omit<EntryFilter, 'limit'>, scope: Scope | null, dept: string | null, h: HeadColumns = entryHead, o: { path: AnyPgColumn } = org, area?: string | null): SQL[] {
  const conds: SQL[] = [inScope(sql`${o.path}`, scope), subjectManaged(h.cadreId, h.teamId, scope)];
  if (dept) conds.push(eq(h.sourceDept, dept));
  if (f.cadreId) conds.push(eq(h.cadreId, f.cadreId));
  if (f.teamId) conds.push(eq(h.teamId, f.teamId));
  if (f.kind) conds.push(eq(h.kind, f.kind));
  if (f.sourceDept) conds.push(eq(h.sourceDept, f.sourceDept));
  if (f.status) conds.push(eq(h.status, f.status));
  if (f.batchId) conds.push(sql`${h.entryId} in (select e.entry_id from ${entry} e where e.batch_id = ${f.batchId}::uuid)`);
  if (f.year) conds.push(sql`${h.occurredOn} >= ${`${f.year}-01-01`} and ${h.occurredOn} <= ${`${f.year}-12-31`}`);
  if (f.month) conds.push(sql`${h.occurredOn} >= ${`${f.month}-01`}::date and ${h.occurredOn} < (${`${f.month}-01`}::date + interval '1 month')`);
  if (f.orgId) conds.push(area === undefined ? inSubtree(o.path, f.orgId) : area === null ? sql`false` : sql`${o.path} like ${area + '%'}`);
  if (f.after) conds.push(sql`(${h.occurredOn}, ${h.entryId}) < (${f.after[0]}::date, ${f.after[1]}::uuid)`);
  return conds;
}

/**
 * Current versions, newest first, within the scope; `dept` limits to one department's submissions.
 * The page's keys are chosen on the narrow head table first, then only those rows are joined (the wide
 * join of every matching row before the top-N sort made each page of a large ledger four times slower).
 */
export async function listCurrent(tx: Tx, f: EntryFilter, scope: Scope | null, dept: string | null) {
  const h = alias(entryHead, 'page_head');
  const o = alias(org, 'page_org');
  const area = await areaPathOf(tx, f.orgId);
  const page = tx.select({ id: h.entryId }).from(h).innerJoin(o, eq(o.id, h.orgId))
    .where(and(...currentConditions(f, scope, dept, h, o, area)))
    .orderBy(desc(h.occurredOn), desc(h.entryId))
    .limit(f.limit);
  return tx.select({ ...viewColumns, head: entryHead, orgName: org.name, cadreIdMasked: cadre.idNumberMasked }).from(entryHead)
    .innerJoin(entry, eq(entry.id, entryHead.versionId))
    .innerJoin(org, eq(org.id, entryHead.orgId))
    .innerJoin(department, eq(department.code, entry.sourceDept))
    .leftJoin(cadre, eq(cadre.id, entry.cadreId))
    .leftJoin(team, eq(team.id, entry.teamId))
    .where(inArray(entryHead.entryId, page))
    .orderBy(desc(entryHead.occurredOn), desc(entryHead.entryId));
}

/** How many current entries `listCurrent` would page through (the keyset is ignored). */
export async function countCurrent(tx: Tx, f: Omit<EntryFilter, 'limit'>, scope: Scope | null, dept: string | null): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(entryHead)
    .innerJoin(org, eq(org.id, entryHead.orgId))
    .where(and(...currentConditions({ ...f, after: null }, scope, dept, entryHead, org, await areaPathOf(tx, f.orgId))));
  return Number(r?.n ?? 0);
}

export async function existingNaturalKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await rows<{ natural_key: string }>(tx, sql`select natural_key from entry where version = 1 and natural_key = any(${sql.param(keys)}::text[])`);
  return new Set(r.map((x) => x.natural_key));
}

/** The org (and region) a subject belongs to, if it lies in the scope. */
export async function subjectOrg(tx: Tx, subject: { cadreId?: string | null; teamId?: string | null }, scope: Scope | null) {
  let cadreRow: { orgId: string; regionCode: string; name: string } | null = null;
  let teamRow: { orgId: string; regionCode: string; name: string } | null = null;
  if (subject.cadreId) {
    const [c] = await tx.select({ orgId: cadre.orgId, regionCode: cadre.regionCode, name: cadre.name }).from(cadre)
      .innerJoin(org, eq(org.id, cadre.orgId)).where(and(eq(cadre.id, subject.cadreId), inScope(org.path, scope), cadreManaged(cadre.manageLevel, scope)));
    cadreRow = c ?? null;
  }
  if (subject.teamId) {
    const [t] = await tx.select({ orgId: team.orgId, regionCode: org.regionCode, name: team.name }).from(team)
      .innerJoin(org, eq(org.id, team.orgId)).where(and(eq(team.id, subject.teamId), inScope(org.path, scope), teamManaged(team.id, scope)));
    teamRow = t ?? null;
  }
  return { cadre: cadreRow, team: teamRow };
}

/** The subject, kind and status of the current heads of `ids` (the entries 容错纠错 rows point at). */
export async function headTargets(tx: Tx, ids: readonly string[]): Promise<Array<{ id: string; cadreId: string | null; kind: string; status: string }>> {
  return tx.select({ id: entryHead.entryId, cadreId: entryHead.cadreId, kind: entryHead.kind, status: entryHead.status })
    .from(entryHead).where(inArray(entryHead.entryId, [...ids]));
}

/** The subject, kind and status of one entry's current head, or null. */
export async function headTarget(tx: Tx, id: string): Promise<{ cadreId: string | null; kind: string; status: string } | null> {
  const [h] = await tx.select({ cadreId: entryHead.cadreId, kind: entryHead.kind, status: entryHead.status })
    .from(entryHead).where(eq(entryHead.entryId, id));
  return h ?? null;
}
