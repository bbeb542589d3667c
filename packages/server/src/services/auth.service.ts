/** Login, logout, password change and session resolution (SESS-01/02, AUTH-02/04/07). */
import { checkPassword, normalizeLogin, permissionsOf, type Me } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { dummyPasswordCheck, hashPassword, randomToken, sm3, verifyPassword } from '../crypto/sm.ts';
import { recordAudit, recordAuditAlone } from '../repositories/audit.repository.ts';
import * as users from '../repositories/users.repository.ts';
import type { UserRow } from '../repositories/users.repository.ts';
import type { Actor, Clock } from './context.ts';
import { ServiceError } from './errors.ts';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './policy.ts';
import { loginState } from './mfa.service.ts';
import type { MfaSessionState } from '../repositories/users.repository.ts';

export const LOGIN_FAILED_MESSAGE = '登录名或密码错误（连续失败5次将锁定30分钟）';

export interface AuthDeps {
  db: Database;
  clock: Clock;
  pbkdf2Iterations: number;
  policy?: SecurityPolicy;
}

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
    scope: user.scopeOrgId && user.scopeOrgPath ? { orgId: user.scopeOrgId, path: user.scopeOrgPath } : null,
    departmentCode: user.departmentCode,
    clientIp: info.clientIp,
    requestId: info.requestId,
  };
}

export function meOf(user: UserRow): Me {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    roles: user.roles,
    permissions: [...permissionsOf(user.roles)],
    mustChangePassword: user.mustChangePassword,
    scopeOrgId: user.scopeOrgId,
    scopeOrgName: user.scopeOrgName,
    departmentCode: user.departmentCode,
    departmentName: user.departmentName,
  };
}

export const tokenHash = (token: string) => sm3(`session:${token}`);

export async function login(
  deps: AuthDeps, loginName: string, password: string, info: RequestInfo, previousToken: string | null,
): Promise<{ token: string; me: Me; mfa: MfaSessionState }> {
  const { db, clock } = deps;
  const policy = deps.policy ?? DEFAULT_SECURITY_POLICY;
  const name = normalizeLogin(loginName);
  const anon: Actor = { ...anonymous(info), login: name };
  const user = await db.tx((tx) => users.findUserByLogin(tx, name));
  const now = clock.now();
  const fail = async (reason: string, target: UserRow | null) => {
    await recordAuditAlone(db, target ? actorOf(target, info) : anon,
      { action: 'auth.login', objectType: 'user', objectId: target?.id ?? null, result: 'failure', reason }, clock);
    return new ServiceError('unauthenticated', LOGIN_FAILED_MESSAGE, 'login_failed');
  };
  if (!user) {
    await dummyPasswordCheck(deps.pbkdf2Iterations);
    throw await fail('未知登录名', null);
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await dummyPasswordCheck(deps.pbkdf2Iterations);
    throw await fail('账号锁定中', user);
  }
  const check = await verifyPassword(password, user.passwordHash, deps.pbkdf2Iterations);
  if (!check.ok) {
    const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    const { locked } = await db.tx((tx) => users.recordFailedLogin(tx, user.id, policy.maxFailedLogins, lockUntil));
    throw await fail(locked ? `密码错误，连续失败${policy.maxFailedLogins}次，账号锁定至 ${lockUntil.toISOString()}` : '密码错误', user);
  }
  if (user.disabled) throw await fail('账号已停用', user);
  const newHash = check.needsRehash ? await hashPassword(password, deps.pbkdf2Iterations) : null;
  const token = randomToken();
  const mfa = await db.tx(async (tx) => {
    if (previousToken) await users.deleteSession(tx, tokenHash(previousToken));
    await users.updateUser(tx, user.id, {
      failedAttempts: 0, lockedUntil: null, lastLoginAt: now, ...(newHash ? { passwordHash: newHash } : {}),
    });
    // A second factor still due keeps the session in 'verify'/'enroll' (AUTH-05) until it is passed.
    const mfaState = await loginState(tx, user);
    await users.insertSession(tx, tokenHash(token), user.id, now, info.clientIp, info.userAgent, mfaState);
    await recordAudit(tx, actorOf(user, info), {
      action: 'auth.login', objectType: 'user', objectId: user.id,
      details: { ...(newHash ? { rehashed: true } : {}), ...(mfaState ? { mfa: mfaState } : {}) },
    }, clock);
    return mfaState;
  });
  return { token, me: meOf(user), mfa };
}

