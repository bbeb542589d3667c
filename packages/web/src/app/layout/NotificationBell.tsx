/**
 * The bell in the header: my unread notifications (polled every 60 s and when the window regains focus; no
 * websocket, nothing external), a list of the latest with 全部标为已读; an item opens its page and is read.
 */
import { BellOutlined } from '@ant-design/icons';
import { NOTIFICATION_KIND_NAMES, type NotificationView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Empty, List, Popover, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { notificationsApi } from '../../api/endpoints';
import { notificationKeys } from '../../api/queries/notifications';
import { formatDateTime } from '../../lib/format';

const KIND_COLOURS: Record<NotificationView['kind'], string> = {
  assigned: 'blue', due_soon: 'gold', overdue: 'red', decision: 'green', followup: 'purple',
};

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const count = useQuery({
    queryKey: notificationKeys.unread, queryFn: notificationsApi.unreadCount,
    refetchInterval: 60_000, refetchOnWindowFocus: true, refetchIntervalInBackground: false,
  });
  const list = useQuery({ queryKey: notificationKeys.list, queryFn: () => notificationsApi.list({ limit: 20 }), enabled: open });
  const read = useMutation({
    mutationFn: notificationsApi.read,
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  const unread = count.data?.unread ?? 0;

  const openItem = (n: NotificationView) => {
    if (!n.readAt) read.mutate({ ids: [n.id] });
    setOpen(false);
    if (n.link) void navigate(n.link);
  };

  const content = (
    <div style={{ width: 380 }} data-testid="notification-list">
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.isPending ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : (list.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <List<NotificationView>
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={list.data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              onClick={() => openItem(n)}
              style={{ cursor: n.link ? 'pointer' : 'default', alignItems: 'flex-start', opacity: n.readAt ? 0.6 : 1 }}
            >
              <div>
                <div>
                  <Tag color={KIND_COLOURS[n.kind]}>{NOTIFICATION_KIND_NAMES[n.kind]}</Tag>
                  {!n.readAt && <Badge status="processing" />}
                </div>
                <div style={{ marginTop: 4 }}>{n.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={(
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>通知{unread ? `（${unread} 条未读）` : ''}</span>
          <Button size="small" type="link" disabled={!unread} loading={read.isPending} onClick={() => read.mutate({ all: true })}>全部标为已读</Button>
        </div>
      )}
      content={content}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" shape="circle" aria-label={`通知${unread ? `，${unread} 条未读` : ''}`} data-testid="notification-bell" icon={<BellOutlined style={{ fontSize: 18 }} />} />
      </Badge>
    </Popover>
  );
}
