/**
 * What every list shares: how many rows it holds (共 N 条 / 约 N 条) and its order when the reader sorts by a
 * column (keyset pagination on the column's key, then the row id).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { EXACT_COUNT_LIMIT, type CountResult } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import type { CursorPart } from '../lib/cursor.ts';

/**
 * How many rows `listed` (the list's scoped, filtered select, without order or limit; its columns do not
 * matter, `select 1` is cheapest) returns: exact up to `cap` rows — the count reads at most cap + 1 of them —
 * above it the planner's estimate of the uncapped query (`EXPLAIN (FORMAT JSON)` → Plan Rows), exact = false.
 */
export async function countList(tx: Tx, listed: SQL | SQLWrapper, cap: number = EXACT_COUNT_LIMIT): Promise<CountResult> {
  const [r] = await rows<{ n: number | string }>(tx, sql`select count(*)::int as n from (${listed} limit ${cap + 1}) capped`);
  const n = Number(r?.n ?? 0);
  if (n <= cap) return { total: n, exact: true };
  const plan = await rows<Record<string, unknown>>(tx, sql`explain (format json) ${listed}`);
  return { total: Math.max(cap + 1, planRows(plan)), exact: false };
}

/** The top node's estimated rows from an EXPLAIN (FORMAT JSON) result (pg and PGlite give it parsed or as text). */
function planRows(plan: Array<Record<string, unknown>>): number {
  const cell = plan[0] ? Object.values(plan[0])[0] : null;
  const doc = (typeof cell === 'string' ? JSON.parse(cell) : cell) as Array<{ Plan?: { 'Plan Rows'?: number } }> | null;
  const n = Number(doc?.[0]?.Plan?.['Plan Rows'] ?? 0);
  return Number.isFinite(n) ? Math.round(n) : 0;
}

/** One column of a sort key: its SQL expression (never null: coalesce it) and how a cursor value is typed. */
export interface SortKeyPart {
  expr: SQL;
  part: Exclude<CursorPart, 'text?'>;
}

/** A list's order for one `sort` value: the key's parts, then the row id as the last tie-breaker. */
export interface SortPlan {
  keys: readonly SortKeyPart[];
  id: SQL;
  dir: 'asc' | 'desc';
}

const CAST: Record<SortKeyPart['part'], (v: unknown) => SQL> = {
  int: (v) => sql`${v}::int`,
  date: (v) => sql`${v}::date`,
  timestamp: (v) => sql`${v}::timestamptz`,
  uuid: (v) => sql`${v}::uuid`,
  text: (v) => sql`${v}::text collate "C"`,
};

/** The cursor shape of a plan: its parts, then the id. */
export const cursorShape = (p: SortPlan): CursorPart[] => [...p.keys.map((k) => k.part), 'uuid'];

/** `order by` of the plan (every column in the plan's direction). */
export function sortOrder(p: SortPlan): SQL {
  const d = p.dir === 'asc' ? sql` asc` : sql` desc`;
  return sql.join([...p.keys.map((k) => sql`${k.expr}${d}`), sql`${p.id}${d}`], sql`, `);
}

/** Rows strictly after the cursor's key (`after`: the key's values, then the id), or `true`. */
export function sortAfter(p: SortPlan, after: readonly unknown[] | null): SQL {
  if (!after) return sql`true`;
  const left = sql.join([...p.keys.map((k) => k.expr), p.id], sql`, `);
  const right = sql.join([...p.keys.map((k, i) => CAST[k.part](after[i])), CAST.uuid(after[p.keys.length])], sql`, `);
  return sql`(${left}) ${p.dir === 'asc' ? sql`>` : sql`<`} (${right})`;
}

/** The row's sort key as a JSON array (its values exactly as the database orders them, the id last). */
export function sortKeyJson(p: SortPlan): SQL {
  return sql`json_build_array(${sql.join([...p.keys.map((k) => k.expr), p.id], sql`, `)})`;
}

/** `sort` ('<column>:<dir>') split. */
export function sortOf<C extends string>(sort: `${C}:${'asc' | 'desc'}`): { column: C; dir: 'asc' | 'desc' } {
  const [column, dir] = sort.split(':') as [C, 'asc' | 'desc'];
  return { column, dir };
}
