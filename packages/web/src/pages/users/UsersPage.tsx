/** 账号管理 (user:admin): accounts, creation with a one-time password, reset, disable/enable, unlock. */
import { PlusOutlined } from '@ant-design/icons';
import { ROLE_NAMES, type OneTimePassword, type UserView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { UserCreateModal } from './UserCreateModal';

function StatusTags({ u }: { u: UserView }) {
  const tags = [];
  if (u.disabled) tags.push(<Tag key="d" color="default">停用</Tag>);
  if (u.locked) tags.push(<Tag key="l" color="red">锁定</Tag>);
  if (u.mustChangePassword) tags.push(<Tag key="m" color="orange">须改密码</Tag>);
  if (tags.length === 0) tags.push(<Tag key="ok" color="green">正常</Tag>);
  return <Space size={4} wrap>{tags}</Space>;
}

export default function UsersPage() {
  const me = useCurrentUser();
  const users = useQuery({ queryKey: ['users'], queryFn: usersApi.list });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [otp, setOtp] = useState<{ title: string; value: OneTimePassword } | null>(null);

  const done = (text: string) => async () => {
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const fail = (e: unknown) => message.error(errorMessage(e));
  const reset = useMutation({
    mutationFn: (u: UserView) => usersApi.resetPassword(u.id),
    onSuccess: async (value) => {
      setOtp({ title: '密码已重置', value });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: fail,
  });
  const setDisabled = useMutation({
    mutationFn: (u: UserView) => usersApi.setDisabled(u.id, !u.disabled),
    onSuccess: (u) => done(u.disabled ? `已停用 ${u.login}` : `已启用 ${u.login}`)(),
    onError: fail,
  });
  const unlock = useMutation({
    mutationFn: (u: UserView) => usersApi.unlock(u.id),
    onSuccess: (u) => done(`已解除 ${u.login} 的锁定`)(),
    onError: fail,
  });

  return (
    <>
      <PageTitle title="账号管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建账号</Button>} />
      <Card>
        {users.error && <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 16 }} />}
        <Table<UserView>
          rowKey="id"
          size="middle"
          loading={users.isPending}
          dataSource={users.data ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个账号` }}
          columns={[
            { title: '登录名', dataIndex: 'login', width: 150, ellipsis: true, sorter: (a, b) => a.login.localeCompare(b.login) },
            { title: '姓名', dataIndex: 'displayName', ellipsis: true, sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') },
            {
              title: '角色', dataIndex: 'roles', width: 110,
              render: (roles: UserView['roles']) => roles.map((r) => <Tag key={r} color="blue">{ROLE_NAMES[r]}</Tag>),
            },
            { title: '管辖范围', dataIndex: 'scopeOrgName', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: '成员单位', dataIndex: 'departmentName', width: 90, render: (v: string | null) => v ?? '—' },
            { title: '状态', key: 'status', width: 110, render: (_: unknown, u) => <StatusTags u={u} /> },
            {
              title: '最后登录', dataIndex: 'lastLoginAt', width: 165,
              render: (v: string | null) => (v ? formatDateTime(v) : '从未登录'),
            },
            {
              title: '操作', key: 'actions', width: 220,
              render: (_: unknown, u) => u.id === me.id ? <Tag>当前账号</Tag> : (
                <Space size={0}>
                  <Popconfirm title={`重置 ${u.login} 的密码？`} description="将生成新的一次性密码，该账号现有登录全部失效。"
                    okText="重置" cancelText="取消" onConfirm={() => reset.mutate(u)}>
                    <Button type="link" size="small">重置密码</Button>
                  </Popconfirm>
                  <Popconfirm title={u.disabled ? `启用 ${u.login}？` : `停用 ${u.login}？`}
                    description={u.disabled ? undefined : '停用后该账号立即下线且不能登录。'}
                    okText={u.disabled ? '启用' : '停用'} okButtonProps={{ danger: !u.disabled }} cancelText="取消"
                    onConfirm={() => setDisabled.mutate(u)}>
                    <Button type="link" size="small" danger={!u.disabled}>{u.disabled ? '启用' : '停用'}</Button>
                  </Popconfirm>
                  {u.locked && <Button type="link" size="small" onClick={() => unlock.mutate(u)}>解除锁定</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {creating && (
        <UserCreateModal
          onClose={() => setCreating(false)}
          onCreated={(value) => { setCreating(false); setOtp({ title: '账号已创建', value }); }}
        />
      )}
      {otp && <OneTimePasswordModal title={otp.title} otp={otp.value} onClose={() => setOtp(null)} />}
    </>
  );
}
