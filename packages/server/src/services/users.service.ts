/**
 * Account administration (系统管理员) and the break-glass path (CLI, first start). No default accounts: every
 * password is one-time. Creating, re-enabling and resetting an account over the API goes through 双人审批
 * (`account-changes.service.ts`); only disabling and unlocking stay single-person (they grant nothing).
 */
import { SCOPED_ROLES, checkRoleCombination, normalizeLogin, type OneTimePassword, type Role, type UserCreateBody, type UserView } from '@jiandu/domain';
import type { Database, Tx } from '../db/client.ts';
import { generatePassword, hashPassword } from '../crypto/sm.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as users from '../repositories/users.repository.ts';
import { findOrgInScope } from '../repositories/orgs.repository.ts';
import { recomputeResponsibleUnder } from '../repositories/obligation-actions.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError, notFound, pgErrorOf } from '../errors.ts';

export interface UsersDeps {
  db: Database;
  clock: Clock;
  pbkdf2Iterations: number;
}

function view(u: users.UserRow, now: Date): UserView {
  return {
    id: u.id,
    login: u.login,
    displayName: u.displayName,
    roles: u.roles,
    scopeOrgId: u.scopeOrgId,
    scopeOrgName: u.scopeOrgName,
    departmentCode: u.departmentCode,
    departmentName: u.departmentName,
    disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(deps: UsersDeps): Promise<UserView[]> {
  const now = deps.clock.now();
  return (await deps.db.tx((tx) => users.listUsers(tx))).map((u) => view(u, now));
}

export async function validateNewUser(tx: Tx, input: UserCreateBody): Promise<void> {
  const role = input.role as Role;
  const combo = checkRoleCombination([role]);
  if (combo) throw new ServiceError('invalid', combo);
  if (SCOPED_ROLES.includes(role)) {
    if (!input.scopeOrgId) throw new ServiceError('invalid', '监督员、领导和成员单位账号必须指定管辖范围（组织）', 'invalid', [{ path: 'scopeOrgId', message: '请选择管辖范围' }]);
    if (!(await findOrgInScope(tx, input.scopeOrgId, null))) throw new ServiceError('invalid', '管辖范围所选组织不存在', 'invalid', [{ path: 'scopeOrgId', message: '组织不存在' }]);
  } else if (input.scopeOrgId) {
    throw new ServiceError('invalid', '管理员账号不设管辖范围', 'invalid', [{ path: 'scopeOrgId', message: '管理员账号不设管辖范围' }]);
  }
  if (role === 'member') {
    if (!input.departmentCode || !(await users.findDepartment(tx, input.departmentCode))) {
      throw new ServiceError('invalid', '成员单位账号必须选择所属成员单位', 'invalid', [{ path: 'departmentCode', message: '请选择成员单位' }]);
    }
  } else if (input.departmentCode) {
    throw new ServiceError('invalid', '只有成员单位账号需要选择成员单位', 'invalid', [{ path: 'departmentCode', message: '只有成员单位账号需要选择成员单位' }]);
  }
}

/**
 * A supervisor account came, went or came back: the open, unassigned 待办 under its scope get their default
 * responsible again (the supervisor of the subject's area), so a new supervisor's 我的待办 is filled at once
 * and a disabled one's passes to the next.
 */
export async function supervisorChanged(tx: Tx, u: { roles: readonly string[]; scopeOrgId: string | null }): Promise<void> {
  if (u.roles.includes('supervisor') && u.scopeOrgId) await recomputeResponsibleUnder(tx, u.scopeOrgId);
}

/** Writes a new account (validated) in the caller's transaction; the caller audits. */
export async function insertAccount(tx: Tx, input: UserCreateBody, passwordHash: string, mustChangePassword: boolean, changedAt: Date): Promise<string> {
  const login = normalizeLogin(input.login);
  await validateNewUser(tx, input);
  if (await users.findUserByLogin(tx, login)) throw new ServiceError('conflict', `登录名“${login}”已存在`, 'login_taken');
  try {
    const id = await users.insertUser(tx, {
      login,
      displayName: input.displayName,
      passwordHash,
      mustChangePassword,
      passwordChangedAt: changedAt, // password expiry (AUTH-03) counts from here
      scopeOrgId: input.scopeOrgId ?? null,
      departmentCode: input.departmentCode ?? null,
      roles: [input.role],
    });
    await supervisorChanged(tx, { roles: [input.role], scopeOrgId: input.scopeOrgId ?? null });
    return id;
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw new ServiceError('conflict', `登录名“${login}”已存在`, 'login_taken');
    throw e;
  }
}

/**
 * Break-glass: creates an account at once, without approval — only for the command line (`jiandu user
 * create`), the first start, the demo accounts and tests, never for a signed-in user. Audited as
 * `user.create.break-glass`.
 */
export async function createUser(
  deps: UsersDeps, actor: Actor, input: UserCreateBody, opts: { mustChangePassword?: boolean; password?: string } = {},
): Promise<OneTimePassword & { id: string }> {
  if (actor.userId !== null) throw new ServiceError('forbidden', '新建账号须经安全管理员审批，请提交申请');
  const login = normalizeLogin(input.login);
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password, deps.pbkdf2Iterations);
  const id = await deps.db.tx(async (tx) => {
    const userId = await insertAccount(tx, input, passwordHash, opts.mustChangePassword ?? true, deps.clock.now());
    await recordAudit(tx, actor, {
      action: 'user.create.break-glass', objectType: 'user', objectId: userId,
      details: { login, role: input.role, scopeOrgId: input.scopeOrgId ?? null, departmentCode: input.departmentCode ?? null, via: actor.login },
    }, deps.clock);
    return userId;
  });
  return { id, login, password };
}

export async function mustFind(tx: Tx, id: string) {
  const u = await users.findUserById(tx, id);
  if (!u) throw notFound('账号');
  return u;
}

/** Disabling takes access away, so one person may do it; enabling gives it back and needs approval. */
export async function setDisabled(deps: UsersDeps, actor: Actor, id: string, disabled: boolean): Promise<UserView> {
  if (!disabled) {
    throw new ServiceError('conflict', '启用账号须经安全管理员审批：请提交“启用账号”申请', 'approval_required');
  }
  return deps.db.tx(async (tx) => {
    const u = await mustFind(tx, id);
    if (u.id === actor.userId) throw new ServiceError('forbidden', '不能停用自己的账号');
    await users.updateUser(tx, id, { disabled });
    if (disabled) await users.deleteSessionsOfUser(tx, id);
    await supervisorChanged(tx, u);
    await recordAudit(tx, actor, { action: 'user.status', objectType: 'user', objectId: id, details: { login: u.login, disabled } }, deps.clock);
    return view({ ...u, disabled }, deps.clock.now());
  });
}

export async function unlock(deps: UsersDeps, actor: Actor, id: string): Promise<UserView> {
  return deps.db.tx(async (tx) => {
    const u = await mustFind(tx, id);
    await users.updateUser(tx, id, { failedAttempts: 0, lockedUntil: null });
    await recordAudit(tx, actor, { action: 'user.unlock', objectType: 'user', objectId: id, details: { login: u.login } }, deps.clock);
    return view({ ...u, lockedUntil: null, failedAttempts: 0 }, deps.clock.now());
  });
}

export async function listDepartments(deps: UsersDeps) {
  return (await deps.db.tx((tx) => users.listDepartments(tx))).map((d) => ({ code: d.code, name: d.name, kinds: d.kinds }));
}

/**
 * First start on an empty database (break-glass, like the CLI): the 系统管理员 `sysadmin` and the 安全管理员
 * `secadmin` — two people, since every later account change needs one to propose and the other to approve —
 * each with a one-time password. Returns [] when accounts exist.
 */
export async function bootstrapFirstAdmins(deps: UsersDeps, actor: Actor): Promise<Array<OneTimePassword & { role: Role }>> {
  const n = await deps.db.tx((tx) => users.countUsers(tx));
  if (n > 0) return [];
  const out: Array<OneTimePassword & { role: Role }> = [];
  for (const [login, role, displayName] of [['sysadmin', 'sysadmin', '系统管理员'], ['secadmin', 'secadmin', '安全管理员']] as const) {
    const r = await createUser(deps, actor, { login, displayName, role });
    out.push({ login: r.login, password: r.password, role });
  }
  return out;
}
