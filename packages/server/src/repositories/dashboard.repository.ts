/**
 * 工作台's counts: open obligations and warnings, warnings by 区域 and by rule, coverage and entries by
 * source. Each count is restricted to an area (the reader's scope, the chosen org's subtree, and the
 * subjects the scope manages), as the lists it drills down to are.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope, inSubtree, subjectManaged } from './orgs.repository.ts';

/** The reader's scope and the chosen org (undefined: the whole scope), with that org's path once read. */
export interface DashboardArea {
  scope: Scope | null;
  orgId: string | undefined;
  /**
   * The chosen org's path (`orgPathInScope`): given, the area is a literal prefix the planner can weigh (a county's
   * ~100 units go by their index; a subquery's path looked like any share of the tree).
   */
  path?: string;
}

export type Count3 = { red: number; yellow: number; blue: number };

// Subjects of the lists: b (obligation), w (warning), h (entry_head), each with cadre_id and team_id (干部管理权限).
const subjects = { b: [sql`b.cadre_id`, sql`b.team_id`], w: [sql`w.cadre_id`, sql`w.team_id`], h: [sql`h.cadre_id`, sql`h.team_id`] } as const;
const subtree = (area: DashboardArea) => (area.orgId && area.path !== undefined ? sql`o.path like ${area.path + '%'}` : inSubtree(sql`o.path`, area.orgId));
const place = (area: DashboardArea) => sql`${inScope(sql`o.path`, area.scope)} and ${subtree(area)}`;
/**
 * 干部管理权限, applied by the statement's outer query to the rows of the area (selected in a subquery with
 * `offset 0`): inside a loop over the units the planner counted the hashed sets' cost once per unit, and at ~2M
 * estimated cost JIT-compiled the statement (~1 s for 135 units' 372 warnings).
 */
const managed = (area: DashboardArea, a: keyof typeof subjects) => subjectManaged(subjects[a][0], subjects[a][1], area.scope);

/**
 * An area below a whole jurisdiction (an org chosen, or a county's 县管 only) is read unit by unit: its orgs by
 * path, then each one's rows through the table's org index (`offset 0` keeps the lateral a loop; as a join the
 * planner scanned the whole province's open warnings and kept the county's 1 %). A whole jurisdiction is one
 * scan joined to the org tree.
 */
const byUnit = (area: DashboardArea) => Boolean(area.orgId || area.scope?.levels);

/** The path of an org in scope, or null. */
export async function orgPathInScope(tx: Tx, orgId: string, scope: Scope | null): Promise<string | null> {
  const [r] = await rows<{ path: string }>(tx, sql`select o.path from org o where o.id = ${orgId} and ${inScope(sql`o.path`, scope)}`);
  return r?.path ?? null;
}

export interface ObligationFigures {
  pending: number; overdue: number; due_soon: number; mine: number;
  training_done: number; training_total: number; research_done: number; research_total: number; talk_done: number; talk_total: number;
}

/**
 * In one pass over the area's active obligations: the open ones (not done, not 办结) pending, overdue, due within
 * `dueSoonDays` and those `userId` answers for; and the coverage of `year` (training, research, talks due that
 * year: done and total).
 */
export async function obligationFigures(tx: Tx, area: DashboardArea, asOf: string, dueSoonDays: number, userId: string | null, year: number) {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const cover = (t: string) => sql`b.type = ${t} and b.due_on >= ${from}::date and b.due_on <= ${to}::date`;
  const activeRows = byUnit(area)
    ? sql`org o cross join lateral (select b.* from obligation b where b.org_id = o.id and b.active offset 0) b`
    : sql`obligation b join org o on o.id = b.org_id`;
  const [r] = await rows<ObligationFigures>(tx, sql`
      select count(*) filter (where b.open and b.due_on >= ${asOf}) as pending, count(*) filter (where b.open and b.due_on < ${asOf}) as overdue,
             count(*) filter (where b.open and b.due_on >= ${asOf} and b.due_on <= ${asOf}::date + ${dueSoonDays}::int) as due_soon,
             count(*) filter (where b.open and b.responsible_id = ${userId}::uuid) as mine,
             count(*) filter (where ${cover('training')} and b.done_on is not null) as training_done, count(*) filter (where ${cover('training')}) as training_total,
             count(*) filter (where ${cover('research')} and b.done_on is not null) as research_done, count(*) filter (where ${cover('research')}) as research_total,
             count(*) filter (where ${cover('talk')} and b.done_on is not null) as talk_done, count(*) filter (where ${cover('talk')}) as talk_total
      from (select b.*, b.done_on is null and b.closed_on is null as open from ${activeRows} where b.active and ${place(area)} offset 0) b
      where ${managed(area, 'b')}`);
  return r;
}

