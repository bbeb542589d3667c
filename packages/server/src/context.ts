/** Who is acting, from where: every service call that changes or reads sensitive data gets one. */
import { grantedManageLevels, type ManageLevel, type Permission, type Role } from '@jiandu/domain';

export interface Scope {
  orgId: string;
  /** Materialized path of the jurisdiction root ('/…/root/'): a subtree is `path LIKE scope.path || '%'`. */
  path: string;
  /**
   * 干部管理权限: the management levels the jurisdiction grants (a county: 县管), null = all. Cadres of other
   * levels, and teams managed by a 组织部 outside the subtree, are out of scope although in the subtree.
   */
  levels: readonly ManageLevel[] | null;
}

/** The jurisdiction rooted at an org (its level decides the management levels it grants). */
export function jurisdiction(orgId: string, path: string, orgLevel: string): Scope {
  return { orgId, path, levels: grantedManageLevels(orgLevel) };
}

export interface Actor {
  userId: string | null;
  login: string | null;
  roles: Role[];
  permissions: Set<Permission>;
  /** null = unlimited (city-wide roles, admins); otherwise the jurisdiction. */
  scope: Scope | null;
  departmentCode: string | null;
  clientIp: string | null;
  requestId: string | null;
}

export function systemActor(label: string): Actor {
  return {
    userId: null,
    login: label,
    roles: [],
    permissions: new Set(),
    scope: null,
    departmentCode: null,
    clientIp: null,
    requestId: null,
  };
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Today on `clock` in Beijing (UTC+8, no daylight saving): deadlines and 'as of' are Chinese calendar days. */
export const todayOf = (clock: Clock): string => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
