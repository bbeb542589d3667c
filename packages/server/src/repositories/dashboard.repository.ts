/**
 * 工作台's counts: open obligations and warnings, warnings by 区域 and by rule, coverage and entries by
 * source. Each count is restricted to an area (the reader's scope, the chosen org's subtree, and the
 * subjects the scope manages), as the lists it drills down to are.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope, inSubtree, subjectManaged } from './orgs.repository.ts';

/** The reader's scope and the chosen org (undefined: the whole scope). */
export interface DashboardArea {
  scope: Scope | null;
  orgId: string | undefined;
}

export type Count3 = { red: number; yellow: number; blue: number };

// Subjects of the lists: b (obligation), w (warning), h (entry_head), each with cadre_id and team_id (干部管理权限).
const subjects = { b: [sql`b.cadre_id`, sql`b.team_id`], w: [sql`w.cadre_id`, sql`w.team_id`], h: [sql`h.cadre_id`, sql`h.team_id`] } as const;
const where = (area: DashboardArea, a: keyof typeof subjects) =>
  sql`${inScope(sql`o.path`, area.scope)} and ${inSubtree(sql`o.path`, area.orgId)} and ${subjectManaged(subjects[a][0], subjects[a][1], area.scope)}`;
const open = (area: DashboardArea) => sql`w.active and w.status in ('new','read') and ${where(area, 'w')}`;

/** The path of an org in scope, or null. */
export async function orgPathInScope(tx: Tx, orgId: string, scope: Scope | null): Promise<string | null> {
  const [r] = await rows<{ path: string }>(tx, sql`select o.path from org o where o.id = ${orgId} and ${inScope(sql`o.path`, scope)}`);
  return r?.path ?? null;
}

/** Open obligations (not done, not 办结): pending, overdue, due within `dueSoonDays`, and those `userId` answers for. */
export async function obligationCounts(tx: Tx, area: DashboardArea, asOf: string, dueSoonDays: number, userId: string | null = null) {
  const [ob] = await rows<{ pending: number; overdue: number; due_soon: number; mine: number }>(tx, sql`
      select count(*) filter (where b.due_on >= ${asOf}) as pending, count(*) filter (where b.due_on < ${asOf}) as overdue,
             count(*) filter (where b.due_on >= ${asOf} and b.due_on <= ${asOf}::date + ${dueSoonDays}::int) as due_soon,
             count(*) filter (where b.responsible_id = ${userId}::uuid) as mine
      from obligation b join org o on o.id = b.org_id where b.active and b.done_on is null and b.closed_on is null and ${where(area, 'b')}`);
  return ob;
}

/** Open warnings (active, 未阅 or 已阅) by colour. */
export async function openWarningCounts(tx: Tx, area: DashboardArea): Promise<Count3 | undefined> {
  const [wc] = await rows<Count3>(tx, sql`
      select count(*) filter (where w.colour = 'red') as red, count(*) filter (where w.colour = 'yellow') as yellow,
             count(*) filter (where w.colour = 'blue') as blue
      from warning w join org o on o.id = w.org_id where ${open(area)}`);
  return wc;
}

/** Open warnings by colour for each child of the org at `root` (the 区域), the most red first, at most 30. */
export function openWarningsByArea(tx: Tx, area: DashboardArea, root: string) {
  return rows<Count3 & { org_id: string; org_name: string }>(tx, sql`
      with x as (
        select split_part(substr(o.path, ${root.length + 1}), '/', 1) as child, w.colour
        from warning w join org o on o.id = w.org_id where ${open(area)})
      select a.id as org_id, a.name as org_name, count(*) filter (where x.colour = 'red') as red,
             count(*) filter (where x.colour = 'yellow') as yellow, count(*) filter (where x.colour = 'blue') as blue
      from x join org a on a.id::text = coalesce(nullif(x.child, ''), ${root.split('/').filter(Boolean).pop() ?? ''})
      group by a.id, a.name, a.sort_order order by count(*) filter (where x.colour = 'red') desc, count(*) desc, a.sort_order limit 30`);
}

/** Open warnings by rule and colour, the most frequent rule first. */
export function openWarningsByRule(tx: Tx, area: DashboardArea) {
  return rows<Count3 & { rule: string }>(tx, sql`
      select w.rule, count(*) filter (where w.colour = 'red') as red, count(*) filter (where w.colour = 'yellow') as yellow,
             count(*) filter (where w.colour = 'blue') as blue
      from warning w join org o on o.id = w.org_id where ${open(area)} group by w.rule order by count(*) desc`);
}

/** Training, research and talk obligations due in `year`: done and total, by type. */
export function obligationCoverage(tx: Tx, area: DashboardArea, year: number) {
  return rows<{ type: string; done: number; total: number }>(tx, sql`
      select b.type, count(*) filter (where b.done_on is not null) as done, count(*) as total
      from obligation b join org o on o.id = b.org_id
      where b.active and b.type in ('training','research','talk') and extract(year from b.due_on) = ${year} and ${where(area, 'b')}
      group by b.type`);
}

/** Tree levels the summary `entry_area_month` holds (migration 0028): the first three ids of a path. */
const SUMMARY_DEPTH = 3;

/**
 * Accepted entries that occurred in [from, to] (`from` the first of a month), by month and source department.
 * An area at the top three levels of the tree, read by a jurisdiction that manages every level, comes from
 * the summary `entry_area_month` (a province's year is ~3 million rows); otherwise counted from the ledger.
 */
export async function entriesBySource(tx: Tx, area: DashboardArea, from: string, to: string) {
  if (!area.scope?.levels) {
    const root = area.orgId ? await orgPathInScope(tx, area.orgId, area.scope) : (area.scope?.path ?? '/');
    const ids = root?.split('/').filter(Boolean) ?? [];
    if (root !== null && ids.length <= SUMMARY_DEPTH) {
      const areas = ids.length ? sql`s.area_id = ${ids[ids.length - 1]}::uuid` : sql`s.area_id in (select r.id from org r where r.parent_id is null)`;
      return rows<{ month: string; source_dept: string; count: number }>(tx, sql`
      select to_char(s.month, 'YYYY-MM') as month, s.source_dept, sum(s.n)::int as count
      from entry_area_month s where ${areas} and s.month >= ${from}::date and s.month <= ${to}::date
      group by 1, 2 having sum(s.n) <> 0 order by 1, 2`);
    }
  }
  // A county or smaller: unit by unit through entry_head_org_idx (`offset 0` keeps the lateral a loop; as a
  // plain join the planner read the whole province's year by date and kept the county's 1 %).
  return rows<{ month: string; source_dept: string; count: number }>(tx, sql`
      select to_char(h.occurred_on, 'YYYY-MM') as month, h.source_dept, count(*) as count
      from org o cross join lateral (
        select h.occurred_on, h.source_dept, h.cadre_id, h.team_id from entry_head h
        where h.org_id = o.id and h.status = 'accepted' and h.occurred_on >= ${from} and h.occurred_on <= ${to} offset 0) h
      where ${where(area, 'h')}
      group by 1, 2 order by 1, 2`);
}

/** Folds the summary's deltas (hourly, with the housekeeping); returns the rows written. */
export async function compactEntryAreaMonth(tx: Tx): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select entry_area_month_compact() as n`);
  return Number(r?.n ?? 0);
}
