/** 在线会话: who is signed in now; a session can be ended (强制下线, audited). */
import type { SessionView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { errorMessage } from '../../api/client';
import { securityApi } from '../../api/endpoints';
import { formatDateTime } from '../../lib/format';
import { securityKeys } from '../../api/queries/security';

export function SessionsCard() {
  const sessions = useQuery({ queryKey: securityKeys.sessions, queryFn: securityApi.sessions });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const terminate = useMutation({
    mutationFn: (s: SessionView) => securityApi.terminate(s.handle),
    onSuccess: async (_r, s) => {
      message.success(`已强制 ${s.login} 下线`);
      await queryClient.invalidateQueries({ queryKey: securityKeys.sessions });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <Card title="在线会话" extra={<Button onClick={() => void sessions.refetch()} loading={sessions.isFetching}>刷新</Button>}>
      {sessions.error && <Alert type="error" showIcon title={errorMessage(sessions.error)} style={{ marginBottom: 16 }} />}
      <Table<SessionView>
        rowKey="handle"
        size="middle"
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        pagination={false}
        locale={{ emptyText: '没有在线会话' }}
        columns={[
          { title: '登录名', dataIndex: 'login', width: 140 },
          { title: '姓名', dataIndex: 'displayName', width: 140 },
          { title: '登录时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
          { title: '最近活动', dataIndex: 'lastSeenAt', width: 180, render: (v: string) => formatDateTime(v) },
          { title: 'IP', dataIndex: 'clientIp', render: (v: string | null) => v ?? '—' },
          {
            title: '操作', key: 'actions', width: 120,
            render: (_: unknown, s) => (s.current ? <Tag>当前会话</Tag> : (
              <Popconfirm title={`强制 ${s.login} 下线？`} okText="下线" okButtonProps={{ danger: true }} cancelText="取消"
                onConfirm={() => terminate.mutate(s)}>
                <Button type="link" danger size="small">强制下线</Button>
              </Popconfirm>
            )),
          },
        ]}
      />
    </Card>
  );
}
