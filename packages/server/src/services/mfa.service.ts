/**
 * Second factor (AUTH-05): TOTP (RFC 6238) enrolled by QR code, one-time recovery codes, and the session's
 * second step. A password-only session is `verify` (code due) or `enroll` (factor to set up); the session id
 * is renewed once the factor is passed (SESS-01). Wrong codes count toward the lockout like wrong passwords.
 */
import { ADMIN_ROLES, type MfaOverview, type MfaPolicy, type MfaSessionState, type MfaStatus, type Role } from '@jiandu/domain';
import type { Database, Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { randomToken, sm3 } from '../crypto/sm.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri } from '../crypto/totp.ts';
import { recordAudit, recordAuditAlone } from '../repositories/audit.repository.ts';
import * as mfa from '../repositories/mfa.repository.ts';
import * as users from '../repositories/users.repository.ts';
import type { UserRow } from '../repositories/users.repository.ts';
import { actorOf, tokenHash, type RequestInfo } from './session-actor.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { isMfaExempt, isMfaRequired, loadMfaPolicy, MFA_ALWAYS_ROLES, saveMfaPolicy } from './mfa-policy.ts';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './policy.ts';

export interface MfaDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  policy?: SecurityPolicy;
}

export const MFA_FAILED_MESSAGE = '验证码不正确、已使用或已过期';
const totpAad = (userId: string) => `user:${userId}:totp`;
const recoveryHash = (userId: string, code: string) => sm3(`recovery:${userId}:${normalizeRecoveryCode(code)}`);

/** The second-factor state a new password-checked session starts in. */
export async function loginState(tx: Tx, user: Pick<UserRow, 'id' | 'login' | 'roles'>): Promise<MfaSessionState> {
  const policy = await loadMfaPolicy(tx);
  if (isMfaExempt(policy, user.login)) return null;
  const row = await mfa.findMfa(tx, user.id);
  if (row?.secretEnc) return 'verify';
  return isMfaRequired(policy, user) ? 'enroll' : null;
}

export async function status(deps: MfaDeps, user: UserRow, state: MfaSessionState): Promise<MfaStatus> {
  return deps.db.tx(async (tx) => {
    const policy = await loadMfaPolicy(tx);
    const row = await mfa.findMfa(tx, user.id);
    return {
      state,
      enrolled: !!row?.secretEnc,
      required: isMfaRequired(policy, user),
      exempt: isMfaExempt(policy, user.login),
      recoveryCodesLeft: row?.secretEnc ? await mfa.countUnusedRecoveryCodes(tx, user.id) : 0,
    };
  });
}

/** Whether the demo exemption is active (the login page's banner). */
export async function notice(deps: Pick<MfaDeps, 'db'>): Promise<{ demoExemption: boolean }> {
  const policy = await deps.db.tx((tx) => loadMfaPolicy(tx));
  return { demoExemption: policy.exemptLogins.length > 0 };
}

/** A new secret to scan; it becomes the factor only once a code from it is confirmed. */
export async function startEnrollment(deps: MfaDeps, user: UserRow, state: MfaSessionState, info: RequestInfo) {
  if (state === 'verify') throw new ServiceError('forbidden', '请先输入验证码完成登录', 'mfa_required');
  const secret = newTotpSecret();
  await deps.db.tx(async (tx) => {
    await mfa.setPendingSecret(tx, user.id, deps.crypto.encrypt(secret, totpAad(user.id)));
    await recordAudit(tx, actorOf(user, info), { action: 'auth.mfa.enroll', objectType: 'user', objectId: user.id, details: { step: 'start' } }, deps.clock);
  });
  return { secret, uri: otpauthUri(secret, user.login) };
}

export interface SecondStepResult {
  /** A new session token when the session was renewed (the old id no longer works). */
  token: string | null;
}

async function renewSession(tx: Tx, user: UserRow, oldHash: Buffer, now: Date, info: RequestInfo): Promise<string> {
  const token = randomToken();
  await users.deleteSession(tx, oldHash);
  await users.insertSession(tx, tokenHash(token), user.id, now, info.clientIp, info.userAgent, null);
  return token;
}

/** A wrong code: audited, counted toward the lockout; a lock ends the user's sessions. */
async function failure(deps: MfaDeps, user: UserRow, info: RequestInfo, action: string, reason: string): Promise<ServiceError> {
  const policy = deps.policy ?? DEFAULT_SECURITY_POLICY;
  const lockUntil = new Date(deps.clock.now().getTime() + policy.lockMinutes * 60_000);
  const { locked } = await deps.db.tx(async (tx) => {
    const r = await users.recordFailedLogin(tx, user.id, policy.maxFailedLogins, lockUntil);
    if (r.locked) await users.deleteSessionsOfUser(tx, user.id);
    return r;
  });
  await recordAuditAlone(deps.db, actorOf(user, info), {
    action, objectType: 'user', objectId: user.id, result: 'failure',
    reason: locked ? `${reason}，连续失败${policy.maxFailedLogins}次，账号锁定至 ${lockUntil.toISOString()}` : reason,
  }, deps.clock);
  if (locked) return new ServiceError('unauthenticated', `连续失败${policy.maxFailedLogins}次，账号已锁定${policy.lockMinutes}分钟`, 'locked');
  return new ServiceError('invalid', MFA_FAILED_MESSAGE, 'mfa_failed', [{ path: 'code', message: MFA_FAILED_MESSAGE }]);
}

