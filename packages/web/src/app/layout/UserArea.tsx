/** Header right side: who is signed in, in which role and jurisdiction; 修改密码 and 退出登录. */
import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_NAMES } from '@jiandu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Dropdown, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { useCurrentUser } from '../auth';
import { authKeys } from '../../api/queries/auth';

export function UserArea() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const logout = async () => {
    try {
      await authApi.logout();
    } catch (e) {
      // The session may already be gone; leave anyway, but say so when something else failed.
      if (!(e instanceof ApiError && e.status === 401)) message.warning(errorMessage(e));
    }
    queryClient.clear();
    queryClient.setQueryData(authKeys.me, null);
    void navigate('/login', { replace: true });
  };

  const scope = me.departmentName ? `${me.scopeOrgName ?? ''} · ${me.departmentName}` : me.scopeOrgName;

  return (
    <Space size="middle">
      {scope && <Typography.Text type="secondary">管辖范围：{scope}</Typography.Text>}
      <Space size={4}>
        {me.roles.map((r) => <Tag key={r} color="blue">{ROLE_NAMES[r]}</Tag>)}
      </Space>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
            { key: 'mfa', icon: <SafetyOutlined />, label: '二次认证（动态口令）' },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'password') void navigate('/change-password');
            else if (key === 'mfa') void navigate('/mfa');
            else void logout();
          },
        }}
      >
        <a onClick={(e) => e.preventDefault()} href="#" data-testid="user-menu">
          <Space size={6}>
            <UserOutlined />
            {me.displayName}
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </a>
      </Dropdown>
    </Space>
  );
}
