/** HTTP contracts of the bell: in-app notifications of the signed-in user (issue 12). */
import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../codes/notification-kinds.ts';
import { CursorQuery, Uuid, pageOf } from './common.ts';

export { NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES } from '../codes/notification-kinds.ts';

export const NotificationListQuery = z.object({
  /** true: only the unread ones. */
  unread: z.enum(['true', 'false']).optional(),
  ...CursorQuery,
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationView = z.object({
  id: Uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;
export const NotificationPage = pageOf(NotificationView);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const NotificationReadBody = z.object({
  ids: z.array(Uuid).min(1, '请至少选择一条通知').max(200, '一次最多200条').optional(),
  all: z.literal(true).optional(),
}).refine((b) => !!b.ids !== !!b.all, { message: '请指定要标为已读的通知（ids）或全部（all）', path: ['ids'] });
export type NotificationReadBody = z.infer<typeof NotificationReadBody>;
export const NotificationReadResult = z.object({ updated: z.number().int() });
