/**
 * The bell (notification): in-app only. `notify` is the one writer; a row whose (user, dedupe) exists is
 * skipped, so a sweep may offer the same notification every hour and the user sees it once.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { notification } from '../db/schema/index.ts';

export type NotificationKind = 'assigned' | 'due_soon' | 'overdue' | 'decision' | 'followup';

export interface NotificationInsert {
  userId: string;
  kind: NotificationKind;
  title: string;
  /** A path in the UI, e.g. `/obligations?id=…`. */
  link: string | null;
  /** What makes it the same notification, e.g. `assigned:<obligation id>:<action id>`. */
  dedupe: string;
}

/** Inserts the notifications not yet given; returns how many were new. */
export async function notify(tx: Tx, rows: readonly NotificationInsert[], at: Date): Promise<number> {
  if (!rows.length) return 0;
  const r = await tx.insert(notification).values(rows.map((n) => ({ ...n, createdAt: at })))
    .onConflictDoNothing({ target: [notification.userId, notification.dedupe] }).returning({ id: notification.id });
  return r.length;
}

export const unreadCountSql = (userId: string) => sql<number>`(select count(*)::int from notification n where n.user_id = ${userId} and n.read_at is null)`;
