/** Chinese labels of the audit log's codes. */
import { AUDIT_ACTIONS, ROLE_NAMES, type Role } from '@jiandu/domain';

export const OBJECT_TYPES: Record<string, string> = {
  user: '账号',
  account_change: '账号变更申请',
  org: '组织',
  cadre: '干部',
  tenure: '任职',
  audit_log: '审计日志',
  route: '接口',
  session: '会话',
};

export const RESULTS: Record<string, { label: string; color: string }> = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'orange' },
  denied: { label: '拒绝', color: 'red' },
};

export const actionName = (code: string) => AUDIT_ACTIONS[code] ?? code;

/** actor_role is the comma-joined role codes of the actor ('supervisor', 'sysadmin,…'); system actors have none. */
export function roleNames(codes: string | null): string {
  if (!codes) return '—';
  return codes.split(',').map((c) => ROLE_NAMES[c as Role] ?? c).join('、');
}

/** A readable name of the object when the entry's details carry one (login, name), else its id. */
export function objectLabel(r: { objectId: string | null; details: Record<string, unknown> }): string {
  for (const key of ['login', 'name']) {
    const v = r.details[key];
    if (typeof v === 'string' && v) return v;
  }
  return r.objectId ?? '';
}
