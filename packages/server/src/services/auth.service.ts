/** Login, logout, password change and session resolution (SESS-01/02, AUTH-02/04/07). */
import { checkPassword, normalizeLogin, permissionsOf, type Me } from '@jiandu/domain';
import { nameKeys } from '../lib/pinyin.ts';
import * as security from '../repositories/security.repository.ts';
import type { Database } from '../db/client.ts';
import { dummyPasswordCheck, hashPassword, randomToken, verifyPassword } from '../crypto/sm.ts';
import { recordAudit, recordAuditAlone } from '../repositories/audit.repository.ts';
import * as users from '../repositories/users.repository.ts';
import type { UserRow } from '../repositories/users.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { policyStore, type SecurityPolicy } from './policy.ts';
import { loginState } from './mfa.service.ts';
import { actorOf, tokenHash, type RequestInfo } from './session-actor.ts';
import type { MfaSessionState } from '../repositories/users.repository.ts';


export const loginFailedMessage = (p: SecurityPolicy) => `登录名或密码错误（连续失败${p.maxFailedLogins}次将锁定${p.lockMinutes}分钟）`;

export interface AuthDeps {
  db: Database;
  clock: Clock;
  pbkdf2Iterations: number;
}

const DAY_MS = 86_400_000;

/** AUTH-03: the password is older than the policy's expiry (0 = never); counted from when it was set. */
export function passwordExpired(user: UserRow, policy: SecurityPolicy, now: Date): boolean {
  const days = policy.password.expiryDays;
  if (days <= 0 || user.mustChangePassword) return false;
  const since = user.passwordChangedAt ?? user.createdAt;
  return now.getTime() - since.getTime() > days * DAY_MS;
}

/** The user as the request sees it: an expired password is a password that must be changed. */
function withExpiry(user: UserRow, policy: SecurityPolicy, now: Date): UserRow {
  return passwordExpired(user, policy, now) ? { ...user, mustChangePassword: true, passwordExpired: true } : user;
}

export function meOf(user: UserRow): Me {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    roles: user.roles,
    permissions: [...permissionsOf(user.roles)],
    mustChangePassword: user.mustChangePassword,
    passwordExpired: user.passwordExpired === true,
    scopeOrgId: user.scopeOrgId,
    scopeOrgName: user.scopeOrgName,
    departmentCode: user.departmentCode,
    departmentName: user.departmentName,
  };
}

export async function login(
  deps: AuthDeps, loginName: string, password: string, info: RequestInfo, previousToken: string | null,
): Promise<{ token: string; me: Me; mfa: MfaSessionState }> {
  const { db, clock } = deps;
  const policy = await policyStore(db).policy();
  const name = normalizeLogin(loginName);
  const anon: Actor = { ...anonymous(info), login: name };
  const user = await db.tx((tx) => users.findUserByLogin(tx, name));
  const now = clock.now();
  const fail = async (reason: string, target: UserRow | null) => {
    await recordAuditAlone(db, target ? actorOf(target, info) : anon,
      { action: 'auth.login', objectType: 'user', objectId: target?.id ?? null, result: 'failure', reason }, clock);
    return new ServiceError('unauthenticated', loginFailedMessage(policy), 'login_failed');
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
  const seen = withExpiry(user, policy, now);
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
      details: { ...(newHash ? { rehashed: true } : {}), ...(seen.passwordExpired ? { passwordExpired: true } : {}), ...(mfaState ? { mfa: mfaState } : {}) },
    }, clock);
    return mfaState;
  });
  return { token, me: meOf(seen), mfa };
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
  const policy = await policyStore(deps.db).policy();
  const hash = tokenHash(token);
  const now = deps.clock.now();
  return deps.db.tx(async (tx) => {
    const found = await users.findSessionWithUser(tx, hash);
    if (!found) return null;
    const s = found.session;
    const idle = now.getTime() - s.lastSeenAt.getTime() > policy.sessionIdleMinutes * 60_000;
    const old = now.getTime() - s.createdAt.getTime() > policy.sessionAbsoluteHours * 3_600_000;
    const user = idle || old ? null : found.user;
    if (!user || user.disabled) {
      await users.deleteSession(tx, hash);
      return null;
    }
    if (now.getTime() - s.lastSeenAt.getTime() > 30_000) await users.touchSession(tx, hash, now);
    return { user: withExpiry(user, policy, now), tokenHash: hash, mfaState: (s.mfaState ?? null) as MfaSessionState };
  });
}

