import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { CadreListItem, CadreListQuery, CountResult, TenureView } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import { cadre, org, team, tenure } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { cadreManaged, inScope } from './orgs.repository.ts';
import { domainsOnSql, domainsSinceSql } from './tenure-domains.repository.ts';
import { countList, sortAfter, sortKeyJson, sortOf, sortOrder, type SortPlan } from './lists.ts';

export type CadreInsert = typeof cadre.$inferInsert;

export interface CadreFilter {
  nameContains?: string;
  initialsPrefix?: string;
  idNumberBidx?: Buffer;
  orgPath?: string;
  status?: string;
  gender?: string;
  principal?: boolean;
  after?: [string, string] | null;
  /** A chosen order (`sort`) and the key after which its page starts (replaces `after`). */
  sort?: SortPlan;
  sortAfter?: readonly unknown[] | null;
  limit: number;
  today: string;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/gu, (c) => '\\' + c);
const sortKey = sql`${cadre.namePinyin} collate "C"`;

/** The characters pairs of a search text (one character: itself), as `cadre_name_grams` (migration 0033) makes them. */
export function nameQueryGrams(text: string): string[] {
  const c = Array.from(text);
  if (c.length <= 1) return c;
  return [...new Set(c.slice(1).map((x, i) => c[i]! + x))];
}

/**
 * 姓名 contains the text: the GIN index of the name's characters and pairs finds the candidates (a province's
 * `%张%` walked the pinyin index through ~190,000 names), `like` is the exact test.
 */
function nameContains(text: string): SQL {
  const grams = sql`${cadre}.name_grams @> ${sql.param(nameQueryGrams(text))}::text[]`;
  // One character: its presence in the grams is the test (a `like` beside it made the planner count twice).
  return Array.from(text).length === 1 ? grams : sql`(${grams} and ${cadre.name} like ${'%' + escapeLike(text) + '%'})`;
}

/** Current principal tenure first, else the latest current one. */
const currentTenure = (today: string) => sql`(
  select json_build_object('title', t.title, 'isPrincipal', t.is_principal)
  from ${tenure} t where t.cadre_id = ${cadre.id} and (t.end_date is null or t.end_date > ${today})
  order by t.is_principal desc, t.start_date desc limit 1)`;

function cadreConditions(f: Omit<CadreFilter, 'limit'>, scope: Scope | null): SQL[] {
  const conds: SQL[] = [inScope(org.path, scope), cadreManaged(cadre.manageLevel, scope)];
  if (f.idNumberBidx) conds.push(eq(cadre.idNumberBidx, f.idNumberBidx));
  if (f.nameContains && f.initialsPrefix) {
    conds.push(sql`(${nameContains(f.nameContains)} or ${cadre.nameInitials} like ${escapeLike(f.initialsPrefix) + '%'})`);
  } else if (f.nameContains) {
    conds.push(nameContains(f.nameContains));
  }
  if (f.orgPath) conds.push(sql`${org.path} like ${f.orgPath + '%'}`);
  if (f.status) conds.push(eq(cadre.status, f.status));
  if (f.gender) conds.push(eq(cadre.gender, f.gender));
  if (f.principal !== undefined) {
    conds.push(sql`${f.principal ? sql`` : sql`not`} exists (select 1 from ${tenure} t where t.cadre_id = ${cadre.id} and t.is_principal and (t.end_date is null or t.end_date > ${f.today}))`);
  }
  if (f.after) conds.push(sql`(${sortKey}, ${cadre.id}) > (${f.after[0]} collate "C", ${f.after[1]}::uuid)`);
  return conds;
}