/**
 * Open warnings (active, 未阅 or 已阅) of the area by the child of the org at `root` they lie under (the 区域;
 * '' = the root itself), rule and colour: one scan gives the 工作台 its counts by colour, by 区域 and by rule.
 */
export function openWarningBreakdown(tx: Tx, area: DashboardArea, root: string) {
  const openRows = byUnit(area)
    ? sql`org o cross join lateral (select w.rule, w.colour, w.cadre_id, w.team_id from warning w
        where w.org_id = o.id and w.active and w.status in ('new','read') offset 0) w`
    : sql`warning w join org o on o.id = w.org_id and w.active and w.status in ('new','read')`;
  return rows<{ child: string; rule: string; colour: keyof Count3; n: number }>(tx, sql`
      select w.child, w.rule, w.colour, count(*)::int as n
      from (select split_part(substr(o.path, ${root.length + 1}), '/', 1) as child, w.rule, w.colour, w.cadre_id, w.team_id
            from ${openRows} where ${place(area)} offset 0) w
      where ${managed(area, 'w')} group by 1, 2, 3`);
}

/** Names and order of the given orgs (the 区域 of the chart). */
export function orgNames(tx: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<{ id: string; name: string; sort_order: number }>(tx, sql`
      select o.id, o.name, o.sort_order from org o where o.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
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
    const root = area.orgId ? (area.path ?? (await orgPathInScope(tx, area.orgId, area.scope))) : (area.scope?.path ?? '/');
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
      from (select h.* from org o cross join lateral (
              select h.occurred_on, h.source_dept, h.cadre_id, h.team_id from entry_head h
              where h.org_id = o.id and h.status = 'accepted' and h.occurred_on >= ${from} and h.occurred_on <= ${to} offset 0) h
            where ${place(area)} offset 0) h
      where ${managed(area, 'h')}
      group by 1, 2 order by 1, 2`);
}

/** Folds the summary's deltas (hourly, with the housekeeping); returns the rows written. */
export async function compactEntryAreaMonth(tx: Tx): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select entry_area_month_compact() as n`);
  return Number(r?.n ?? 0);
}

/**
 * The joint meeting on the 工作台 (issue 13), one statement: the area's 督办事项 not yet 销号 by responsible department
 * (kind 'task': open, overdue = 办理中/退回 past the deadline), and one row (kind 'cadence') with the conveners'
 * next due half-yearly meeting, the periods missed (overdue joint_meeting obligations) and the meetings in 筹备.
 */
export function meetingFigures(tx: Tx, area: DashboardArea, asOf: string) {
  return rows<{ kind: 'task' | 'cadence'; department_code: string | null; open: number; overdue: number; next_due: string | null }>(tx, sql`
      select 'task' as kind, t.department_code, count(*)::int as open,
             count(*) filter (where t.status in ('open','returned') and t.deadline < ${asOf}::date)::int as overdue, null::date as next_due
      from meeting_task t join org o on o.id = t.org_id
      where t.status in ('open','answered','returned') and ${place(area)} and ${subjectManaged(sql`t.cadre_id`, sql`t.team_id`, area.scope)}
      group by t.department_code
      union all
      select 'cadence', null,
             (select count(*) from joint_meeting m join org o on o.id = m.convener_id where m.status = 'planned' and ${place(area)})::int,
             count(*) filter (where b.due_on < ${asOf}::date)::int, min(b.due_on) filter (where b.due_on >= ${asOf}::date)
      from obligation b join org o on o.id = b.org_id
      where b.type = 'joint_meeting' and b.active and b.done_on is null and b.closed_on is null and ${place(area)}`);
}
