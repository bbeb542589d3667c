/** Warnings and obligations as lists: scope and 区域 are conditions on the subject org's path. */
import { sql, type SQL } from 'drizzle-orm';
import type { CountResult, ObligationListQuery, WarningListQuery } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope, inSubtree, subjectManaged } from './orgs.repository.ts';
import { countList, sortAfter, sortKeyJson, sortOf, sortOrder, type SortPlan } from './lists.ts';

export interface WarningRow {
  id: string; rule: string; colour: 'red' | 'yellow' | 'blue'; subject_type: 'cadre' | 'team'; cadre_id: string | null;
  cadre_name: string | null; team_id: string | null; team_name: string | null; org_id: string; org_name: string;
  explanation: string; evidence: string[] | string; until: string | null; active: boolean;
  status: 'new' | 'read' | 'handled' | 'dismissed'; status_reason: string | null; status_by_login: string | null;
  status_at: Date | string | null; first_seen_at: Date | string; last_changed_at: Date | string;
}

/** Every list here joins the subject's org as `o`: scope and 区域 are conditions on its path. */
const O_PATH = sql`o.path`;

export type WarningFilter = Omit<WarningListQuery, 'cursor' | 'limit' | 'sort'> & { ids?: string[] };

export function warningConditions(f: WarningFilter, scope: Scope | null): SQL {
  const c: SQL[] = [inScope(O_PATH, scope), subjectManaged(sql`w.cadre_id`, sql`w.team_id`, scope), inSubtree(O_PATH, f.orgId)];
  if (f.colour) c.push(sql`w.colour = ${f.colour}`);
  if (f.rule) c.push(sql`w.rule = ${f.rule}`);
  if (f.cadreId) c.push(sql`w.cadre_id = ${f.cadreId}`);
  if (f.teamId) c.push(sql`w.team_id = ${f.teamId}`);
  if (f.status) c.push(sql`w.status = ${f.status}`);
  if (f.ids) c.push(sql`w.id = any(${sql.param(f.ids)}::uuid[])`);
  if (f.view === 'open') c.push(sql`w.active and w.status in ('new','read')`);
  else if (f.view === 'active') c.push(sql`w.active`);
  return sql.join(c, sql` and `);
}

const warningColumns = sql`
  select w.id, w.rule, w.colour, w.subject_type, w.cadre_id, c.name as cadre_name, w.team_id, t.name as team_name,
         w.org_id, o.name as org_name, w.explanation, w.evidence, w.until, w.active, w.status, w.status_reason,
         w.status_by_login, w.status_at, w.first_seen_at, w.last_changed_at`;
const warningFrom = sql`
  from warning w join org o on o.id = w.org_id left join cadre c on c.id = w.cadre_id left join team t on t.id = w.team_id`;
const warningSelect = sql`${warningColumns}${warningFrom}`;

/** The order of `sort=`: 颜色 (red first when ascending), 最近变化, 对象 (a cadre's pinyin, a team's name). */
export function warningSortPlan(sort: NonNullable<WarningListQuery['sort']>): SortPlan {
  const { column, dir } = sortOf(sort);
  const keys = column === 'colour' ? [{ expr: sql`(case w.colour when 'red' then 0 when 'yellow' then 1 else 2 end)`, part: 'int' as const }]
    : column === 'subject' ? [{ expr: sql`coalesce(c.name_pinyin, t.name, '') collate "C"`, part: 'text' as const }]
      : [{ expr: sql`w.last_changed_at`, part: 'timestamp' as const }];
  return { keys, id: sql`w.id`, dir };
}

/** `sorted`: a chosen order and the key its page starts after (then `after` is not used); rows carry `sort_key`. */
export async function listWarnings(
  tx: Tx, f: WarningFilter, scope: Scope | null, after: [string, string] | null, limit: number,
  sorted?: { plan: SortPlan; after: readonly unknown[] | null },
): Promise<Array<WarningRow & { sort_key?: unknown[] | string }>> {
  if (sorted) {
    return rows<WarningRow>(tx, sql`${warningColumns}, ${sortKeyJson(sorted.plan)} as sort_key ${warningFrom}
      where ${warningConditions(f, scope)} and ${sortAfter(sorted.plan, sorted.after)}
      order by ${sortOrder(sorted.plan)} limit ${limit}`);
  }
  const keyset = after ? sql`and (w.last_changed_at, w.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``;
  return rows<WarningRow>(tx, sql`${warningSelect} where ${warningConditions(f, scope)} ${keyset}
    order by w.last_changed_at desc, w.id desc limit ${limit}`);
}

/** 共 N 条 of the warning list (exact up to `cap`, else the planner's estimate). */
export async function countWarningsCapped(tx: Tx, f: WarningFilter, scope: Scope | null, cap?: number): Promise<CountResult> {
  return countList(tx, sql`select 1 from warning w join org o on o.id = w.org_id where ${warningConditions(f, scope)}`, cap);
}

/** The ids the filter matches, at most `limit` (选择全部 N 条). */
export async function warningIdsOf(tx: Tx, f: WarningFilter, scope: Scope | null, limit: number): Promise<string[]> {
  const r = await rows<{ id: string }>(tx, sql`select w.id from warning w join org o on o.id = w.org_id where ${warningConditions(f, scope)} limit ${limit}`);
  return r.map((x) => x.id);
}

export async function countWarnings(tx: Tx, f: WarningFilter, scope: Scope | null): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select count(*) as n from warning w join org o on o.id = w.org_id where ${warningConditions(f, scope)}`);
  return Number(r?.n ?? 0);
}

