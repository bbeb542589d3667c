/** Query keys of the 预警 and of a cadre's 使用资格 (both re-computed by a rules job). */
import type { WarningListParams } from '../endpoints';

export const warningKeys = {
  all: ['warnings'] as const,
  list: (filters: Omit<WarningListParams, 'cursor' | 'limit'>, pageSize: number) => ['warnings', 'list', filters, pageSize] as const,
  detail: (id: string | null) => ['warnings', 'detail', id] as const,
  followups: (id: string | null) => ['warnings', 'followups', id] as const,
  /** The top of a profile / team page (its warning counts change with the warnings). */
  cadreSummary: (cadreId: string) => ['warnings', 'summary', 'cadre', cadreId] as const,
  teamSummary: (teamId: string) => ['warnings', 'summary', 'team', teamId] as const,
};

export const eligibilityKeys = {
  all: ['eligibility'] as const,
  of: (cadreId: string) => ['eligibility', cadreId] as const,
};
