import { ErrorBody, NotificationListQuery, NotificationPage, NotificationReadBody, NotificationReadResult, UnreadCount } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as notifications from '../services/notifications.service.ts';

/** The bell: the signed-in user's own in-app notifications (no e-mail, no SMS). */
export function notificationsRoutes(app: App, deps: AppDeps): void {
  const tags = ['通知'];
  app.get('/api/notifications', {
    config: { permission: 'session' },
    schema: {
      tags, summary: '我的通知（新的在前）', description: 'unread=true 只列未读。只列当前用户自己的通知。',
      querystring: NotificationListQuery, response: { 200: NotificationPage, 400: ErrorBody },
    },
  }, async (req) => notifications.listNotifications(deps, requireActor(req), req.query));

  app.get('/api/notifications/unread-count', {
    config: { permission: 'session' },
    schema: { tags, summary: '我的未读通知数', response: { 200: UnreadCount } },
  }, async (req) => notifications.unreadCount(deps, requireActor(req)));

  app.post('/api/notifications/read', {
    config: { permission: 'session' },
    schema: {
      tags, summary: '标为已读', description: '{ids} 标记指定的通知，{all: true} 标记全部；只改当前用户自己的通知。',
      body: NotificationReadBody, response: { 200: NotificationReadResult, 400: ErrorBody },
    },
  }, async (req) => notifications.markRead(deps, requireActor(req), req.body));
}