export function anonymous(info: Pick<RequestInfo, 'clientIp' | 'requestId'>): Actor {
  return { userId: null, login: null, roles: [], permissions: new Set(), scope: null, departmentCode: null, clientIp: info.clientIp, requestId: info.requestId };
}

export interface ResolvedSession {
  user: UserRow;
  tokenHash: Buffer;
  /** The second factor still due on this session (null: none). */
  mfaState: MfaSessionState;
}

/** The user behind a session token, or null when it is unknown, idle too long, too old or the user is disabled. */
export async function resolveSession(deps: AuthDeps, token: string): Promise<ResolvedSession | null> {
  const policy = deps.policy ?? DEFAULT_SECURITY_POLICY;
  const hash = tokenHash(token);
  const now = deps.clock.now();
  return deps.db.tx(async (tx) => {
    const s = await users.findSession(tx, hash);
    if (!s) return null;
    const idle = now.getTime() - s.lastSeenAt.getTime() > policy.sessionIdleMinutes * 60_000;
    const old = now.getTime() - s.createdAt.getTime() > policy.sessionAbsoluteHours * 3_600_000;
    const user = idle || old ? null : await users.findUserById(tx, s.userId);
    if (!user || user.disabled) {
      await users.deleteSession(tx, hash);
      return null;
    }
    if (now.getTime() - s.lastSeenAt.getTime() > 30_000) await users.touchSession(tx, hash, now);
    return { user, tokenHash: hash, mfaState: (s.mfaState ?? null) as MfaSessionState };
  });
}

export async function logout(deps: AuthDeps, actor: Actor, hash: Buffer): Promise<void> {
  await deps.db.tx(async (tx) => {
    await users.deleteSession(tx, hash);
    await recordAudit(tx, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.userId }, deps.clock);
  });
}

export async function changePassword(
  deps: AuthDeps, actor: Actor, currentHash: Buffer, currentPassword: string, newPassword: string,
): Promise<void> {
  const policy = deps.policy ?? DEFAULT_SECURITY_POLICY;
  const user = await deps.db.tx((tx) => users.findUserById(tx, actor.userId!));
  if (!user) throw new ServiceError('unauthenticated', '请先登录');
  const check = await verifyPassword(currentPassword, user.passwordHash, deps.pbkdf2Iterations);
  const audit = (result: 'success' | 'failure', reason: string | null) => ({
    action: 'auth.password', objectType: 'user', objectId: user.id, result, reason,
  });
  if (!check.ok) {
    await recordAuditAlone(deps.db, actor, audit('failure', '当前密码错误'), deps.clock);
    throw new ServiceError('invalid', '当前密码不正确', 'wrong_password', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problems = checkPassword(newPassword, user.login, policy.password);
  if (newPassword === currentPassword) problems.push('新密码不能与当前密码相同');
  if (problems.length > 0) {
    await recordAuditAlone(deps.db, actor, audit('failure', '新密码不符合策略'), deps.clock);
    throw new ServiceError('invalid', problems.join('；'), 'weak_password', problems.map((m) => ({ path: 'newPassword', message: m })));
  }
  const hash = await hashPassword(newPassword, deps.pbkdf2Iterations);
  await deps.db.tx(async (tx) => {
    await users.updateUser(tx, user.id, { passwordHash: hash, mustChangePassword: false, passwordChangedAt: deps.clock.now() });
    // Other sessions of this user end; this one stays.
    await users.deleteSessionsOfUser(tx, user.id, currentHash);
    await recordAudit(tx, actor, audit('success', null), deps.clock);
  });
}
