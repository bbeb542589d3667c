import { z } from 'zod';
import { ROLES } from '../codes/roles.ts';

export const UserCreateBody = z.strictObject({
  login: z.string().trim().min(2, '登录名至少2个字符').max(64).regex(/^[\p{L}\p{N}._-]+$/u, '登录名只能包含字母、数字、点、下划线和连字符'),
  displayName: z.string().trim().min(1, '请填写姓名').max(64),
  role: z.enum(ROLES),
  scopeOrgId: z.uuid().nullable().optional(),
  departmentCode: z.string().max(32).nullable().optional(),
});
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const UserView = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scopeOrgId: z.uuid().nullable(),
  scopeOrgName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const OneTimePassword = z.object({ login: z.string(), password: z.string() });
export type OneTimePassword = z.infer<typeof OneTimePassword>;

export const UserStatusBody = z.strictObject({ disabled: z.boolean() });

export const DepartmentView = z.object({ code: z.string(), name: z.string(), kinds: z.array(z.string()) });
export type DepartmentView = z.infer<typeof DepartmentView>;