export async function warningEvents(tx: Tx, id: string) {
  return rows<{ at: Date | string; action: string; colour: string | null; status: string | null; reason: string | null; by_login: string | null }>(
    tx, sql`select at, action, colour, status, reason, by_login from warning_event where warning_id = ${id} order by at, id`);
}

export interface ObligationRow {
  id: string; type: 'talk' | 'training' | 'research' | 'joint_meeting' | 'meeting_task'; subject_type: 'cadre' | 'team' | 'convener';
  cadre_id: string | null; cadre_name: string | null; team_id: string | null; team_name: string | null; org_id: string; org_name: string;
  title: string; triggered_on: string; due_on: string; done_on: string | null; done_by: string | null; evidence: string[] | string;
  state: 'pending' | 'done' | 'overdue';
  responsible_id: string | null; responsible_name: string | null; assigned: boolean;
  closed_on: string | null; closed_by_login: string | null; close_note: string | null;
  /** 0 open, 1 done (recorded or 办结 by hand): the list's first sort key. */
  finished: number;
}

export type ObligationFilter = Omit<ObligationListQuery, 'cursor' | 'limit' | 'sort'> & { responsibleId?: string };
/** The list's keyset: open ones first (overdue, then pending: nearest due first), then the done ones. */
export type ObligationCursor = [number, string, string];

/** Open: neither done by a record nor 办结 by hand. */
const OPEN = sql`b.done_on is null and b.closed_on is null`;

export function obligationConditions(f: ObligationFilter, scope: Scope | null, asOf: string): SQL {
  const c: SQL[] = [sql`b.active`, inScope(O_PATH, scope), subjectManaged(sql`b.cadre_id`, sql`b.team_id`, scope), inSubtree(O_PATH, f.orgId)];
  if (f.type) c.push(sql`b.type = ${f.type}`);
  if (f.state === 'done') c.push(sql`not (${OPEN})`);
  if (f.state === 'overdue') c.push(sql`${OPEN} and b.due_on < ${asOf}`);
  if (f.state === 'pending') c.push(sql`${OPEN} and b.due_on >= ${asOf}`);
  if (f.dueWithinDays !== undefined) c.push(sql`${OPEN} and b.due_on >= ${asOf} and b.due_on <= ${asOf}::date + ${f.dueWithinDays}::int`);
  if (f.year) c.push(sql`extract(year from b.due_on) = ${f.year}`);
  if (f.cadreId) c.push(sql`b.cadre_id = ${f.cadreId}`);
  if (f.teamId) c.push(sql`b.team_id = ${f.teamId}`);
  if (f.responsibleId) c.push(sql`b.responsible_id = ${f.responsibleId}::uuid`);
  return sql.join(c, sql` and `);
}

/** The order of `sort=`: 期限, 类型 (then 期限). */
export function obligationSortPlan(sort: NonNullable<ObligationListQuery['sort']>): SortPlan {
  const { column, dir } = sortOf(sort);
  const due = { expr: sql`b.due_on`, part: 'date' as const };
  return { keys: column === 'type' ? [{ expr: sql`b.type collate "C"`, part: 'text' as const }, due] : [due], id: sql`b.id`, dir };
}

const obligationSelect = (asOf: string, finished: 0 | 1 | null, extra: SQL = sql``) => sql`
    select b.id, b.type, b.subject_type, b.cadre_id, c.name as cadre_name, b.team_id, t.name as team_name, b.org_id, o.name as org_name,
           b.title, b.triggered_on, b.due_on, b.done_on, b.done_by, b.evidence,
           ${finished === 1 ? sql`'done'` : finished === 0 ? sql`case when b.due_on < ${asOf} then 'overdue' else 'pending' end`
             : sql`case when not (${OPEN}) then 'done' when b.due_on < ${asOf} then 'overdue' else 'pending' end`} as state,
           b.responsible_id, u.display_name as responsible_name, b.assigned, b.closed_on, b.closed_by_login, b.close_note,
           ${finished === null ? sql`(case when ${OPEN} then 0 else 1 end)` : sql`${finished}`}::int as finished ${extra}
    from obligation b join org o on o.id = b.org_id left join cadre c on c.id = b.cadre_id left join team t on t.id = b.team_id
    left join app_user u on u.id = b.responsible_id`;

