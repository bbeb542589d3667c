/**
 * 双人审批 of privileged account changes (issue 9 point 2; AC-02). The 系统管理员 proposes creating,
 * re-enabling or resetting an account (every role: admin or business); nothing happens until a 安全管理员 —
 * another account, neither the proposer nor the account concerned — approves it. The database refuses an
 * approval by the proposer (CHECK `account_change_two_people`, trigger `account_change_guard`).
 *
 * The one-time password is made at approval. It goes to the proposer (who hands it to the user), fetched
 * once: until then it is kept SM4-encrypted (AAD `account-change:<id>:password`), then wiped. Exception: the
 * password of a 安全管理员 account goes to the approver, in the approval's answer, and is stored nowhere —
 * a 系统管理员 holding a 安全管理员's password could approve his own requests.
 *
 * Adding a kind is one entry of `KINDS`: what to check when proposed, and what approval applies.
 */
import {
  ACCOUNT_CHANGE_KIND_NAMES, normalizeLogin,
  type AccountApproval, type AccountChangeBody, type AccountChangeKind, type AccountChangeStatus, type AccountChangeView,
  type OneTimePassword, type Role, type UserCreateBody,
} from '@jiandu/domain';
import type { Database, Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { generatePassword, hashPassword } from '../crypto/sm.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { clearSecondFactor } from '../repositories/mfa.repository.ts';
import * as repo from '../repositories/account-changes.repository.ts';
import * as users from '../repositories/users.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError, notFound, pgErrorOf } from '../errors.ts';
import { insertAccount, mustFind, supervisorChanged, validateNewUser } from './users.service.ts';

export interface AccountChangesDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  pbkdf2Iterations: number;
}

const secretAad = (id: string) => `account-change:${id}:password`;

/** What an approval did: the account concerned and, for kinds that make one, the new one-time password. */
interface Applied {
  userId: string;
  password: string | null;
}

interface ApplyInput {
  change: repo.ChangeRow;
  actor: Actor;
  /** Prepared outside the transaction (PBKDF2 is slow) for kinds that make a password. */
  password: string;
  passwordHash: string;
}

interface KindHandler {
  /** Makes a one-time password when approved. */
  makesPassword: boolean;
  /** Checks at proposal time, in the proposal's transaction (the target row, when there is one). */
  check(tx: Tx, actor: Actor, target: users.UserRow | null, body: AccountChangeBody): Promise<void>;
  /** Applies the approved change in the approval's transaction; writes its own audit row. */
  apply(tx: Tx, deps: AccountChangesDeps, input: ApplyInput): Promise<Applied>;
}

const conflict = (message: string, code = 'conflict') => new ServiceError('conflict', message, code);

function createInput(c: { login: string; payload: repo.ChangeRow['payload'] }): UserCreateBody {
  return {
    login: c.login, displayName: c.payload.displayName ?? c.login, role: c.payload.role as Role,
    scopeOrgId: c.payload.scopeOrgId ?? null, departmentCode: c.payload.departmentCode ?? null,
  };
}

async function targetOf(tx: Tx, change: repo.ChangeRow): Promise<users.UserRow> {
  if (!change.targetUserId) throw notFound('账号');
  return mustFind(tx, change.targetUserId);
}

/** Clears the user's second factor (TOTP secret, recovery codes) and ends the user's sessions; the next login enrolls again. */
export async function applyResetMfa(tx: Tx, _deps: AccountChangesDeps, userId: string, _actor: Actor): Promise<void> {
  await clearSecondFactor(tx, userId);
}

const auditDetails = (c: repo.ChangeRow, actor: Actor) => ({
  login: c.login, changeId: c.id, proposedBy: c.proposedByLogin, approvedBy: actor.login,
});

