/** The 预警 list's filters live in the URL: the 工作台 drills down here, and back/forward and reloads keep them. */
import { COLOURS, WARNING_STATUS } from '@jiandu/domain';
import { useSearchParams } from 'react-router';
import type { WarningListParams } from '../../api/endpoints';
import { VIEW_OPTIONS } from './labels';

export type WarningFilters = Omit<WarningListParams, 'cursor' | 'limit'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

export function useWarningFilters() {
  const [params, setParams] = useSearchParams();
  const id = (k: string) => {
    const v = params.get(k);
    return v && UUID.test(v) ? v : undefined;
  };
  const filters: WarningFilters = {
    colour: oneOf(COLOURS, params.get('colour')),
    rule: params.get('rule') || undefined,
    orgId: id('orgId'),
    cadreId: id('cadreId'),
    teamId: id('teamId'),
    status: oneOf(WARNING_STATUS, params.get('status')),
    view: oneOf(VIEW_OPTIONS.map((o) => o.value), params.get('view')) ?? 'open',
  };
  return {
    filters,
    setFilters: (next: WarningFilters) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'view' && v === 'open')) out[k] = String(v);
      setParams(out);
    },
  };
}
