/**
 * Which accounts need a second factor (AUTH-05): the 三员 always; besides them the roles the 安全管理员
 * lists (default: supervisor, chief). Logins listed as exempt (the demo city's accounts) never need one.
 * Stored in `setting` under its own key, apart from the rest of the security policy.
 */
import { ADMIN_ROLES, normalizeLogin, type MfaPolicy, type Role } from '@jiandu/domain';
import type { Tx } from '../db/client.ts';
import { readSetting, writeSetting } from '../repositories/settings.repository.ts';

export const MFA_POLICY_KEY = 'security.mfa';
export const MFA_ALWAYS_ROLES: readonly Role[] = ADMIN_ROLES;
export const DEFAULT_MFA_POLICY: MfaPolicy = { roles: ['supervisor', 'chief'], exemptLogins: [] };

export async function loadMfaPolicy(tx: Tx): Promise<MfaPolicy> {
  const v = await readSetting<Partial<MfaPolicy>>(tx, MFA_POLICY_KEY);
  return v ? { ...DEFAULT_MFA_POLICY, ...v } : DEFAULT_MFA_POLICY;
}

export async function saveMfaPolicy(tx: Tx, policy: MfaPolicy, userId: string | null, at: Date): Promise<void> {
  const value = { roles: [...new Set(policy.roles)], exemptLogins: [...new Set(policy.exemptLogins.map(normalizeLogin))] };
  await writeSetting(tx, MFA_POLICY_KEY, value, userId, at);
}

export const isMfaExempt = (policy: MfaPolicy, login: string) => policy.exemptLogins.includes(login);

export function isMfaRequired(policy: MfaPolicy, user: { login: string; roles: readonly string[] }): boolean {
  if (isMfaExempt(policy, user.login)) return false;
  return user.roles.some((r) => (MFA_ALWAYS_ROLES as readonly string[]).includes(r) || (policy.roles as string[]).includes(r));
}
