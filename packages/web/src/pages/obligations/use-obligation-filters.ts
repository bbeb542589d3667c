/** The 待办 list's filters live in the URL (the 工作台's numbers and coverage rates drill down here). */
import { OBLIGATION_STATES, OBLIGATION_TYPES } from '@jiandu/domain';
import { useSearchParams } from 'react-router';
import type { ObligationListParams } from '../../api/endpoints';

export type ObligationFilters = Omit<ObligationListParams, 'cursor' | 'limit'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function int(v: string | null, min: number, max: number): number | undefined {
  const n = Number(v);
  return v !== null && v !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function useObligationFilters() {
  const [params, setParams] = useSearchParams();
  const id = (k: string) => {
    const v = params.get(k);
    return v && UUID.test(v) ? v : undefined;
  };
  const filters: ObligationFilters = {
    type: oneOf(OBLIGATION_TYPES, params.get('type')),
    state: oneOf(OBLIGATION_STATES, params.get('state')),
    dueWithinDays: int(params.get('dueWithinDays'), 0, 366),
    year: int(params.get('year'), 1949, 2100),
    orgId: id('orgId'),
    cadreId: id('cadreId'),
    teamId: id('teamId'),
    // 我的待办 is the default view: without any filter in the URL (a drill-down from the 工作台 has some) or with mine=true.
    mine: params.get('mine') === 'true' || (params.get('mine') === null && ![...params.keys()].some((k) => k !== 'id')) ? 'true' : undefined,
  };
  return {
    filters,
    setFilters: (next: ObligationFilters) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') out[k] = String(v);
      if (!out.mine) out.mine = 'false';
      setParams(out);
    },
  };
}
