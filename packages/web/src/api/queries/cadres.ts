/** Query keys of the cadres: a change invalidates `all`. */
import type { CadreListParams } from '../endpoints';

export const cadreKeys = {
  all: ['cadres'] as const,
  list: (params: CadreListParams) => ['cadres', 'list', params] as const,
  detail: (id: string) => ['cadres', 'detail', id] as const,
  /** The 任免审批表 fields (reading them is audited). */
  record: (id: string) => ['cadres', 'record', id] as const,
  /** A tenure's 分工 history (GET /api/tenures/:id/domains). */
  tenureDomains: (tenureId: string) => ['cadres', 'tenure-domains', tenureId] as const,
};
