/** Roles of PRODUCT §1 and the permissions each holds. Permissions are data: the route table refers to them. */

export const ROLES = ['supervisor', 'chief', 'leader', 'member', 'sysadmin', 'secadmin', 'auditadmin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  supervisor: '监督员',
  chief: '监督科负责人',
  leader: '领导',
  member: '成员单位',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
};

/** 三员: no account holds two of these, nor one of these with a business role. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditadmin'];
export const BUSINESS_ROLES: readonly Role[] = ['supervisor', 'chief', 'leader', 'member'];
/** Roles whose data access is limited to a jurisdiction (an org subtree). */
export const SCOPED_ROLES: readonly Role[] = ['supervisor', 'chief', 'leader', 'member'];

export const PERMISSIONS = {
  /** Any signed-in user, even one who must still change the password. */
  'session': '已登录',
  /** Signed in and the password is no longer a one-time one. */
  'authenticated': '已登录且已修改初始密码',
  'org:read': '查看组织机构树（不含人员；领导班子成员名单需要 cadre:read）',
  'org:search': '按名称查找单位（不含班子成员）',
  'org:write': '维护组织机构',
  'cadre:read': '查看干部信息',
  'cadre:write': '维护干部信息',
  'cadre:lookup': '按身份证号或姓名+单位精确查找干部',
  'cadre:sensitive': '查看干部敏感字段（完整身份证号）',
  'entry:read': '查看管理监督台账',
  'entry:sensitive': '查看标为“敏感”“重要”的台账记录内容（摘要、详情、附件）',
  'entry:write': '录入、更正、撤销台账记录',
  'entry:review': '审核成员单位报送',
  'entry:submit': '成员单位报送本单位类别的台账记录',
  'entry:import': '从 Excel/CSV 导入台账记录（成员单位只能导入本单位的类别）',
  /** The import wizard's routes: which kind a user may import is the kind's own right (entry:import, cadre:write, org:write). */
  'import:run': '使用导入向导（导入哪一类由该类的权限决定：台账 entry:import，干部名册 cadre:write，组织机构 org:write）',
  'user:admin': '账号管理（新建、启用、重置须经安全管理员审批）',
  'user:approve': '审批账号变更（双人审批：批准或驳回系统管理员提出的新建、启用、重置）',
  'token:admin': '接口令牌管理（成员单位系统对接）',
  'security:admin': '安全策略与会话管理',
  'audit:read': '查阅审计日志',
  'warning:read': '查看预警',
  'warning:handle': '处置预警（已阅、已处置、已排除）',
  'obligation:read': '查看待办义务（谈话、培训、调研、联席会议）',
  'obligation:act': '处理待办（分派、办结、重新打开，设置各区域默认负责人）',
  'eligibility:read': '查询干部使用资格（凡提必查、任前廉政意见）',
  'dashboard:read': '查看工作台统计',
  'meeting:read': '查看联席会议',
  'meeting:write': '筹备和登记联席会议（议题、会商研判、出席、督办销号）',
  'meeting:approve': '签批联席会议纪要',
  'meeting:member': '成员单位参与联席会议（提请议题、查看本单位相关的会商结论、反馈督办事项）',
  'rules:run': '发起规则全量重新评估',
  'settings:read': '查看规则设置与字典',
  'settings:rules': '修改规则阈值与字典',
} as const;
export type Permission = keyof typeof PERMISSIONS;
/**
 * A route declares one of these; `public` routes need no session. `api-token` routes are for department
 * systems: they take `Authorization: Bearer <接口令牌>` instead of a session (not a role permission).
 * `mfa` routes (second-factor verify/enroll, logout) also accept a session whose second factor is still due.
 */
export type RoutePermission = Permission | 'public' | 'api-token' | 'mfa';

const BASE: Permission[] = ['session', 'authenticated'];
/** What the rules engine gives a supervisor: warnings, 待办, eligibility, the 工作台, meetings. */
const SUPERVISION: Permission[] = [
  'warning:read', 'warning:handle', 'obligation:read', 'eligibility:read', 'dashboard:read',
  'meeting:read', 'meeting:write', 'rules:run', 'settings:read',
  'obligation:act',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  supervisor: [
    ...BASE, 'org:read', 'org:search', 'org:write', 'cadre:read', 'cadre:write', 'cadre:sensitive', 'cadre:lookup',
    'entry:read', 'entry:sensitive', 'entry:write', 'entry:review', 'entry:import', 'import:run',
    ...SUPERVISION,
  ],
  /** 监督科负责人: a supervisor who may also change the rules' thresholds and dictionaries. */
  chief: [
    ...BASE, 'org:read', 'org:search', 'org:write', 'cadre:read', 'cadre:write', 'cadre:sensitive', 'cadre:lookup',
    'entry:read', 'entry:sensitive', 'entry:write', 'entry:review', 'entry:import', 'import:run',
    ...SUPERVISION, 'settings:rules',
  ],
  leader: [
    ...BASE, 'org:read', 'org:search', 'cadre:read', 'entry:read',
    'warning:read', 'obligation:read', 'eligibility:read', 'dashboard:read', 'meeting:read', 'settings:read',
    'meeting:approve',
  ],
  // A member department never browses the registry: it finds a unit by name, a cadre only exactly.
  member: [...BASE, 'org:search', 'cadre:lookup', 'entry:submit', 'entry:import', 'import:run', 'meeting:member'],
  // The org tree is the 系统管理员's: he imports it through the wizard (kind 组织机构 only: no cadre, no ledger).
  sysadmin: [...BASE, 'org:read', 'org:search', 'org:write', 'import:run', 'user:admin', 'token:admin'],
  secadmin: [...BASE, 'security:admin', 'user:approve'],
  auditadmin: [...BASE, 'audit:read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) set.add(p);
  return set;
}

/** Returns a Chinese reason when this set of roles may not be held by one account, else null. */
export function checkRoleCombination(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '账号至少需要一个角色';
  const admins = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admins.length > 0 && roles.length > 1) {
    return '系统管理员、安全管理员、审计管理员三员分立：管理员角色不能与其他任何角色同时授予';
  }
  if (roles.includes('member') && roles.length > 1) return '成员单位账号不能同时具有组织部角色';
  return null;
}
