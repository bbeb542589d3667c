import { AuditExportQuery, AuditQuery, AuditRow, AuditVerifyResult, CountResult, ErrorBody, pageOf } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as auditSvc from '../services/audit.service.ts';
import { exporterName, sendFile } from './exports.routes.ts';

export function auditRoutes(app: App, deps: AppDeps): void {
  const tags = ['审计日志'];
  app.get('/api/audit', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: '查询审计日志（新的在前；本次查询也记入审计日志）',
      querystring: AuditQuery, response: { 200: pageOf(AuditRow), 400: ErrorBody },
    },
  }, async (req) => auditSvc.readAudit(deps, requireActor(req), req.query));

  app.get('/api/audit/count', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: '审计日志共多少条（筛选条件同列表；超过一万条时为估计数，exact=false；本次查询也记入审计日志）',
      querystring: AuditExportQuery, response: { 200: CountResult, 400: ErrorBody },
    },
  }, async (req) => auditSvc.countAuditRows(deps, requireActor(req), req.query));

  app.post('/api/audit/verify', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: '校验审计日志：哈希链，并与数据库之外的签名检查点（SM2）核对，发现末尾被截去的记录',
      response: { 200: AuditVerifyResult },
    },
  }, async (req) => auditSvc.verify(deps, requireActor(req)));

  app.get('/api/audit/export.xlsx', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: '导出审计日志（Excel，全部符合筛选条件的记录）',
      description: '筛选条件同 GET /api/audit（不分页）。导出本身记入审计日志（筛选条件、行数），文件内注明导出人和导出时间。',
      querystring: AuditExportQuery, response: { 400: ErrorBody },
    },
  }, async (req, reply) => sendFile(reply, await auditSvc.exportAudit(deps, requireActor(req), exporterName(req), req.query)));
}
