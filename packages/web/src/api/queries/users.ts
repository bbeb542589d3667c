/** Query keys of the accounts: users, departments, and the 双人审批 of account changes. */
import type { AccountChangeStatus } from '@jiandu/domain';

export const userKeys = {
  all: ['users'] as const,
};

export const departmentKeys = {
  all: ['departments'] as const,
};

/** The 系统管理员's proposals. */
export const accountChangeKeys = {
  all: ['account-changes'] as const,
};

/** The 安全管理员's decisions, by status shown. */
export const accountApprovalKeys = {
  all: ['account-approvals'] as const,
  list: (filter: AccountChangeStatus | 'all') => ['account-approvals', filter] as const,
};
