/** Account administration (系统管理员) and the CLI bootstrap. No default accounts: every password is one-time. */
import { ADMIN_ROLES, SCOPED_ROLES, checkRoleCombination, normalizeLogin, type OneTimePassword, type Role, type UserCreateBody, type UserView } from '@jiandu/domain';
import type { Database, Tx } from '../db/client.ts';
import { generatePassword, hashPassword } from '../crypto/sm.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as users from '../repositories/users.repository.ts';
import { findOrgInScope } from '../repositories/orgs.repository.ts';
import type { Actor, Clock } from './context.ts';
import { ServiceError, notFound, pgErrorOf } from './errors.ts';

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

async function validateNewUser(tx: Tx, input: UserCreateBody): Promise<void> {
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

/** Creates an account with a one-time password that must be changed at first login. */
export async function createUser(
  deps: UsersDeps, actor: Actor, input: UserCreateBody, opts: { mustChangePassword?: boolean; password?: string } = {},
): Promise<OneTimePassword & { id: string }> {
  const login = normalizeLogin(input.login);
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password, deps.pbkdf2Iterations);
  try {
    const id = await deps.db.tx(async (tx) => {
      await validateNewUser(tx, input);
      if (await users.findUserByLogin(tx, login)) throw new ServiceError('conflict', `登录名“${login}”已存在`, 'login_taken');
      const userId = await users.insertUser(tx, {
        login,
        displayName: input.displayName,
        passwordHash,
        mustChangePassword: opts.mustChangePassword ?? true,
        passwordChangedAt: deps.clock.now(), // password expiry (AUTH-03) counts from here
        scopeOrgId: input.scopeOrgId ?? null,
        departmentCode: input.departmentCode ?? null,
        roles: [input.role],
      });
      await recordAudit(tx, actor, {
        action: 'user.create', objectType: 'user', objectId: userId,
        details: { login, role: input.role, scopeOrgId: input.scopeOrgId ?? null, departmentCode: input.departmentCode ?? null },
      }, deps.clock);
      return userId;
    });
    return { id, login, password };
  } catch (e) {
    const pgErr = pgErrorOf(e);
    if (pgErr?.code === '23505') throw new ServiceError('conflict', `登录名“${login}”已存在`, 'login_taken');
    throw e;
  }
}

async function mustFind(tx: Tx, id: string) {
  const u = await users.findUserById(tx, id);
  if (!u) throw notFound('账号');
  return u;
}

export async function resetPassword(deps: UsersDeps, actor: Actor, id: string): Promise<OneTimePassword> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password, deps.pbkdf2Iterations);
  return deps.db.tx(async (tx) => {
    const u = await mustFind(tx, id);
    if (ADMIN_ROLES.some((r) => u.roles.includes(r)) && u.id === actor.userId) {
      throw new ServiceError('forbidden', '不能重置自己的密码，请使用“修改密码”');
    }
    await users.updateUser(tx, id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
    await users.deleteSessionsOfUser(tx, id);
    await recordAudit(tx, actor, { action: 'user.reset-password', objectType: 'user', objectId: id, details: { login: u.login } }, deps.clock);
    return { login: u.login, password };
  });
}

export async function setDisabled(deps: UsersDeps, actor: Actor, id: string, disabled: boolean): Promise<UserView> {
  return deps.db.tx(async (tx) => {
    const u = await mustFind(tx, id);
    if (u.id === actor.userId) throw new ServiceError('forbidden', '不能停用自己的账号');
    await users.updateUser(tx, id, { disabled });
    if (disabled) await users.deleteSessionsOfUser(tx, id);
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

/** First start on an empty database: one sysadmin with a one-time password. Returns null when accounts exist. */
export async function bootstrapFirstAdmin(deps: UsersDeps, actor: Actor): Promise<OneTimePassword | null> {
  const n = await deps.db.tx((tx) => users.countUsers(tx));
  if (n > 0) return null;
  const r = await createUser(deps, actor, { login: 'sysadmin', displayName: '系统管理员', role: 'sysadmin' });
  return { login: r.login, password: r.password };
}
