import { z } from 'zod';
import { ROLES } from '../codes/roles.ts';

export const LoginBody = z.strictObject({
  login: z.string().min(1, '请输入登录名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const Me = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  /** The password is older than the policy's expiry: it must be changed (mustChangePassword is then true too). */
  passwordExpired: z.boolean().optional(),
  scopeOrgId: z.uuid().nullable(),
  scopeOrgName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;
