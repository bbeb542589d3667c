/** The side menu: one entry per module, shown when the user holds its permission (PRODUCT §1). */
import {
  AlertOutlined, ApartmentOutlined, ApiOutlined, AuditOutlined, BookOutlined, CarryOutOutlined, CheckSquareOutlined, CloudUploadOutlined, CommentOutlined, ControlOutlined,
  DashboardOutlined, FileDoneOutlined, FileSearchOutlined, ShareAltOutlined, IdcardOutlined, SafetyCertificateOutlined, SendOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { Me, Permission } from '@jiandu/domain';
import type { ReactNode } from 'react';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** One permission, or several of which any opens it. */
  permission: Permission | readonly Permission[];
}

/** In this order; the first one the user may open is the landing page. */
export const MENU: readonly MenuEntry[] = [
  // 工作台 first: the landing page of supervisors, chiefs and leaders (members land on 本单位报送).
  { path: '/dashboard', label: '工作台', icon: <DashboardOutlined />, permission: 'dashboard:read' },
  { path: '/submissions', label: '本单位报送', icon: <SendOutlined />, permission: 'entry:submit' },
  { path: '/warnings', label: '预警', icon: <AlertOutlined />, permission: 'warning:read' },
  { path: '/obligations', label: '待办', icon: <CarryOutOutlined />, permission: 'obligation:read' },
  { path: '/orgs', label: '组织机构', icon: <ApartmentOutlined />, permission: 'org:read' },
  { path: '/cadres', label: '干部', icon: <TeamOutlined />, permission: 'cadre:read' },
  { path: '/cadre-imports', label: '干部导入', icon: <IdcardOutlined />, permission: 'cadre:write' },
  { path: '/ledger', label: '管理监督台账', icon: <BookOutlined />, permission: 'entry:read' },
  { path: '/imports', label: '台账导入', icon: <CloudUploadOutlined />, permission: 'entry:import' },
  { path: '/meetings', label: '联席会议', icon: <CommentOutlined />, permission: 'meeting:read' },
  { path: '/meeting-tasks', label: '督办事项', icon: <FileDoneOutlined />, permission: ['meeting:read', 'meeting:member'] },
  { path: '/meetings/shared', label: '成果共享', icon: <ShareAltOutlined />, permission: 'meeting:member' },
  { path: '/settings/rules', label: '规则设置', icon: <ControlOutlined />, permission: 'settings:read' },
  { path: '/admin/users', label: '账号管理', icon: <UserOutlined />, permission: 'user:admin' },
  { path: '/admin/api-tokens', label: '接口令牌', icon: <ApiOutlined />, permission: 'token:admin' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
  { path: '/security', label: '安全策略', icon: <SafetyCertificateOutlined />, permission: 'security:admin' },
  { path: '/admin/approvals', label: '账号审批', icon: <CheckSquareOutlined />, permission: 'user:approve' },
  { path: '/lookup', label: '干部查找', icon: <FileSearchOutlined />, permission: 'cadre:lookup' },
];

/** True when the user holds the permission (or one of them). */
export function allows(me: Pick<Me, 'permissions'>, permission: Permission | readonly Permission[]): boolean {
  return typeof permission === 'string' ? me.permissions.includes(permission) : permission.some((p) => me.permissions.includes(p));
}

export function menuOf(me: Me): MenuEntry[] {
  return MENU.filter((m) => allows(me, m.permission));
}

export function landingPath(me: Me): string | null {
  return menuOf(me)[0]?.path ?? null;
}

/** The menu entry a location belongs to (/cadres/123 → /cadres). */
export function menuKeyOf(pathname: string): string | undefined {
  // The longest entry that holds it (/meetings/shared is its own entry, /meetings/123 belongs to /meetings).
  return MENU.filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`)).sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
