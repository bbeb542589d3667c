import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Role } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import { appUser, department, org, session, userRole } from '../db/schema/index.ts';

export interface UserRow {
  id: string;
  login: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
  /** Not stored: set when the session is resolved and the password is older than the policy allows. */
  passwordExpired?: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  disabled: boolean;
  scopeOrgId: string | null;
  scopeOrgName: string | null;
  scopeOrgPath: string | null;
  scopeOrgLevel: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: Role[];
}

const userColumns = {
  id: appUser.id,
  login: appUser.login,
  displayName: appUser.displayName,
  passwordHash: appUser.passwordHash,
  mustChangePassword: appUser.mustChangePassword,
  passwordChangedAt: appUser.passwordChangedAt,
  failedAttempts: appUser.failedAttempts,
  lockedUntil: appUser.lockedUntil,
  disabled: appUser.disabled,
  scopeOrgId: appUser.scopeOrgId,
  scopeOrgName: org.name,
  scopeOrgPath: org.path,
  scopeOrgLevel: org.level,
  departmentCode: appUser.departmentCode,
  departmentName: department.name,
  lastLoginAt: appUser.lastLoginAt,
  createdAt: appUser.createdAt,
  roles: sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from ${userRole} r where r.user_id = ${appUser.id}), '{}')`,
};

function baseQuery(tx: Tx) {
  return tx.select(userColumns).from(appUser)
    .leftJoin(org, eq(org.id, appUser.scopeOrgId))
    .leftJoin(department, eq(department.code, appUser.departmentCode));
}

export async function findUserByLogin(tx: Tx, login: string): Promise<UserRow | null> {
  const [u] = await baseQuery(tx).where(eq(appUser.login, login));
  return (u as UserRow | undefined) ?? null;
}

export async function findUserById(tx: Tx, id: string): Promise<UserRow | null> {
  const [u] = await baseQuery(tx).where(eq(appUser.id, id));
  return (u as UserRow | undefined) ?? null;
}

export async function listUsers(tx: Tx): Promise<UserRow[]> {
  return (await baseQuery(tx).orderBy(appUser.login)) as UserRow[];
}

export async function countUsers(tx: Tx): Promise<number> {
  const [r] = await rows<{ n: number | string }>(tx, sql`select count(*) as n from app_user`);
  return Number(r?.n ?? 0);
}

export interface NewUser {
  login: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  /** When the password was set (expiry counts from it); default: the database's now. */
  passwordChangedAt?: Date;
  scopeOrgId: string | null;
  departmentCode: string | null;
  roles: Role[];
}

export async function insertUser(tx: Tx, u: NewUser): Promise<string> {
  const [row] = await tx.insert(appUser).values({
    login: u.login,
    displayName: u.displayName,
    passwordHash: u.passwordHash,
    mustChangePassword: u.mustChangePassword,
    ...(u.passwordChangedAt ? { passwordChangedAt: u.passwordChangedAt } : {}),
    scopeOrgId: u.scopeOrgId,
    departmentCode: u.departmentCode,
  }).returning({ id: appUser.id });
  for (const role of u.roles) await tx.insert(userRole).values({ userId: row!.id, role });
  return row!.id;
}

export async function updateUser(tx: Tx, id: string, patch: Partial<typeof appUser.$inferInsert>): Promise<void> {
  await tx.update(appUser).set(patch).where(eq(appUser.id, id));
}

export async function recordFailedLogin(tx: Tx, id: string, maxAttempts: number, lockUntil: Date): Promise<{ locked: boolean }> {
  const [r] = await tx.update(appUser)
    .set({
      failedAttempts: sql`case when ${appUser.failedAttempts} + 1 >= ${maxAttempts} then 0 else ${appUser.failedAttempts} + 1 end`,
      lockedUntil: sql`case when ${appUser.failedAttempts} + 1 >= ${maxAttempts} then ${lockUntil.toISOString()}::timestamptz else ${appUser.lockedUntil} end`,
    })
    .where(eq(appUser.id, id))
    .returning({ lockedUntil: appUser.lockedUntil });
  return { locked: !!r?.lockedUntil && r.lockedUntil.getTime() === lockUntil.getTime() };
}

export async function findDepartment(tx: Tx, code: string) {
  const [d] = await tx.select().from(department).where(eq(department.code, code));
  return d ?? null;
}

export async function listDepartments(tx: Tx) {
  return tx.select().from(department).orderBy(department.sortOrder);
}

// ---- sessions ----

/** null: fully signed in; otherwise the second factor is still due ('verify') or must be set up ('enroll'). */
export type MfaSessionState = 'verify' | 'enroll' | null;

export interface SessionRow {
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  mfaState: string | null;
}

export async function insertSession(
  tx: Tx, idHash: Buffer, userId: string, at: Date, clientIp: string | null, userAgent: string | null, mfaState: MfaSessionState = null,
) {
  await tx.insert(session).values({ idHash, userId, createdAt: at, lastSeenAt: at, clientIp, userAgent: userAgent?.slice(0, 300) ?? null, mfaState });
}

export async function findSession(tx: Tx, idHash: Buffer): Promise<SessionRow | null> {
  const [s] = await tx.select({ userId: session.userId, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, mfaState: session.mfaState })
    .from(session).where(eq(session.idHash, idHash));
  return s ?? null;
}

/** A session and its user in one statement (every authenticated request resolves one). */
export async function findSessionWithUser(tx: Tx, idHash: Buffer): Promise<{ session: SessionRow; user: UserRow } | null> {
  const [r] = await tx.select({
    ...userColumns, sessionCreatedAt: session.createdAt, sessionLastSeenAt: session.lastSeenAt, sessionMfaState: session.mfaState,
  }).from(session).innerJoin(appUser, eq(appUser.id, session.userId))
    .leftJoin(org, eq(org.id, appUser.scopeOrgId))
    .leftJoin(department, eq(department.code, appUser.departmentCode))
    .where(eq(session.idHash, idHash));
  if (!r) return null;
  const { sessionCreatedAt, sessionLastSeenAt, sessionMfaState, ...user } = r;
  return { session: { userId: user.id, createdAt: sessionCreatedAt, lastSeenAt: sessionLastSeenAt, mfaState: sessionMfaState }, user: user as UserRow };
}

export async function touchSession(tx: Tx, idHash: Buffer, at: Date) {
  await tx.update(session).set({ lastSeenAt: at }).where(eq(session.idHash, idHash));
}

export async function deleteSession(tx: Tx, idHash: Buffer) {
  await tx.delete(session).where(eq(session.idHash, idHash));
}

export async function deleteSessionsOfUser(tx: Tx, userId: string, exceptHash?: Buffer) {
  await tx.delete(session).where(exceptHash
    ? and(eq(session.userId, userId), sql`${session.idHash} <> ${exceptHash}`)
    : eq(session.userId, userId));
}

export async function listSessions(tx: Tx) {
  return tx.select({
    userId: session.userId,
    login: appUser.login,
    displayName: appUser.displayName,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    clientIp: session.clientIp,
    idHash: session.idHash,
  }).from(session).innerJoin(appUser, eq(appUser.id, session.userId)).orderBy(session.lastSeenAt);
}

export async function usersByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: appUser.id, login: appUser.login }).from(appUser).where(inArray(appUser.id, ids));
}
