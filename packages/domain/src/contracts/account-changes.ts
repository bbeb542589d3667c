/** 双人审批 of account changes: the 系统管理员 proposes, a 安全管理员 (another account) approves or rejects. */
import { z } from 'zod';
import { ROLES } from '../codes/roles.ts';
import { OneTimePassword } from './users.ts';

export const ACCOUNT_CHANGE_KINDS = ['create', 'enable', 'reset-password', 'reset-mfa'] as const;
export type AccountChangeKind = (typeof ACCOUNT_CHANGE_KINDS)[number];
export const ACCOUNT_CHANGE_KIND_NAMES: Record<AccountChangeKind, string> = {
  'create': '新建账号',
  'enable': '启用账号',
  'reset-password': '重置密码',
  'reset-mfa': '重置二次认证',
};
export const ACCOUNT_CHANGE_STATUSES = ['待审批', '已批准', '已驳回', '已撤回'] as const;
export type AccountChangeStatus = (typeof ACCOUNT_CHANGE_STATUSES)[number];

const Reason = z.string().trim().max(200, '理由不超过200字');

/**
 * One body for every kind (flat, so form fields map to paths): `create` takes the new account's fields,
 * the other kinds take `userId`. Which fields a kind needs is checked by the service.
 */
export const AccountChangeBody = z.strictObject({
  kind: z.enum(ACCOUNT_CHANGE_KINDS),
  userId: z.uuid().optional(),
  login: z.string().trim().min(2, '登录名至少2个字符').max(64).regex(/^[\p{L}\p{N}._-]+$/u, '登录名只能包含字母、数字、点、下划线和连字符').optional(),
  displayName: z.string().trim().min(1, '请填写姓名').max(64).optional(),
  role: z.enum(ROLES).optional(),
  scopeOrgId: z.uuid().nullable().optional(),
  departmentCode: z.string().max(32).nullable().optional(),
  reason: Reason.optional(),
});
export type AccountChangeBody = z.infer<typeof AccountChangeBody>;

export const AccountChangeQuery = z.object({ status: z.enum(ACCOUNT_CHANGE_STATUSES).optional() });

export const AccountChangeView = z.object({
  id: z.uuid(),
  kind: z.enum(ACCOUNT_CHANGE_KINDS),
  login: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  scopeOrgName: z.string().nullable(),
  departmentName: z.string().nullable(),
  targetUserId: z.uuid().nullable(),
  reason: z.string().nullable(),
  proposedByLogin: z.string(),
  proposedAt: z.string(),
  status: z.enum(ACCOUNT_CHANGE_STATUSES),
  decidedByLogin: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** Who receives the one-time password once approved (null: the change makes none). */
  passwordTo: z.enum(['proposer', 'approver']).nullable(),
  /** Approved, the proposer's one-time password not yet shown. */
  passwordWaiting: z.boolean(),
});
export type AccountChangeView = z.infer<typeof AccountChangeView>;

export const AccountDecisionBody = z.strictObject({ reason: Reason.optional() });
export const AccountRejectBody = z.strictObject({ reason: Reason.min(1, '请填写驳回理由') });

export const AccountApproval = z.object({
  change: AccountChangeView,
  /** Only when the approver is the one to hand it over (a 安全管理员 account); otherwise null. */
  password: OneTimePassword.nullable(),
});
export type AccountApproval = z.infer<typeof AccountApproval>;
