/**
 * What login (auth.service.ts) and the second factor (mfa.service.ts) both need: the request's identity,
 * the actor a signed-in user acts as, and how a session token is stored (hashed).
 */
import { permissionsOf } from '@jiandu/domain';
import { sm3 } from '../crypto/sm.ts';
import type { UserRow } from '../repositories/users.repository.ts';
import { jurisdiction, type Actor } from '../context.ts';

export interface RequestInfo {
  clientIp: string | null;
  requestId: string | null;
  userAgent: string | null;
}

export function actorOf(user: UserRow, info: Pick<RequestInfo, 'clientIp' | 'requestId'>): Actor {
  return {
    userId: user.id,
    login: user.login,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    scope: user.scopeOrgId && user.scopeOrgPath ? jurisdiction(user.scopeOrgId, user.scopeOrgPath, user.scopeOrgLevel ?? '') : null,
    departmentCode: user.departmentCode,
    clientIp: info.clientIp,
    requestId: info.requestId,
  };
}

export const tokenHash = (token: string) => sm3(`session:${token}`);
