/** Who is acting, from where: every service call that changes or reads sensitive data gets one. */
import type { Permission, Role } from '@jiandu/domain';

export interface Scope {
  orgId: string;
  /** Materialized path of the jurisdiction root ('/…/root/'): a subtree is `path LIKE scope.path || '%'`. */
  path: string;
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
