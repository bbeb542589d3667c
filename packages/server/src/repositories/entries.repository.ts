import { and, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { rows, type Tx } from '../db/client.ts';
import { cadre, department, entry, entryHead, entryReview, org, team } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import type { CountResult, EntryListQuery } from '@jiandu/domain';
import { cadreManaged, inScope, inSubtree, subjectManaged, teamManaged } from './orgs.repository.ts';
import { countList, sortAfter, sortKeyJson, sortOf, sortOrder, type SortPlan } from './lists.ts';

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

// The version as readers see it: without the 摘要's search grams (an index, not content).
const { summaryGrams: _grams, ...versionColumns } = getTableColumns(entry);

const viewColumns = {
  v: versionColumns,
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
  /** Keyword search: every term in the subject's name, the 文号 or the 摘要 (its grams, crypto/entry-search.ts). */
  search?: SearchTerm[];
  /** Keyset: entries strictly after this (occurred_on desc, entry_id desc). */
  after?: [string, string] | null;
  /** A chosen order (`sort=`) and the key its page starts after (replaces `after`). */
  sort?: NonNullable<EntryListQuery['sort']>;
  sortAfter?: readonly unknown[] | null;
  limit: number;
}

/** A term of a keyword search: its text (matched as a substring) and the hashed bigrams the 摘要 must contain (none for one character). */
export interface SearchTerm { term: string; grams: number[] }
/**
 * The order of `sort=` on a head table (or alias) and its current version: 发生日期, 登记时间 (the current
 * version's), 类别 (then 发生日期).
 */
export function entrySortPlan(sort: NonNullable<EntryListQuery['sort']>, h: HeadColumns = entryHead, v: { createdAt: AnyPgColumn } = entry): SortPlan {
  const { column, dir } = sortOf(sort);
  const occurred = { expr: sql`${h.occurredOn}`, part: 'date' as const };
  const keys = column === 'createdAt' ? [{ expr: sql`${v.createdAt}`, part: 'timestamp' as const }]
    : column === 'kind' ? [{ expr: sql`${h.kind} collate "C"`, part: 'text' as const }, occurred]
      : [occurred];
  return { keys, id: sql`${h.entryId}`, dir };
}

/** The head and org columns the conditions use, of the tables or of aliases of them. */
type HeadColumns = Record<'sourceDept' | 'cadreId' | 'teamId' | 'kind' | 'status' | 'occurredOn' | 'entryId' | 'versionId', AnyPgColumn>;

const likePattern = (term: string): string => `%${term.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;

/**
 * One term of a keyword search on an entry: the 姓名 of its cadre or the name of its team, its 文号
 * (case-insensitive), or its 摘要 (the current version's grams contain all of the term's; a term of one
 * character has no grams and does not look at the 摘要).
 */
function searchCondition(t: SearchTerm, h: HeadColumns): SQL {
  const like = likePattern(t.term);
  const inSummary = t.grams.length > 0 ? sql` or sv.summary_grams @> ${sql.param(t.grams)}::int4[]` : sql``;
  return sql`(exists (select 1 from ${entry} sv where sv.id = ${h.versionId} and (sv.ref_no ilike ${like}${inSummary}))
    or exists (select 1 from ${cadre} sc where sc.id = ${h.cadreId} and sc.name like ${like})
    or exists (select 1 from ${team} st where st.id = ${h.teamId} and st.name like ${like}))`;
}

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
  for (const t of f.search ?? []) conds.push(searchCondition(t, h));
  if (f.after) conds.push(sql`(${h.occurredOn}, ${h.entryId}) < (${f.after[0]}::date, ${f.after[1]}::uuid)`);
  return conds;
}

/**
 * Current versions, newest first, within the scope; `dept` limits to one department's submissions.
 * The page's keys are chosen on the narrow head table first, then only those rows are joined (the wide
 * join of every matching row before the top-N sort made each page of a large ledger four times slower).
 */
export async function listCurrent(tx: Tx, f: EntryFilter, scope: Scope | null, dept: string | null) {
  if (f.sort) return listCurrentSorted(tx, { ...f, sort: f.sort }, scope, dept);
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

/** `listCurrent` in a chosen order; each row carries its sort key (for the next cursor). */
async function listCurrentSorted(tx: Tx, f: EntryFilter & { sort: NonNullable<EntryListQuery['sort']> }, scope: Scope | null, dept: string | null) {
  const h = alias(entryHead, 'page_head');
  const o = alias(org, 'page_org');
  const v = alias(entry, 'page_version');
  const inner = entrySortPlan(f.sort, h, v);
  const byVersion = sortOf(f.sort).column === 'createdAt';
  const base = tx.select({ id: h.entryId }).from(h).innerJoin(o, eq(o.id, h.orgId));
  const page = (byVersion ? base.innerJoin(v, eq(v.id, h.versionId)) : base)
    .where(and(...currentConditions({ ...f, after: null }, scope, dept, h, o, await areaPathOf(tx, f.orgId)), sortAfter(inner, f.sortAfter ?? null)))
    .orderBy(sortOrder(inner))
    .limit(f.limit);
  const outer = entrySortPlan(f.sort);
  return tx.select({ ...viewColumns, head: entryHead, orgName: org.name, cadreIdMasked: cadre.idNumberMasked, sortKey: sql<unknown[] | string>`${sortKeyJson(outer)}` }).from(entryHead)
    .innerJoin(entry, eq(entry.id, entryHead.versionId))
    .innerJoin(org, eq(org.id, entryHead.orgId))
    .innerJoin(department, eq(department.code, entry.sourceDept))
    .leftJoin(cadre, eq(cadre.id, entry.cadreId))
    .leftJoin(team, eq(team.id, entry.teamId))
    .where(inArray(entryHead.entryId, page))
    .orderBy(sortOrder(outer));
}

/** 共 N 条 of the ledger list (exact up to `cap`, else the planner's estimate). */
export async function countCurrentCapped(tx: Tx, f: Omit<EntryFilter, 'limit'>, scope: Scope | null, dept: string | null, cap?: number): Promise<CountResult> {
  const listed = tx.select({ one: sql`1` }).from(entryHead)
    .innerJoin(org, eq(org.id, entryHead.orgId))
    .where(and(...currentConditions({ ...f, after: null }, scope, dept, entryHead, org, await areaPathOf(tx, f.orgId))));
  return countList(tx, listed, cap);
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

/** Versions whose 摘要 has no search grams yet (written before migration 0027), in id order after `after`. */
export async function versionsWithoutGrams(tx: Tx, after: string | null, limit: number): Promise<Array<{ id: string; entryId: string; summary: string }>> {
  return tx.select({ id: entry.id, entryId: entry.entryId, summary: entry.summary }).from(entry)
    .where(and(sql`${entry.summaryGrams} is null`, after ? sql`${entry.id} > ${after}::uuid` : sql`true`))
    .orderBy(entry.id).limit(limit);
}

/** Fills the search grams of versions that have none (the one change the append-only trigger allows). */
export async function fillSummaryGrams(tx: Tx, r: Array<{ id: string; grams: number[] }>): Promise<void> {
  if (r.length === 0) return;
  await tx.execute(sql`update entry e set summary_grams = u.g::int4[]
    from unnest(${sql.param(r.map((x) => x.id))}::uuid[], ${sql.param(r.map((x) => `{${x.grams.join(',')}}`))}::text[]) as u(id, g)
    where e.id = u.id and e.summary_grams is null`);
}