export const KINDS: Record<AccountChangeKind, KindHandler> = {
  'create': {
    makesPassword: true,
    async check(tx, _actor, _target, body) {
      const input = createInput({ login: normalizeLogin(body.login!), payload: body });
      await validateNewUser(tx, input);
      if (await users.findUserByLogin(tx, input.login)) {
        throw new ServiceError('conflict', `登录名“${input.login}”已存在`, 'login_taken', [{ path: 'login', message: '登录名已存在' }]);
      }
    },
    async apply(tx, deps, { change, actor, password, passwordHash }) {
      const input = createInput(change);
      const userId = await insertAccount(tx, input, passwordHash, true, deps.clock.now());
      await recordAudit(tx, actor, {
        action: 'user.create', objectType: 'user', objectId: userId,
        details: { ...auditDetails(change, actor), role: input.role, scopeOrgId: input.scopeOrgId ?? null, departmentCode: input.departmentCode ?? null },
      }, deps.clock);
      return { userId, password };
    },
  },
  'enable': {
    makesPassword: false,
    async check(_tx, _actor, target) {
      if (!target!.disabled) throw conflict(`账号 ${target!.login} 未停用，无需启用`, 'not_disabled');
    },
    async apply(tx, deps, { change, actor }) {
      const u = await targetOf(tx, change);
      if (!u.disabled) throw conflict(`账号 ${u.login} 已是启用状态`, 'not_disabled');
      await users.updateUser(tx, u.id, { disabled: false });
      await supervisorChanged(tx, u);
      await recordAudit(tx, actor, { action: 'user.status', objectType: 'user', objectId: u.id, details: { ...auditDetails(change, actor), disabled: false } }, deps.clock);
      return { userId: u.id, password: null };
    },
  },
  'reset-password': {
    makesPassword: true,
    async check() {},
    async apply(tx, deps, { change, actor, password, passwordHash }) {
      const u = await targetOf(tx, change);
      await users.updateUser(tx, u.id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
      await users.deleteSessionsOfUser(tx, u.id);
      await recordAudit(tx, actor, { action: 'user.reset-password', objectType: 'user', objectId: u.id, details: auditDetails(change, actor) }, deps.clock);
      return { userId: u.id, password };
    },
  },
  'reset-mfa': {
    makesPassword: false,
    async check() {},
    async apply(tx, deps, { change, actor }) {
      const u = await targetOf(tx, change);
      await applyResetMfa(tx, deps, u.id, actor);
      await recordAudit(tx, actor, { action: 'user.reset-mfa', objectType: 'user', objectId: u.id, details: auditDetails(change, actor) }, deps.clock);
      return { userId: u.id, password: null };
    },
  },
};

function view(c: repo.ChangeRow): AccountChangeView {
  return {
    id: c.id,
    kind: c.kind as AccountChangeKind,
    login: c.login,
    displayName: c.displayName,
    role: c.role,
    scopeOrgName: c.scopeOrgName,
    departmentName: c.departmentName,
    targetUserId: c.targetUserId,
    reason: c.reason,
    proposedByLogin: c.proposedByLogin,
    proposedAt: c.proposedAt.toISOString(),
    status: c.status as AccountChangeStatus,
    decidedByLogin: c.decidedByLogin,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionReason: c.decisionReason,
    passwordTo: (c.passwordTo as 'proposer' | 'approver' | null) ?? null,
    passwordWaiting: c.hasSecret,
  };
}

function signedIn(actor: Actor): string {
  if (!actor.userId) throw new ServiceError('forbidden', '账号变更申请须由已登录的管理员提出或审批');
  return actor.userId;
}

export async function listChanges(deps: AccountChangesDeps, status: AccountChangeStatus | null): Promise<AccountChangeView[]> {
  return (await deps.db.tx((tx) => repo.listChanges(tx, status))).map(view);
}

/** The 系统管理员 proposes; nothing changes until approved. */
export async function proposeChange(deps: AccountChangesDeps, actor: Actor, body: AccountChangeBody): Promise<AccountChangeView> {
  const me = signedIn(actor);
  const kind = body.kind;
  const handler = KINDS[kind];
  try {
    return await deps.db.tx(async (tx) => {
      let target: users.UserRow | null = null;
      let login: string;
      let payload: repo.ChangeRow['payload'] = {};
      if (kind === 'create') {
        const missing = (['login', 'displayName', 'role'] as const).filter((f) => !body[f]);
        if (missing.length > 0) {
          throw new ServiceError('invalid', '新建账号须填写登录名、姓名和角色', 'invalid', missing.map((path) => ({ path, message: '必填' })));
        }
        if (body.userId) throw new ServiceError('invalid', '新建账号不指定已有账号', 'invalid', [{ path: 'userId', message: '新建账号不指定已有账号' }]);
        login = normalizeLogin(body.login!);
        payload = { displayName: body.displayName!, role: body.role!, scopeOrgId: body.scopeOrgId ?? null, departmentCode: body.departmentCode ?? null };
      } else {
        if (!body.userId) throw new ServiceError('invalid', '请指定账号', 'invalid', [{ path: 'userId', message: '请指定账号' }]);
        const extra = (['login', 'displayName', 'role', 'scopeOrgId', 'departmentCode'] as const).filter((f) => body[f] != null);
        if (extra.length > 0) throw new ServiceError('invalid', `${ACCOUNT_CHANGE_KIND_NAMES[kind]}不修改账号信息`, 'invalid', extra.map((path) => ({ path, message: '不可填写' })));
        target = await mustFind(tx, body.userId);
        if (target.id === me) throw new ServiceError('forbidden', kind === 'reset-password' ? '不能重置自己的密码，请使用“修改密码”' : '不能为自己的账号提出申请');
        login = target.login;
      }
      await handler.check(tx, actor, target, body);
      const id = await repo.insertChange(tx, {
        kind, targetUserId: target?.id ?? null, login, payload, reason: body.reason || null, proposedBy: me, proposedAt: deps.clock.now(),
      });
      await recordAudit(tx, actor, {
        action: 'account-change.propose', objectType: 'account_change', objectId: id,
        details: { kind, login, userId: target?.id ?? null, role: payload.role ?? null },
      }, deps.clock);
      return view((await repo.findChange(tx, id))!);
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') {
      throw conflict(`该账号已有待审批的“${ACCOUNT_CHANGE_KIND_NAMES[kind]}”申请，请等待安全管理员处理或先撤回`, 'pending_exists');
    }
    throw e;
  }
}

async function pending(tx: Tx, id: string): Promise<repo.ChangeRow> {
  await repo.lockChange(tx, id);
  const c = await repo.findChange(tx, id);
  if (!c) throw notFound('账号变更申请');
  if (c.status !== '待审批') throw conflict(`该申请已${c.status.slice(1)}，不能再次处理`, 'already_decided');
  return c;
}

function twoPeople(c: repo.ChangeRow, me: string): void {
  if (c.proposedBy === me) throw new ServiceError('forbidden', '双人审批：不能审批自己提出的申请', 'same_person');
  if (c.targetUserId === me) throw new ServiceError('forbidden', '双人审批：不能审批与本人账号有关的申请', 'same_person');
}

/** The 安全管理员 approves: the change is applied in the same transaction. */
export async function approveChange(deps: AccountChangesDeps, actor: Actor, id: string, reason: string | null): Promise<AccountApproval> {
  const me = signedIn(actor);
  const kind = await deps.db.tx(async (tx) => (await repo.findChange(tx, id))?.kind as AccountChangeKind | undefined);
  if (!kind) throw notFound('账号变更申请');
  const handler = KINDS[kind];
  const password = handler.makesPassword ? generatePassword() : '';
  const passwordHash = handler.makesPassword ? await hashPassword(password, deps.pbkdf2Iterations) : '';
  return deps.db.tx(async (tx) => {
    const c = await pending(tx, id);
    twoPeople(c, me);
    const applied = await handler.apply(tx, deps, { change: c, actor, password, passwordHash });
    // A 安全管理员's password goes to the approver (see the file comment); any other to the proposer, fetched once.
    const role = c.role ?? (await mustFind(tx, applied.userId)).roles[0] ?? null;
    const passwordTo = applied.password === null ? null : role === 'secadmin' ? 'approver' : 'proposer';
    const now = deps.clock.now();
    await repo.decideChange(tx, id, {
      status: '已批准', decidedBy: me, decidedAt: now, decisionReason: reason || null,
      ...(kind === 'create' ? { targetUserId: applied.userId } : {}),
      passwordTo,
      secret: passwordTo === 'proposer' ? deps.crypto.encrypt(applied.password!, secretAad(id)) : null,
      secretShownAt: passwordTo === 'approver' ? now : null,
    });
    await recordAudit(tx, actor, {
      action: 'account-change.approve', objectType: 'account_change', objectId: id,
      details: { kind, login: c.login, userId: applied.userId, proposedBy: c.proposedByLogin, passwordTo },
    }, deps.clock);
    const out = view((await repo.findChange(tx, id))!);
    return { change: out, password: passwordTo === 'approver' ? { login: c.login, password: applied.password! } : null };
  });
}

export async function rejectChange(deps: AccountChangesDeps, actor: Actor, id: string, reason: string): Promise<AccountChangeView> {
  const me = signedIn(actor);
  return deps.db.tx(async (tx) => {
    const c = await pending(tx, id);
    twoPeople(c, me);
    await repo.decideChange(tx, id, { status: '已驳回', decidedBy: me, decidedAt: deps.clock.now(), decisionReason: reason });
    await recordAudit(tx, actor, {
      action: 'account-change.reject', objectType: 'account_change', objectId: id,
      reason, details: { kind: c.kind, login: c.login, proposedBy: c.proposedByLogin },
    }, deps.clock);
    return view((await repo.findChange(tx, id))!);
  });
}

/** The proposer takes a pending request back. */
export async function withdrawChange(deps: AccountChangesDeps, actor: Actor, id: string): Promise<AccountChangeView> {
  const me = signedIn(actor);
  return deps.db.tx(async (tx) => {
    const c = await pending(tx, id);
    if (c.proposedBy !== me) throw new ServiceError('forbidden', '只有提出人可以撤回申请');
    await repo.decideChange(tx, id, { status: '已撤回', decidedBy: me, decidedAt: deps.clock.now(), decisionReason: null });
    await recordAudit(tx, actor, { action: 'account-change.withdraw', objectType: 'account_change', objectId: id, details: { kind: c.kind, login: c.login } }, deps.clock);
    return view((await repo.findChange(tx, id))!);
  });
}

/** The proposer sees the one-time password of an approved change once; it is wiped in the same transaction. */
export async function takePassword(deps: AccountChangesDeps, actor: Actor, id: string): Promise<OneTimePassword> {
  const me = signedIn(actor);
  return deps.db.tx(async (tx) => {
    const c = await repo.findChange(tx, id);
    if (!c) throw notFound('账号变更申请');
    if (c.proposedBy !== me) throw new ServiceError('forbidden', '只有提出申请的管理员可以查看一次性密码');
    if (c.status !== '已批准') throw conflict(c.status === '待审批' ? '申请尚未批准，一次性密码在安全管理员批准后才生成' : `申请${c.status}，没有一次性密码`, 'not_approved');
    const secret = await repo.readSecret(tx, id);
    if (!secret) {
      throw conflict(c.passwordTo === 'approver'
        ? '安全管理员账号的一次性密码已在批准时交给审批人'
        : '一次性密码已显示过一次，不能再次查看；如遗失，请重新提交“重置密码”申请', 'password_taken');
    }
    const password = deps.crypto.decrypt(secret, secretAad(id));
    await repo.wipeSecret(tx, id, deps.clock.now());
    await recordAudit(tx, actor, { action: 'account-change.password-shown', objectType: 'account_change', objectId: id, details: { kind: c.kind, login: c.login } }, deps.clock);
    return { login: c.login, password };
  });
}
