import { z } from 'zod';
import { CursorQuery } from './common.ts';

export const AuditQuery = z.object({
  from: z.string().max(40).optional().describe('起始时间（含），ISO 8601'),
  to: z.string().max(40).optional().describe('截止时间（不含），ISO 8601'),
  actor: z.string().max(64).optional().describe('登录名'),
  action: z.string().max(64).optional(),
  objectType: z.string().max(32).optional(),
  objectId: z.string().max(64).optional(),
  result: z.enum(['success', 'failure', 'denied']).optional(),
  ...CursorQuery,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The export takes the page's filters, without paging. */
export const AuditExportQuery = AuditQuery.omit({ cursor: true, limit: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorLogin: z.string().nullable(),
  /** The actor's display name and unit (jurisdiction or member department); null for system actors. */
  actorName: z.string().nullable(),
  actorUnit: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The object by name (人员、单位、记录的对象), when it still exists and has one. */
  objectName: z.string().nullable(),
  result: z.string(),
  reason: z.string().nullable(),
  clientIp: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.number().int().nullable(),
  message: z.string(),
  /** The newest signed checkpoint kept outside the database (null: none written yet, or none found). */
  checkpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable().optional(),
  /** Rows cut off the end of the log since the newest checkpoint (AUD-05), else null. */
  cutOff: z.number().int().nullable().optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

/** Chinese names of audit actions, for the audit page. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.password': '修改密码',
  'auth.denied': '越权访问被拒绝',
  'user.create': '创建账号（已审批）',
  'user.create.break-glass': '创建账号（应急通道：命令行或首次启动，未经审批）',
  'user.reset-mfa': '重置二次认证',
  'account-change.propose': '提交账号变更申请',
  'account-change.approve': '批准账号变更申请',
  'account-change.reject': '驳回账号变更申请',
  'account-change.withdraw': '撤回账号变更申请',
  'account-change.password-shown': '查看一次性密码（已审批的申请）',
  'user.reset-password': '重置密码',
  'user.status': '启用/停用账号',
  'user.unlock': '解除锁定',
  'org.create': '新增组织',
  'cadre.create': '新增干部',
  'cadre.read': '查看干部档案',
  'cadre.lookup': '精确查找干部',
  'cadre.reveal-id': '查看完整身份证号',
  'tenure.create': '新增任职',
  'tenure.end': '任职结束',
  'audit.read': '查阅审计日志',
  'audit.verify': '校验审计日志',
  'session.terminate': '强制下线',
  'seed.demo': '生成演示数据',
  'integrity.violation': '数据完整性校验失败',
  'cadre.read-record': '查看任免审批表栏目',
  'entry.create': '新增台账记录',
  'entry.correct': '更正台账记录',
  'entry.withdraw': '撤销台账记录',
  'entry.accept': '采纳报送',
  'entry.return': '退回报送',
  'entry.read': '查看台账记录',
  'ledger.read': '查阅台账',
  'attachment.upload': '上传附件',
  'attachment.download': '下载附件',
  'export.entries': '导出台账（Excel）',
  'export.cadres': '导出干部名册（Excel）',
  'export.dossier': '导出干部监督档案（Word）',
  'api-token.create': '创建接口令牌',
  'api-token.revoke': '吊销接口令牌',
  'api-token.auth': '接口令牌认证失败',
  'entry.push': '系统接口报送台账',
  'audit.export': '导出审计日志（Excel）',
  'cadre.import-create': '导入新增干部',
  'cadre.import-update': '导入更新干部',
  'cadre.export-lrmx': '导出任免审批表（.lrmx）',
  'cadre.photo-update': '更换干部照片',
  'cadre-import.upload': '上传任免审批表',
  'cadre-import.preview': '预览任免审批表导入',
  'cadre-import.commit': '确认导入任免审批表',
  'cadre-import.cancel': '取消任免审批表导入',
  'cadre-import.read': '查看任免审批表导入报告',
  'import.upload': '上传导入文件',
  'import.check': '检查导入文件',
  'import.commit': '确认导入',
  'import.cancel': '取消导入',
  'import.rejects': '下载未导入行',
  'import.template': '下载导入模板',
  'import.roster-conflicts': '名册导入冲突',
  'eligibility.read': '查询使用资格（凡提必查）',
  'export.eligibility': '导出任前廉政意见（Word）',
  'export.obligations': '导出待办（Excel）',
  'export.warnings': '导出预警（Excel）',
  'warning.list': '查看预警列表',
  'warning.read': '查看预警',
  'warning.new': '预警改为新',
  'warning.handled': '预警已处置',
  'warning.dismissed': '预警已排除',
  'obligation.list': '查看待办',
  'meeting.create': '登记联席会议',
  'rules.evaluate': '全量重新评估',
  'settings.rules': '修改规则设置',
  'settings.dictionaries': '修改字典',
  'cli.warnings': '命令行查询预警',
  'cli.obligations': '命令行查询待办',
};

/** Chinese names of the objects an audit row names. */
export const AUDIT_OBJECT_TYPES: Record<string, string> = {
  user: '账号',
  account_change: '账号变更申请',
  org: '组织',
  cadre: '干部',
  tenure: '任职',
  entry: '台账记录',
  attachment: '附件',
  import: '导入',
  cadre_import: '任免审批表导入',
  api_token: '接口令牌',
  warning: '预警',
  obligation: '待办',
  meeting: '联席会议',
  setting: '设置',
  rule_job: '评估任务',
  audit_log: '审计日志',
  route: '接口',
  session: '会话',
};
