/** The bell: the signed-in user's own notifications (list, unread count, mark read). Writers: `notify()`. */
import type { NotificationListQuery, NotificationPage, NotificationReadBody } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import * as repo from '../repositories/notifications.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';

export interface NotificationsDeps {
  db: Database;
  clock: Clock;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function ownerOf(actor: Actor): string {
  if (!actor.userId) throw new ServiceError('forbidden', '该账号没有通知');
  return actor.userId;
}

export async function listNotifications(deps: NotificationsDeps, actor: Actor, q: NotificationListQuery): Promise<NotificationPage> {
  const userId = ownerOf(actor);
  const found = await deps.db.tx((tx) => repo.listMine(tx, userId, q.unread === 'true', decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']), q.limit + 1));
  const more = found.length > q.limit;
  if (more) found.pop();
  const items = found.map((r) => ({ id: r.id, kind: r.kind, title: r.title, link: r.link, createdAt: iso(r.created_at), readAt: r.read_at ? iso(r.read_at) : null }));
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([last.createdAt, last.id]) : null };
}

export async function unreadCount(deps: NotificationsDeps, actor: Actor): Promise<{ unread: number }> {
  const userId = ownerOf(actor);
  return { unread: await deps.db.tx((tx) => repo.unreadCount(tx, userId)) };
}

/** Only the user's own rows are touched: ids of someone else's notifications change nothing. */
export async function markRead(deps: NotificationsDeps, actor: Actor, body: NotificationReadBody): Promise<{ updated: number }> {
  const userId = ownerOf(actor);
  const ids = body.all ? null : [...new Set(body.ids ?? [])];
  return { updated: await deps.db.tx((tx) => repo.markRead(tx, userId, ids, deps.clock.now())) };
}
