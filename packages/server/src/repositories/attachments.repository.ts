import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { attachment, entry, entryHead, org } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { inScope, subjectManaged } from './orgs.repository.ts';

export type AttachmentInsert = typeof attachment.$inferInsert;

export async function insertAttachment(tx: Tx, a: AttachmentInsert): Promise<void> {
  await tx.insert(attachment).values(a);
}

/** The list shown with an entry (no bytes). */
export async function attachmentsOf(tx: Tx, entryId: string) {
  return tx.select({ id: attachment.id, fileName: attachment.fileName, size: attachment.size, mime: attachment.mime })
    .from(attachment).where(eq(attachment.entryId, entryId)).orderBy(asc(attachment.createdAt), asc(attachment.id));
}

/**
 * One attachment with its bytes, if its entry lies in the scope (and, for a member department, is one
 * of its own submissions) — the same condition as the entry itself, so out of scope reads as missing.
 */
export async function findAttachmentInScope(tx: Tx, id: string, scope: Scope | null, dept: string | null) {
  const [r] = await tx.select({
    id: attachment.id, entryId: attachment.entryId, fileName: attachment.fileName, mime: attachment.mime,
    size: attachment.size, sm3: attachment.sm3, data: attachment.data,
    // The entry's current label and source: the field policy decides whether its attachments may be read.
    sensitivity: entry.sensitivity, sourceDept: entry.sourceDept,
  }).from(attachment)
    .innerJoin(entryHead, eq(entryHead.entryId, attachment.entryId))
    .innerJoin(entry, eq(entry.id, entryHead.versionId))
    .innerJoin(org, eq(org.id, entryHead.orgId))
    .where(and(eq(attachment.id, id), inScope(org.path, scope), subjectManaged(entryHead.cadreId, entryHead.teamId, scope), dept ? eq(entryHead.sourceDept, dept) : sql`true`));
  return r ?? null;
}

const MAGIC = sql`decode('4a444231', 'hex')`;

/** Attachments still stored as plaintext (written before encryption), in id order after `afterId`. */
export async function plainAttachments(tx: Tx, afterId: string | null, limit: number): Promise<Array<{ id: string; data: Buffer; sm3: Buffer }>> {
  return tx.select({ id: attachment.id, data: attachment.data, sm3: attachment.sm3 }).from(attachment)
    .where(and(sql`substring(${attachment.data} from 1 for 4) is distinct from ${MAGIC}`, afterId ? sql`${attachment.id} > ${afterId}::uuid` : sql`true`))
    .orderBy(asc(attachment.id)).limit(limit);
}

/** Replaces a plaintext attachment by its encrypted form (the only UPDATE the append-only trigger allows). */
export async function sealAttachmentData(tx: Tx, id: string, sealed: Buffer): Promise<void> {
  await tx.update(attachment).set({ data: sealed }).where(eq(attachment.id, id));
}
