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

export const AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorLogin: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
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
};
