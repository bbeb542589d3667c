/** The frame of every signed-in page: side menu by permissions, header with the user, the page. */
import { Layout, Menu, Result, theme } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useMatches, useNavigate, useNavigation } from 'react-router';
import { usePrintFooter } from '../../components/print/print-footer';
import { useCurrentUser } from '../auth';
import { allows, menuKeyOf, menuOf } from '../menu';
import type { RouteHandle } from '../route-handle';
import { NotificationBell } from './NotificationBell';
import { UserArea } from './UserArea';
import styles from './layout.module.css';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const matches = useMatches();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  usePrintFooter(me.displayName);

  const required = matches
    .map((m) => (m.handle as RouteHandle | undefined)?.permission)
    .filter((p) => p !== undefined)
    .at(-1);
  const allowed = !required || allows(me, required);
  const selected = menuKeyOf(location.pathname);

  return (
    <Layout className={styles.shell}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <div className={styles.brand} title="Jiandu（监督）· 一把手和领导班子管理监督平台">
          <span className={styles.brandMark}>监</span>
          {!collapsed && <span className={styles.brandText}>Jiandu（监督）</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menuOf(me).map((m) => ({ key: m.path, icon: m.icon, label: m.label }))}
          onClick={({ key }) => void navigate(key)}
        />
      </Sider>
      <Layout>
        <Header className={styles.header} style={{ background: token.colorBgContainer }}>
          <div className={styles.title}>一把手和领导班子管理监督平台</div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
            <NotificationBell />
            <UserArea />
          </div>
        </Header>
        {navigation.state === 'loading' && <div className={styles.progress} style={{ background: token.colorPrimary }} />}
        <Content className={styles.content}>
          {allowed ? <Outlet /> : <Result status="403" title="无权访问" subTitle="当前账号没有使用此功能的权限。" />}
        </Content>
      </Layout>
    </Layout>
  );
}
