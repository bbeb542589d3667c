/**
 * The cadre list's filters and page live in the URL (so back/forward and reloads keep them);
 * the cursors of the pages before this one live in the history entry's state (keyset pagination).
 */
import { useLocation, useSearchParams } from 'react-router';
import type { CadreListParams } from '../../api/endpoints';

/** The list's filters in the URL (only 'true' for principal: the box is checked or not). */
export type CadreFilters = Pick<CadreListParams, 'q' | 'orgId' | 'status' | 'gender' | 'sort'> & { principal?: 'true' };

const KEYS = ['q', 'orgId', 'status', 'gender', 'principal', 'sort'] as const;
const SORTS = ['name:asc', 'name:desc', 'org:asc', 'org:desc', 'birth:asc', 'birth:desc'];

function clean(f: CadreFilters & { cursor?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v) out[k] = v;
  return out;
}

export function useCadreFilters() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const filters: CadreFilters = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v) (filters as Record<string, string>)[k] = v;
  }
  if (filters.principal !== undefined && filters.principal !== 'true') delete filters.principal;
  if (filters.sort !== undefined && !SORTS.includes(filters.sort)) delete filters.sort;
  const cursor = params.get('cursor') ?? undefined;
  const prev = ((location.state as { prev?: unknown } | null)?.prev ?? []) as string[];

  return {
    filters,
    cursor,
    /** 1-based page number; null when the page was opened from a bookmark in the middle of the list. */
    pageNumber: cursor && prev.length === 0 ? null : prev.length + 1,
    hasPrev: !!cursor,
    query: { ...filters, cursor, limit: 50 } satisfies CadreListParams,
    setFilters: (next: CadreFilters) => setParams(clean(next)),
    nextPage: (nextCursor: string) => setParams(clean({ ...filters, cursor: nextCursor }), { state: { prev: [...prev, cursor ?? ''] } }),
    prevPage: () => {
      const before = prev.at(-1);
      setParams(clean({ ...filters, cursor: before || undefined }), { state: { prev: prev.slice(0, -1) } });
    },
  };
}
