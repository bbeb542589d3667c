import { z } from 'zod';

export const Uuid = z.uuid();
export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, '日期格式应为 YYYY-MM-DD');
export const MonthString = z.string().regex(/^\d{4}-\d{2}$/u, '年月格式应为 YYYY-MM');

export const ErrorBody = z.object({
  error: z.string().describe('machine-readable code'),
  message: z.string().describe('说明（中文）'),
  requestId: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const CursorQuery = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * How many rows a list holds (`GET /api/<list>/count` with the list's own filters): exact below 10,000 rows,
 * above it an estimate from the planner (`exact: false`, shown as 约 N 条). Asked apart from the page, so the
 * first page never waits for the count.
 */
export const CountResult = z.object({ total: z.number().int().min(0), exact: z.boolean() });
export type CountResult = z.infer<typeof CountResult>;
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * A list's `sort` parameter: `<column>:asc|desc` from the list's allow-list (e.g. `dueOn:asc`). Absent = the
 * list's default order. The next-page cursor carries the sort, so a cursor from another order is refused.
 */
export function sortParam<const C extends readonly string[]>(columns: C) {
  const values = columns.flatMap((c) => [`${c}:asc`, `${c}:desc`]) as Array<`${C[number]}:${'asc' | 'desc'}`>;
  return z.enum(values as [`${C[number]}:${'asc' | 'desc'}`, ...Array<`${C[number]}:${'asc' | 'desc'}`>], {
    error: `排序参数无效，可选：${values.join('、')}`,
  }).optional().describe(`排序：${values.join(' | ')}；不填为默认顺序`);
}
export type SortOf<C extends readonly string[]> = `${C[number]}:${'asc' | 'desc'}`;

export const IdParams = z.object({ id: Uuid });
export const OkBody = z.object({ ok: z.literal(true) });
