/** Query keys of the audit log. */
import type { AuditParams } from '../endpoints';

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: Omit<AuditParams, 'cursor' | 'limit'>) => ['audit', filters] as const,
};