/**
 * A page of 待办: the open ones (nearest due first — the overdue come first by themselves), then the done
 * ones. Each half is its own indexed range (obligation_open_idx / obligation_responsible_idx for the open).
 * `sorted`: a column's order chosen by the reader instead (then `after` is not used); rows carry `sort_key`.
 */
export async function listObligations(
  tx: Tx, f: ObligationFilter, scope: Scope | null, asOf: string, after: ObligationCursor | null, limit: number,
  sorted?: { plan: SortPlan; after: readonly unknown[] | null },
): Promise<Array<ObligationRow & { sort_key?: unknown[] | string }>> {
  const where = obligationConditions(f, scope, asOf);
  if (sorted) {
    return rows<ObligationRow & { sort_key?: unknown[] | string }>(tx, sql`${obligationSelect(asOf, null, sql`, ${sortKeyJson(sorted.plan)} as sort_key`)}
      where ${where} and ${sortAfter(sorted.plan, sorted.after)} order by ${sortOrder(sorted.plan)} limit ${limit}`);
  }
  const key = (n: 0 | 1) => (after && after[0] === n ? sql`and (b.due_on, b.id) > (${after[1]}::date, ${after[2]}::uuid)` : sql``);
  const parts: SQL[] = [];
  if (!after || after[0] === 0) parts.push(sql`(${obligationSelect(asOf, 0)} where ${where} and ${OPEN} ${key(0)} order by b.due_on, b.id limit ${limit})`);
  parts.push(sql`(${obligationSelect(asOf, 1)} where ${where} and not (${OPEN}) ${key(1)} order by b.due_on, b.id limit ${limit})`);
  return rows<ObligationRow>(tx, sql`select * from (${sql.join(parts, sql` union all `)}) x order by x.finished, x.due_on, x.id limit ${limit}`);
}

/** 共 N 条 of the 待办 list (exact up to `cap`, else the planner's estimate). */
export async function countObligationsCapped(tx: Tx, f: ObligationFilter, scope: Scope | null, asOf: string, cap?: number): Promise<CountResult> {
  return countList(tx, sql`select 1 from obligation b join org o on o.id = b.org_id where ${obligationConditions(f, scope, asOf)}`, cap);
}

export const obligationCursorOf = (r: Pick<ObligationRow, 'finished' | 'due_on' | 'id'>): ObligationCursor => [Number(r.finished), r.due_on, r.id];

export async function countObligations(tx: Tx, f: ObligationFilter, scope: Scope | null, asOf: string): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select count(*) as n from obligation b join org o on o.id = b.org_id where ${obligationConditions(f, scope, asOf)}`);
  return Number(r?.n ?? 0);
}

export const pgUuidArray = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/gu, '').split(',').filter(Boolean));

/** The evidence entries a reader may see (in scope, current); others are shown without a link. */
export async function evidenceEntries(tx: Tx, ids: readonly string[], scope: Scope | null) {
  if (!ids.length) return [];
  return rows<{ entry_id: string; kind: string; occurred_on: string; summary: string; status: string; visible: boolean; sensitivity: string; source_dept: string }>(tx, sql`
    select h.entry_id, h.kind, h.occurred_on, e.summary, h.status, (${inScope(O_PATH, scope)} and ${subjectManaged(sql`h.cadre_id`, sql`h.team_id`, scope)}) as visible, e.sensitivity, e.source_dept
    from entry_head h join entry e on e.id = h.version_id join org o on o.id = h.org_id
    where h.entry_id = any(${sql.param([...ids])}::uuid[])`);
}

/**
 * A reader's decision on warnings, each with its event; returns the warnings changed. 已阅 ('read') never
 * overrides a decision already taken (已处置 / 已排除): it only changes warnings still 'new'.
 */
export async function setWarningStatus(
  tx: Tx, ids: readonly string[], status: string, reason: string | null, by: { userId: string | null; login: string | null }, now: string,
): Promise<Array<{ id: string; colour: string }>> {
  const changed = await rows<{ id: string; colour: string }>(tx, sql`
      update warning set status = ${status}, status_reason = ${reason}, status_by = ${by.userId}, status_by_login = ${by.login},
        status_at = ${now}::timestamptz
      where id = any(${sql.param([...ids])}::uuid[]) and status <> ${status}
        ${status === 'read' ? sql`and status = 'new'` : sql``}
      returning id, colour`);
  if (changed.length) {
    await tx.execute(sql`
        insert into warning_event (warning_id, at, action, colour, status, reason, by_login)
        select x.id, ${now}::timestamptz, ${status}, x.colour, ${status}, ${reason}, ${by.login}
        from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as x(id uuid, colour text)`);
  }
  return changed;
}
