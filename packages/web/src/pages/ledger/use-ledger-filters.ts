/**
 * Filters and page of a ledger list in the URL (back/forward and reloads keep them); the cursors of the
 * pages before this one in the history entry's state (keyset pagination, as on the cadre list).
 */
import { ENTRY_STATUS } from '@jiandu/domain';
import { useLocation, useSearchParams } from 'react-router';
import type { EntryListParams } from '../../api/endpoints';
import type { EntryStatus } from './labels';

export interface LedgerFilters {
  kind?: string;
  sourceDept?: string;
  year?: number;
  /** YYYY-MM (from the 工作台's entries-by-source chart). */
  month?: string;
  /** An org's subtree (from the 工作台's area selector). */
  orgId?: string;
  status?: EntryStatus;
  /** Keyword: 姓名、文号、摘要. */
  q?: string;
  /** The order chosen by a column (`<column>:asc|desc`); none = 发生日期 newest first. */
  sort?: EntryListParams['sort'];
}

const SORTS = ['occurredOn:asc', 'occurredOn:desc', 'createdAt:asc', 'createdAt:desc', 'kind:asc', 'kind:desc'];

function clean(f: LedgerFilters & { cursor?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}

export function useLedgerFilters(pageSize = 50) {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const filters: LedgerFilters = {};
  const kind = params.get('kind');
  const sourceDept = params.get('sourceDept');
  const year = Number(params.get('year'));
  const status = params.get('status');
  const month = params.get('month');
  const orgId = params.get('orgId');
  const q = params.get('q')?.trim().slice(0, 50);
  if (kind) filters.kind = kind;
  if (sourceDept) filters.sourceDept = sourceDept;
  if (Number.isInteger(year) && year > 1948) filters.year = year;
  if (month && /^\d{4}-(0[1-9]|1[0-2])$/u.test(month)) filters.month = month;
  if (orgId && /^[0-9a-f-]{36}$/iu.test(orgId)) filters.orgId = orgId;
  if (status && (ENTRY_STATUS as readonly string[]).includes(status)) filters.status = status as EntryStatus;
  if (q) filters.q = q;
  const sort = params.get('sort');
  if (sort && SORTS.includes(sort)) filters.sort = sort as LedgerFilters['sort'];
  const cursor = params.get('cursor') ?? undefined;
  const prev = ((location.state as { prev?: unknown } | null)?.prev ?? []) as string[];

  return {
    filters,
    pageNumber: cursor && prev.length === 0 ? null : prev.length + 1,
    hasPrev: !!cursor,
    query: { ...filters, cursor, limit: pageSize } satisfies EntryListParams,
    setFilters: (next: LedgerFilters) => setParams(clean(next)),
    nextPage: (nextCursor: string) => setParams(clean({ ...filters, cursor: nextCursor }), { state: { prev: [...prev, cursor ?? ''] } }),
    prevPage: () => {
      const before = prev.at(-1);
      setParams(clean({ ...filters, cursor: before || undefined }), { state: { prev: prev.slice(0, -1) } });
    },
  };
}
