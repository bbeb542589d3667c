/** Query keys of the 待办 (re-computed by a rules job, changed by a 联席会议). */
import type { ObligationListParams } from '../endpoints';

export const obligationKeys = {
  all: ['obligations'] as const,
  list: (filters: Omit<ObligationListParams, 'cursor' | 'limit'>, pageSize: number) => ['obligations', 'list', filters, pageSize] as const,
  /** The 工作台's nearest ones (overdue first). */
  nearest: (orgId: string | undefined) => ['obligations', 'nearest', orgId] as const,
  actions: (id: string) => ['obligations', 'actions', id] as const,
  assignees: (id: string, q: string) => ['obligations', 'assignees', id, q] as const,
  responsibles: ['obligations', 'responsibles'] as const,
  candidates: (orgId: string, q: string) => ['obligations', 'candidates', orgId, q] as const,
};