/** The order of `sort=`: 姓名 (pinyin), 单位 (then pinyin), 出生日期 (then pinyin). */
export function cadreSortPlan(sort: NonNullable<CadreListQuery['sort']>): SortPlan {
  const { column, dir } = sortOf(sort);
  const pinyin = { expr: sortKey, part: 'text' as const };
  const keys = column === 'org' ? [{ expr: sql`${org.name} collate "C"`, part: 'text' as const }, pinyin]
    : column === 'birth' ? [{ expr: sql`coalesce(${cadre.birth}, '') collate "C"`, part: 'text' as const }, pinyin]
      : [pinyin];
  return { keys, id: sql`${cadre.id}`, dir };
}

/** 共 N 条 of the list (exact up to `cap`, else the planner's estimate). */
export async function countCadresCapped(tx: Tx, f: Omit<CadreFilter, 'limit'>, scope: Scope | null, cap?: number): Promise<CountResult> {
  const listed = tx.select({ one: sql`1` }).from(cadre).innerJoin(org, eq(org.id, cadre.orgId))
    .where(and(...cadreConditions({ ...f, after: null }, scope)));
  return countList(tx, listed, cap);
}

/** How many cadres `listCadres` would page through (the keyset is ignored). */
export async function countCadres(tx: Tx, f: Omit<CadreFilter, 'limit'>, scope: Scope | null): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(cadre).innerJoin(org, eq(org.id, cadre.orgId))
    .where(and(...cadreConditions({ ...f, after: null }, scope)));
  return Number(r?.n ?? 0);
}

export async function listCadres(tx: Tx, f: CadreFilter, scope: Scope | null): Promise<Array<CadreListItem & { sortKey?: unknown[] }>> {
  const conds = cadreConditions(f, scope);
  if (f.sort) conds.push(sortAfter(f.sort, f.sortAfter ?? null));
  const result = await tx.select({
    id: cadre.id,
    name: cadre.name,
    namePinyin: cadre.namePinyin,
    gender: cadre.gender,
    birth: cadre.birth,
    orgId: cadre.orgId,
    orgName: org.name,
    current: sql<{ title: string; isPrincipal: boolean } | null>`${currentTenure(f.today)}`,
    rank: cadre.rank,
    status: cadre.status,
    idNumberMasked: cadre.idNumberMasked,
    ...(f.sort ? { sortKey: sql<unknown[] | string>`${sortKeyJson(f.sort)}` } : {}),
  }).from(cadre).innerJoin(org, eq(org.id, cadre.orgId))
    .where(and(...conds))
    // A name search sorts its candidates (found by the grams' index) rather than walk the pinyin index: the
    // matches of a surname lie together in pinyin order (张: ~15,000 names at "zhang"), far from where the walk starts.
    .orderBy(...(f.sort ? [sortOrder(f.sort)] : [f.nameContains ? sql`${sortKey} || ''` : sortKey, asc(cadre.id)]))
    .limit(f.limit);
  return result.map(({ current, namePinyin: _k, sortKey: k, ...r }: typeof result[number] & { sortKey?: unknown[] | string }) => {
    const c = typeof current === 'string' ? (JSON.parse(current) as { title: string; isPrincipal: boolean }) : current;
    const item = { ...r, currentTitle: c?.title ?? null, isPrincipal: c?.isPrincipal ?? false };
    return k === undefined ? item : { ...item, sortKey: typeof k === 'string' ? (JSON.parse(k) as unknown[]) : k };
  });
}

export async function sortKeyOf(tx: Tx, id: string): Promise<string | null> {
  const [r] = await tx.select({ k: cadre.namePinyin }).from(cadre).where(eq(cadre.id, id));
  return r?.k ?? null;
}

export async function findCadreInScope(tx: Tx, id: string, scope: Scope | null) {
  const [c] = await tx.select({ cadre, orgName: org.name, orgPath: org.path }).from(cadre)
    .innerJoin(org, eq(org.id, cadre.orgId))
    .where(and(eq(cadre.id, id), inScope(org.path, scope), cadreManaged(cadre.manageLevel, scope)));
  return c ?? null;
}

