/** Chinese labels of the audit log's codes. */
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, ROLE_NAMES, type Role } from '@jiandu/domain';

export const OBJECT_TYPES = AUDIT_OBJECT_TYPES;

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

/** The object's name: looked up by the server, else one the row's details carry (login, name), else its id. */
export function objectLabel(r: { objectId: string | null; objectName: string | null; details: Record<string, unknown> }): string {
  if (r.objectName) return r.objectName;
  for (const key of ['login', 'name']) {
    const v = r.details[key];
    if (typeof v === 'string' && v) return v;
  }
  return r.objectId ?? '';
}

/** 王敏（wangmin）, or the login alone when the name is the login (system actors: cli:…, system:…). */
export function actorLabel(r: { actorLogin: string | null; actorName: string | null }): string {
  if (!r.actorLogin) return '—';
  return r.actorName && r.actorName !== r.actorLogin ? `${r.actorName}（${r.actorLogin}）` : r.actorLogin;
}
