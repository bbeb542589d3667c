/**
 * The bell (notification): in-app only. `notify` is the one writer (`notifyDeadlines`, its set-based form
 * for the hourly sweep, is the only other insert); a row whose (user, dedupe) exists is skipped, so a sweep
 * may offer the same notification every hour and the user sees it once.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
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

const dueWindowDays = 7;
/** An obligation that turned overdue is still announced if the sweep missed a few days, not if it is older. */
const overdueWindowDays = 7;

/**
 * Approaching deadlines and newly overdue obligations, to each open obligation's responsible user: one
 * INSERT … SELECT for all of them. Dedupe `due_soon:<id>:<due_on>` / `overdue:<id>:<due_on>`, so an hourly
 * sweep gives each once (again only when the deadline moves). Returns how many were new.
 */
export async function notifyDeadlines(tx: Tx, today: string, at: Date): Promise<number> {
  const r = await rows<{ id: string }>(tx, sql`
    insert into notification (user_id, kind, title, link, dedupe, created_at)
    select b.responsible_id, k.kind,
           case k.kind when 'due_soon' then '待办即将到期（' || b.due_on || '）：' else '待办已逾期（' || b.due_on || ' 到期）：' end
             || coalesce(c.name, t.name, o.name) || ' ' || b.title,
           '/obligations?id=' || b.id, k.kind || ':' || b.id || ':' || b.due_on, ${at.toISOString()}::timestamptz
    from obligation b
      cross join lateral (select case when b.due_on < ${today}::date then 'overdue' else 'due_soon' end as kind) k
      join org o on o.id = b.org_id left join cadre c on c.id = b.cadre_id left join team t on t.id = b.team_id
    where b.active and b.done_on is null and b.closed_on is null and b.responsible_id is not null
      and b.due_on >= ${today}::date - ${overdueWindowDays}::int and b.due_on <= ${today}::date + ${dueWindowDays}::int
    on conflict (user_id, dedupe) do nothing
    returning id`);
  return r.length;
}

export interface NotificationRow {
  id: string; kind: NotificationKind; title: string; link: string | null; created_at: Date | string; read_at: Date | string | null;
}

/** The user's own notifications, newest first (keyset on created_at, id). */
export function listMine(tx: Tx, userId: string, unreadOnly: boolean, after: [string, string] | null, limit: number): Promise<NotificationRow[]> {
  return rows<NotificationRow>(tx, sql`
    select id, kind, title, link, created_at, read_at from notification
    where user_id = ${userId} ${unreadOnly ? sql`and read_at is null` : sql``}
      ${after ? sql`and (created_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    order by created_at desc, id desc limit ${limit}`);
}

export async function unreadCount(tx: Tx, userId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`select ${unreadCountSql(userId)} as n`);
  return Number(r?.n ?? 0);
}

/** Marks the user's own notifications read (the given ids, or all); another user's ids change nothing. */
export async function markRead(tx: Tx, userId: string, ids: readonly string[] | null, at: Date): Promise<number> {
  const r = await rows<{ id: string }>(tx, sql`
    update notification set read_at = ${at.toISOString()}::timestamptz
    where user_id = ${userId} and read_at is null ${ids ? sql`and id = any(${sql.param([...ids])}::uuid[])` : sql``}
    returning id`);
  return r.length;
}

/** The name a notification about a subject shows (a cadre's, or a team's). */
export async function subjectName(tx: Tx, cadreId: string | null, teamId: string | null): Promise<string | null> {
  const [r] = await rows<{ name: string | null }>(tx, sql`
    select coalesce((select name from cadre where id = ${cadreId}::uuid), (select name from team where id = ${teamId}::uuid)) as name`);
  return r?.name ?? null;
}