export async function findByBlindIndex(tx: Tx, bidx: Buffer, scope: Scope | null) {
  const [c] = await tx.select({ id: cadre.id, name: cadre.name, orgName: org.name }).from(cadre)
    .innerJoin(org, eq(org.id, cadre.orgId))
    .where(and(eq(cadre.idNumberBidx, bidx), inScope(org.path, scope), cadreManaged(cadre.manageLevel, scope)));
  return c ?? null;
}

export async function findByNameAndOrg(tx: Tx, name: string, orgId: string, scope: Scope | null) {
  return tx.select({ id: cadre.id, name: cadre.name, orgName: org.name }).from(cadre)
    .innerJoin(org, eq(org.id, cadre.orgId))
    .where(and(eq(cadre.name, name), eq(cadre.orgId, orgId), inScope(org.path, scope), cadreManaged(cadre.manageLevel, scope)));
}

export async function currentTitleOf(tx: Tx, cadreId: string, today: string): Promise<string | null> {
  const [r] = await tx.select({ title: tenure.title }).from(tenure)
    .where(and(eq(tenure.cadreId, cadreId), sql`(${tenure.endDate} is null or ${tenure.endDate} > ${today})`))
    .orderBy(sql`${tenure.isPrincipal} desc`, sql`${tenure.startDate} desc`).limit(1);
  return r?.title ?? null;
}

export async function insertCadre(tx: Tx, c: CadreInsert): Promise<void> {
  await tx.insert(cadre).values(c);
}

/** The cadre's tenures, with the 分工 in force on `today` (after any 分工调整). */
export async function tenuresOf(tx: Tx, cadreId: string, today: string): Promise<TenureView[]> {
  return tx.select({
    id: tenure.id,
    teamId: tenure.teamId,
    orgId: team.orgId,
    orgName: org.name,
    title: tenure.title,
    isPrincipal: tenure.isPrincipal,
    domains: domainsOnSql(tenure.id, tenure.domains, today),
    domainsSince: domainsSinceSql(tenure.id, today),
    rank: tenure.rank,
    startDate: tenure.startDate,
    endDate: tenure.endDate,
  }).from(tenure).innerJoin(team, eq(team.id, tenure.teamId)).innerJoin(org, eq(org.id, team.orgId))
    .where(eq(tenure.cadreId, cadreId))
    .orderBy(sql`${tenure.endDate} is null desc`, sql`${tenure.startDate} desc`);
}

export async function insertTenure(tx: Tx, t: typeof tenure.$inferInsert): Promise<string> {
  const [r] = await tx.insert(tenure).values(t).returning({ id: tenure.id });
  return r!.id;
}

export async function findTenure(tx: Tx, id: string) {
  const [t] = await tx.select().from(tenure).where(eq(tenure.id, id));
  return t ?? null;
}

export async function endTenure(tx: Tx, id: string, endDate: string): Promise<void> {
  await tx.update(tenure).set({ endDate }).where(eq(tenure.id, id));
}

/** Whether the cadre has a photo and an imported 任免审批表 (for the profile). */
export async function recordFlagsOf(tx: Tx, cadreId: string): Promise<{ hasPhoto: boolean; hasRecord: boolean }> {
  const [r] = await rows<{ has_photo: boolean; has_record: boolean }>(tx, sql`select
    exists (select 1 from cadre_photo where cadre_id = ${cadreId}::uuid) as has_photo,
    exists (select 1 from cadre_record where cadre_id = ${cadreId}::uuid) as has_record`);
  return { hasPhoto: !!r?.has_photo, hasRecord: !!r?.has_record };
}

/** Sets (null: removes) the override; the trigger recomputes `manage_level`. Returns the new level. */
export async function setManageLevelOverride(tx: Tx, id: string, level: string | null, at: Date): Promise<string> {
  const [r] = await tx.update(cadre).set({ manageLevelOverride: level, version: sql`${cadre.version} + 1`, updatedAt: at })
    .where(eq(cadre.id, id)).returning({ level: cadre.manageLevel });
  return r!.level;
}