export async function logout(deps: AuthDeps, actor: Actor, hash: Buffer): Promise<void> {
  await deps.db.tx(async (tx) => {
    await users.deleteSession(tx, hash);
    await recordAudit(tx, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.userId }, deps.clock);
  });
}

/** Words of the account and its organisation that a password may not contain (AUTH-02): names and their pinyin. */
export function organisationWords(names: string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.normalize('NFKC').replace(/\s+/gu, '');
    if (!name) continue;
    out.add(name);
    // 青川市委组织部 → 青川 → qingchuan; 东平县委 → 东平 → dongping.
    const stem = name.replace(/(组织部|纪委监委|纪委|党委|党组|市委|县委|区委|州委|省委|人民政府|政府|委员会)+$/u, '').replace(/[省市县区州旗镇乡]$/u, '');
    for (const n of new Set([name, stem])) {
      if (!/[\u3400-\u9fff]/u.test(n)) continue;
      out.add(n);
      const py = nameKeys(n).key.replace(/\s+/gu, '');
      if (py) out.add(py);
    }
  }
  return [...out];
}

/** The rules the 修改密码 page shows. */
export async function passwordRules(deps: Pick<AuthDeps, 'db'>) {
  const p = (await policyStore(deps.db).policy()).password;
  return { minLength: p.minLength, maxLength: p.maxLength, minClasses: p.minClasses, historyCount: p.historyCount, expiryDays: p.expiryDays };
}

/** Keeps this many chosen passwords per user whatever the policy says now (the largest history the policy allows). */
const HISTORY_KEPT = 24;

export async function changePassword(
  deps: AuthDeps, actor: Actor, currentHash: Buffer, currentPassword: string, newPassword: string,
): Promise<void> {
  const policy = await policyStore(deps.db).policy();
  const { user, orgNames, history } = await deps.db.tx(async (tx) => {
    const u = await users.findUserById(tx, actor.userId!);
    return {
      user: u,
      orgNames: u ? await security.organisationNames(tx, u.scopeOrgId) : [],
      history: u ? await security.passwordHistory(tx, u.id, policy.password.historyCount) : [],
    };
  });
  if (!user) throw new ServiceError('unauthenticated', '请先登录');
  const check = await verifyPassword(currentPassword, user.passwordHash, deps.pbkdf2Iterations);
  const audit = (result: 'success' | 'failure', reason: string | null) => ({
    action: 'auth.password', objectType: 'user', objectId: user.id, result, reason,
  });
  if (!check.ok) {
    await recordAuditAlone(deps.db, actor, audit('failure', '当前密码错误'), deps.clock);
    throw new ServiceError('invalid', '当前密码不正确', 'wrong_password', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const context = organisationWords([...orgNames, ...(user.scopeOrgName ? [user.scopeOrgName] : []), user.displayName]);
  const problems = checkPassword(newPassword, user.login, policy.password, context);
  if (newPassword === currentPassword) problems.push('新密码不能与当前密码相同');
  else if (problems.length === 0 && history.length > 0) {
    // AUTH-02/等保: the last N passwords (the current one and N-1 before it) may not come back.
    for (const old of history) {
      if ((await verifyPassword(newPassword, old, deps.pbkdf2Iterations)).ok) {
        problems.push(`新密码不能与最近${policy.password.historyCount}次使用过的密码相同`);
        break;
      }
    }
  }
  if (problems.length > 0) {
    await recordAuditAlone(deps.db, actor, audit('failure', '新密码不符合策略'), deps.clock);
    throw new ServiceError('invalid', problems.join('；'), 'weak_password', problems.map((m) => ({ path: 'newPassword', message: m })));
  }
  const hash = await hashPassword(newPassword, deps.pbkdf2Iterations);
  const now = deps.clock.now();
  await deps.db.tx(async (tx) => {
    await users.updateUser(tx, user.id, { passwordHash: hash, mustChangePassword: false, passwordChangedAt: now });
    await security.addPasswordHistory(tx, user.id, hash, now, HISTORY_KEPT);
    // Other sessions of this user end; this one stays.
    await users.deleteSessionsOfUser(tx, user.id, currentHash);
    await recordAudit(tx, actor, audit('success', null), deps.clock);
  });
}
