/** SQL of the session API's Idempotency-Keys (session_idempotency), one row per (user, key). */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { sessionIdempotency } from '../db/schema/index.ts';

/** Claims (user, key) by inserting its row first; a concurrent claim of the same key waits for this one (see claimIdempotencyKey of api tokens). */
export async function claimSessionKey(tx: Tx, userId: string, key: string, requestSm3: Buffer, at: Date): Promise<boolean> {
  const r = await tx.insert(sessionIdempotency)
    .values({ userId, key, requestSm3, status: 0, response: {}, createdAt: at })
    .onConflictDoNothing()
    .returning({ key: sessionIdempotency.key });
  return r.length === 1;
}

export async function findSessionKey(tx: Tx, userId: string, key: string) {
  const [r] = await tx.select().from(sessionIdempotency).where(and(eq(sessionIdempotency.userId, userId), eq(sessionIdempotency.key, key)));
  return r ?? null;
}

export async function completeSessionKey(tx: Tx, userId: string, key: string, status: number, response: unknown): Promise<void> {
  await tx.update(sessionIdempotency).set({ status, response })
    .where(and(eq(sessionIdempotency.userId, userId), eq(sessionIdempotency.key, key)));
}
