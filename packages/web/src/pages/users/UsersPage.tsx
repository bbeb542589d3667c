/**
 * 账号管理 (user:admin). 双人审批: creating, enabling and resetting an account are requests a 安全管理员 approves;
 * the proposer then sees the one-time password once. Disabling and unlocking are immediate (they grant nothing).
 */
import { PlusOutlined } from '@ant-design/icons';
import { ROLE_NAMES, type AccountChangeView, type OneTimePassword, type UserView } from '@jiandu/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { accountChangesApi, usersApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/auth';
import { ListTotal } from '../../components/ListTotal';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { AccountChangesTable } from './AccountChangesTable';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { UserCreateModal } from './UserCreateModal';
import { accountChangeKeys, userKeys } from '../../api/queries/users';

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
  const users = useQuery({ queryKey: userKeys.all, queryFn: usersApi.list });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [otp, setOtp] = useState<{ title: string; value: OneTimePassword } | null>(null);

  const done = (text: string) => async () => {
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: userKeys.all });
  };
  const fail = (e: unknown) => message.error(errorMessage(e));
  const [changeFilter, setChangeFilter] = useState<'open' | 'all'>('open');
  const changes = useQuery({ queryKey: accountChangeKeys.all, queryFn: () => accountChangesApi.list() });
  const refreshChanges = () => queryClient.invalidateQueries({ queryKey: accountChangeKeys.all });
  const submitted = async () => {
    message.success('已提交，待安全管理员审批');
    await refreshChanges();
  };
  const reset = useMutation({
    mutationFn: (u: UserView) => accountChangesApi.propose({ kind: 'reset-password', userId: u.id }),
    onSuccess: submitted,
    onError: fail,
  });
  const resetMfa = useMutation({
    mutationFn: (u: UserView) => accountChangesApi.propose({ kind: 'reset-mfa', userId: u.id }),
    onSuccess: submitted,
    onError: fail,
  });
  const enable = useMutation({
    mutationFn: (u: UserView) => accountChangesApi.propose({ kind: 'enable', userId: u.id }),
    onSuccess: submitted,
    onError: fail,
  });
  const setDisabled = useMutation({
    mutationFn: (u: UserView) => usersApi.setDisabled(u.id, true),
    onSuccess: (u) => done(`已停用 ${u.login}`)(),
    onError: fail,
  });
  const withdraw = useMutation({
    mutationFn: (c: AccountChangeView) => accountChangesApi.withdraw(c.id),
    onSuccess: async () => { message.success('已撤回'); await refreshChanges(); },
    onError: fail,
  });
  const takePassword = useMutation({
    mutationFn: (c: AccountChangeView) => accountChangesApi.takePassword(c.id),
    onSuccess: async (value, c) => {
      setOtp({ title: c.kind === 'create' ? '账号已批准创建' : '密码重置已批准', value });
      await refreshChanges();
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: fail,
  });
  const pendingOf = (u: UserView, kind: AccountChangeView['kind']) =>
    (changes.data ?? []).some((c) => c.status === '待审批' && c.kind === kind && c.targetUserId === u.id);
  const shownChanges = (changes.data ?? []).filter((c) => changeFilter === 'all' || c.status === '待审批' || c.passwordWaiting);
  const unlock = useMutation({
    mutationFn: (u: UserView) => usersApi.unlock(u.id),
    onSuccess: (u) => done(`已解除 ${u.login} 的锁定`)(),
    onError: fail,
  });

  return (
    <>
      <PageTitle title="账号管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建账号（提交审批）</Button>} />
      <Card
        title="账号变更申请"
        style={{ marginBottom: 16 }}
        extra={<Segmented<'open' | 'all'> value={changeFilter} onChange={setChangeFilter}
          options={[{ value: 'open', label: '待处理' }, { value: 'all', label: '全部' }]} />}
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title="新建、启用账号和重置密码须经安全管理员审批（双人审批）。批准后，一次性密码由提出人在此查看一次；安全管理员账号的一次性密码由审批人在批准时领取。" />
        {changes.error && <Alert type="error" showIcon title={errorMessage(changes.error)} style={{ marginBottom: 16 }} />}
        <AccountChangesTable
          items={shownChanges}
          loading={changes.isPending}
          emptyText={changeFilter === 'open' ? '没有待处理的申请' : '没有申请'}
          actions={(c) => (
            <Space size={0}>
              {c.status === '待审批' && c.proposedByLogin === me.login && (
                <Popconfirm title="撤回这项申请？" okText="撤回" cancelText="取消" onConfirm={() => withdraw.mutate(c)}>
                  <Button type="link" size="small">撤回</Button>
                </Popconfirm>
              )}
              {c.passwordWaiting && c.proposedByLogin === me.login && (
                <Popconfirm title="查看一次性密码？" description="只能查看这一次，关闭后无法再次显示。" okText="查看" cancelText="取消"
                  onConfirm={() => takePassword.mutate(c)}>
                  <Button type="link" size="small">查看一次性密码</Button>
                </Popconfirm>
              )}
              {c.status === '已批准' && c.passwordTo === 'approver' && <Tag>密码已交审批人</Tag>}
            </Space>
          )}
        />
      </Card>
      <Card title={<Space align="baseline" size={12}>账号{users.data && <ListTotal count={{ total: users.data.length, exact: true }} />}</Space>}>
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
              title: '操作', key: 'actions', width: 320,
              render: (_: unknown, u) => u.id === me.id ? <Tag>当前账号</Tag> : (
                <Space size={0}>
                  {pendingOf(u, 'reset-password') ? <Button type="link" size="small" disabled>重置待审批</Button> : (
                    <Popconfirm title={`提交重置 ${u.login} 密码的申请？`} description="安全管理员批准后生成新的一次性密码，该账号现有登录全部失效。"
                      okText="提交审批" cancelText="取消" onConfirm={() => reset.mutate(u)}>
                      <Button type="link" size="small">重置密码</Button>
                    </Popconfirm>
                  )}
                  {pendingOf(u, 'reset-mfa') ? <Button type="link" size="small" disabled>重置二次认证待审批</Button> : (
                    <Popconfirm title={`提交重置 ${u.login} 二次认证的申请？`} description="安全管理员批准后清除其动态口令密钥和恢复码，该账号现有登录全部失效，下次登录须重新绑定。"
                      okText="提交审批" cancelText="取消" onConfirm={() => resetMfa.mutate(u)}>
                      <Button type="link" size="small">重置二次认证</Button>
                    </Popconfirm>
                  )}
                  {u.disabled ? (
                    pendingOf(u, 'enable') ? <Button type="link" size="small" disabled>启用待审批</Button> : (
                      <Popconfirm title={`提交启用 ${u.login} 的申请？`} description="安全管理员批准后该账号才能再次登录。"
                        okText="提交审批" cancelText="取消" onConfirm={() => enable.mutate(u)}>
                        <Button type="link" size="small">启用</Button>
                      </Popconfirm>
                    )
                  ) : (
                    <Popconfirm title={`停用 ${u.login}？`} description="停用后该账号立即下线且不能登录；再次启用须经安全管理员审批。"
                      okText="停用" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => setDisabled.mutate(u)}>
                      <Button type="link" size="small" danger>停用</Button>
                    </Popconfirm>
                  )}
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
          onCreated={() => { setCreating(false); void submitted(); }}
        />
      )}
      {otp && <OneTimePasswordModal title={otp.title} otp={otp.value} onClose={() => setOtp(null)} />}
    </>
  );
}
