/** SQL of department-system integration: 接口令牌 (api_token) and Idempotency-Keys (api_idempotency). */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rows, type Tx } from '../db/client.ts';
import { apiIdempotency, apiToken, appUser, department, org } from '../db/schema/index.ts';

const creator = alias(appUser, 'creator');
const revoker = alias(appUser, 'revoker');

export async function listTokens(tx: Tx) {
  return tx.select({
    id: apiToken.id, name: apiToken.name, departmentCode: apiToken.departmentCode, departmentName: department.name,
    kinds: apiToken.kinds, scopeOrgId: apiToken.scopeOrgId, scopeOrgName: org.name, prefix: apiToken.prefix,
    createdBy: creator.login, createdAt: apiToken.createdAt, lastUsedAt: apiToken.lastUsedAt,
    revokedAt: apiToken.revokedAt, revokedBy: revoker.login,
  }).from(apiToken)
    .innerJoin(department, eq(department.code, apiToken.departmentCode))
    .leftJoin(org, eq(org.id, apiToken.scopeOrgId))
    .leftJoin(creator, eq(creator.id, apiToken.createdBy))
    .leftJoin(revoker, eq(revoker.id, apiToken.revokedBy))
    .orderBy(sql`${apiToken.revokedAt} is not null`, desc(apiToken.createdAt));
}
export type TokenListRow = Awaited<ReturnType<typeof listTokens>>[number];

export async function insertToken(tx: Tx, t: typeof apiToken.$inferInsert): Promise<string> {
  const [r] = await tx.insert(apiToken).values(t).returning({ id: apiToken.id });
  return r!.id;
}

export async function activeTokenNamed(tx: Tx, name: string): Promise<boolean> {
  const [r] = await tx.select({ id: apiToken.id }).from(apiToken).where(and(eq(apiToken.name, name), isNull(apiToken.revokedAt)));
  return !!r;
}

export async function findToken(tx: Tx, id: string) {
  const [r] = await tx.select().from(apiToken).where(eq(apiToken.id, id));
  return r ?? null;
}

/** Marks a token revoked; false when it was already revoked (or does not exist). */
export async function revokeToken(tx: Tx, id: string, by: string | null, at: Date): Promise<boolean> {
  const r = await tx.update(apiToken).set({ revokedAt: at, revokedBy: by })
    .where(and(eq(apiToken.id, id), isNull(apiToken.revokedAt))).returning({ id: apiToken.id });
  return r.length === 1;
}

/** The token with this hash, with its jurisdiction's path (revoked ones too: the caller decides). */
export async function findTokenByHash(tx: Tx, hash: Buffer) {
  const [r] = await tx.select({
    id: apiToken.id, name: apiToken.name, departmentCode: apiToken.departmentCode, kinds: apiToken.kinds,
    scopeOrgId: apiToken.scopeOrgId, scopePath: org.path, scopeLevel: org.level, revokedAt: apiToken.revokedAt, lastUsedAt: apiToken.lastUsedAt,
  }).from(apiToken).leftJoin(org, eq(org.id, apiToken.scopeOrgId)).where(eq(apiToken.tokenHash, hash));
  return r ?? null;
}

/** Records the use of a token, at most once a minute (a busy system does not rewrite the row on every call). */
export async function touchToken(tx: Tx, id: string, at: Date): Promise<void> {
  const before = new Date(at.getTime() - 60_000);
  await tx.update(apiToken).set({ lastUsedAt: at })
    .where(and(eq(apiToken.id, id), sql`(${apiToken.lastUsedAt} is null or ${apiToken.lastUsedAt} < ${before.toISOString()})`));
}

// ---- idempotency ----

/**
 * Claims (token, key) by inserting its row first. On PostgreSQL a concurrent transaction that inserted the
 * same key and has not committed yet makes this statement wait; it then returns false (the key is taken)
 * or true (the other transaction rolled back). So exactly one request per key does the work.
 */
export async function claimIdempotencyKey(tx: Tx, tokenId: string, key: string, requestSm3: Buffer, at: Date): Promise<boolean> {
  const r = await tx.insert(apiIdempotency)
    .values({ tokenId, key, requestSm3, status: 0, response: {}, createdAt: at })
    .onConflictDoNothing()
    .returning({ key: apiIdempotency.key });
  return r.length === 1;
}

export async function findIdempotency(tx: Tx, tokenId: string, key: string) {
  const [r] = await tx.select().from(apiIdempotency).where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
  return r ?? null;
}

export async function completeIdempotency(tx: Tx, tokenId: string, key: string, status: number, response: unknown): Promise<void> {
  await tx.update(apiIdempotency).set({ status, response })
    .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
}

/** Serializes the pushes of one department, so two batches carrying the same external id cannot both insert it. */
export async function lockDepartmentPush(tx: Tx, departmentCode: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7355620, hashtext(${departmentCode}))`);
}

/** Entry ids of version-1 rows carrying these natural keys (the entries an earlier push created). */
export async function entryIdsByNaturalKey(tx: Tx, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const r = await rows<{ natural_key: string; entry_id: string }>(
    tx, sql`select natural_key, entry_id from entry where version = 1 and natural_key = any(${sql.param(keys)}::text[])`,
  );
  return new Map(r.map((x) => [x.natural_key, x.entry_id]));
}
