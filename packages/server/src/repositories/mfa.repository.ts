/** Second factor (AUTH-05): TOTP secrets, the last step used, recovery codes. SQL only here. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { appUser, session, userMfa, userRecoveryCode, userRole } from '../db/schema/index.ts';
import type { MfaSessionState } from './users.repository.ts';

export interface MfaRow {
  secretEnc: Buffer | null;
  pendingSecretEnc: Buffer | null;
  lastStep: number | null;
  enrolledAt: Date | null;
}

export async function findMfa(tx: Tx, userId: string): Promise<MfaRow | null> {
  const [r] = await tx.select({
    secretEnc: userMfa.secretEnc, pendingSecretEnc: userMfa.pendingSecretEnc, lastStep: userMfa.lastStep, enrolledAt: userMfa.enrolledAt,
  }).from(userMfa).where(eq(userMfa.userId, userId));
  return r ?? null;
}

export async function setPendingSecret(tx: Tx, userId: string, enc: Buffer): Promise<void> {
  await tx.insert(userMfa).values({ userId, pendingSecretEnc: enc })
    .onConflictDoUpdate({ target: userMfa.userId, set: { pendingSecretEnc: enc } });
}

/** The pending secret becomes the factor; `step` (the confirming code's) is used up. */
export async function confirmPendingSecret(tx: Tx, userId: string, step: number, at: Date): Promise<void> {
  await tx.update(userMfa).set({
    secretEnc: sql`${userMfa.pendingSecretEnc}`, pendingSecretEnc: null, lastStep: step, enrolledAt: at,
  }).where(eq(userMfa.userId, userId));
}

/** Marks a step used; false when it (or a later one) already was — a concurrent reuse loses here. */
export async function useStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const r = await tx.update(userMfa).set({ lastStep: step })
    .where(and(eq(userMfa.userId, userId), sql`(${userMfa.lastStep} is null or ${userMfa.lastStep} < ${step})`))
    .returning({ userId: userMfa.userId });
  return r.length === 1;
}

export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: Buffer[]): Promise<void> {
  await tx.delete(userRecoveryCode).where(eq(userRecoveryCode.userId, userId));
  if (hashes.length > 0) await tx.insert(userRecoveryCode).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses a recovery code once: true when it existed and was unused. */
export async function useRecoveryCode(tx: Tx, userId: string, codeHash: Buffer, at: Date): Promise<boolean> {
  const r = await tx.update(userRecoveryCode).set({ usedAt: at })
    .where(and(eq(userRecoveryCode.userId, userId), eq(userRecoveryCode.codeHash, codeHash), isNull(userRecoveryCode.usedAt)))
    .returning({ userId: userRecoveryCode.userId });
  return r.length === 1;
}

export async function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(userRecoveryCode)
    .where(and(eq(userRecoveryCode.userId, userId), isNull(userRecoveryCode.usedAt)));
  return r?.n ?? 0;
}

/** The secadmin's reset: the TOTP secret and every recovery code go; the user's sessions end. */
export async function clearSecondFactor(tx: Tx, userId: string): Promise<{ hadFactor: boolean }> {
  const gone = await tx.delete(userMfa).where(eq(userMfa.userId, userId)).returning({ secretEnc: userMfa.secretEnc });
  await tx.delete(userRecoveryCode).where(eq(userRecoveryCode.userId, userId));
  await tx.delete(session).where(eq(session.userId, userId));
  return { hadFactor: gone.some((g) => g.secretEnc !== null) };
}

export async function setSessionMfaState(tx: Tx, idHash: Buffer, state: MfaSessionState): Promise<void> {
  await tx.update(session).set({ mfaState: state }).where(eq(session.idHash, idHash));
}

export interface MfaStatusRow {
  id: string;
  login: string;
  displayName: string;
  disabled: boolean;
  roles: string[];
  enrolledAt: Date | null;
}

/** Every account with its roles and whether a factor is enrolled (the secadmin's list; no business data). */
export async function listMfaStatus(tx: Tx, userIds?: string[]): Promise<MfaStatusRow[]> {
  const rows = await tx.select({
    id: appUser.id, login: appUser.login, displayName: appUser.displayName, disabled: appUser.disabled,
    roles: sql<string[]>`coalesce((select array_agg(${userRole.role} order by ${userRole.role}) from ${userRole} where ${userRole.userId} = ${appUser.id}), '{}')`,
    enrolledAt: userMfa.enrolledAt,
  }).from(appUser).leftJoin(userMfa, eq(userMfa.userId, appUser.id))
    .where(userIds ? inArray(appUser.id, userIds) : undefined)
    .orderBy(appUser.login);
  return rows;
}