/** Confirms the pending secret with a code from the app; returns the recovery codes (shown once). */
export async function confirmEnrollment(
  deps: MfaDeps, user: UserRow, state: MfaSessionState, sessionHash: Buffer, code: string, info: RequestInfo,
): Promise<SecondStepResult & { recoveryCodes: string[] }> {
  if (state === 'verify') throw new ServiceError('forbidden', '请先输入验证码完成登录', 'mfa_required');
  const now = deps.clock.now();
  const row = await deps.db.tx((tx) => mfa.findMfa(tx, user.id));
  if (!row?.pendingSecretEnc) throw new ServiceError('invalid', '请先生成新的密钥（扫描二维码）', 'mfa_no_pending');
  const secret = deps.crypto.decrypt(row.pendingSecretEnc, totpAad(user.id));
  const step = matchTotp(secret, code, now, null);
  if (step === null) throw await failure(deps, user, info, 'auth.mfa.enroll', '绑定时验证码不正确');
  const recoveryCodes = newRecoveryCodes();
  const token = await deps.db.tx(async (tx) => {
    await mfa.confirmPendingSecret(tx, user.id, step, now);
    await mfa.replaceRecoveryCodes(tx, user.id, recoveryCodes.map((c) => recoveryHash(user.id, c)));
    await users.updateUser(tx, user.id, { failedAttempts: 0 });
    // Other sessions of this user end; a session that was waiting for enrollment gets a new id.
    await users.deleteSessionsOfUser(tx, user.id, sessionHash);
    const renewed = state === 'enroll' ? await renewSession(tx, user, sessionHash, now, info) : null;
    await recordAudit(tx, actorOf(user, info), {
      action: 'auth.mfa.enroll', objectType: 'user', objectId: user.id, details: { step: 'confirm', recoveryCodes: recoveryCodes.length },
    }, deps.clock);
    return renewed;
  });
  return { token, recoveryCodes };
}

/** The second step of a login: a TOTP code, or one recovery code. */
export async function verify(
  deps: MfaDeps, user: UserRow, state: MfaSessionState, sessionHash: Buffer, code: string, info: RequestInfo,
): Promise<SecondStepResult & { method: 'totp' | 'recovery' }> {
  if (state !== 'verify') throw new ServiceError('invalid', state === 'enroll' ? '请先绑定动态口令' : '本会话已完成二次认证', 'mfa_not_due');
  const now = deps.clock.now();
  if (user.lockedUntil && user.lockedUntil > now) throw await failure(deps, user, info, 'auth.mfa.verify', '账号锁定中');
  const isTotp = /^\d{6}$/u.test(code.replace(/\s/gu, ''));
  const result = await deps.db.tx(async (tx) => {
    const row = await mfa.findMfa(tx, user.id);
    if (!row?.secretEnc) return null;
    if (isTotp) {
      const secret = deps.crypto.decrypt(row.secretEnc, totpAad(user.id));
      const step = matchTotp(secret, code.replace(/\s/gu, ''), now, row.lastStep);
      if (step === null || !(await mfa.useStep(tx, user.id, step))) return null;
    } else if (!(await mfa.useRecoveryCode(tx, user.id, recoveryHash(user.id, code), now))) {
      return null;
    }
    await users.updateUser(tx, user.id, { failedAttempts: 0 });
    const token = await renewSession(tx, user, sessionHash, now, info);
    const left = isTotp ? null : await mfa.countUnusedRecoveryCodes(tx, user.id);
    await recordAudit(tx, actorOf(user, info), {
      action: isTotp ? 'auth.mfa.verify' : 'auth.mfa.recovery', objectType: 'user', objectId: user.id,
      details: isTotp ? { method: 'totp' } : { method: 'recovery', recoveryCodesLeft: left },
    }, deps.clock);
    return token;
  });
  if (!result) {
    throw await failure(deps, user, info, isTotp ? 'auth.mfa.verify' : 'auth.mfa.recovery', isTotp ? '动态口令不正确、已使用或超出时间窗' : '恢复码不正确或已使用');
  }
  return { token: result, method: isTotp ? 'totp' : 'recovery' };
}

// ---- 安全管理员 ----

export async function overview(deps: Pick<MfaDeps, 'db'>): Promise<MfaOverview> {
  return deps.db.tx(async (tx) => {
    const policy = await loadMfaPolicy(tx);
    const list = await mfa.listMfaStatus(tx);
    return {
      policy,
      alwaysRoles: [...MFA_ALWAYS_ROLES],
      users: list.map((u) => ({
        id: u.id, login: u.login, displayName: u.displayName, roles: u.roles as Role[], disabled: u.disabled,
        enrolledAt: u.enrolledAt?.toISOString() ?? null, required: isMfaRequired(policy, u),
      })),
    };
  });
}

export async function updatePolicy(deps: Pick<MfaDeps, 'db' | 'clock'>, actor: Actor, next: MfaPolicy): Promise<MfaPolicy> {
  return deps.db.tx(async (tx) => {
    const before = await loadMfaPolicy(tx);
    const value: MfaPolicy = { roles: next.roles.filter((r) => !ADMIN_ROLES.includes(r)), exemptLogins: next.exemptLogins };
    await saveMfaPolicy(tx, value, actor.userId, deps.clock.now());
    const after = await loadMfaPolicy(tx);
    await recordAudit(tx, actor, {
      action: 'security.mfa.policy', objectType: 'setting', objectId: null,
      details: { before: JSON.stringify(before), after: JSON.stringify(after) },
    }, deps.clock);
    return after;
  });
}


