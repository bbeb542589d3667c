import { AuditQuery, AuditRow, AuditVerifyResult, ErrorBody, pageOf } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as auditSvc from '../services/audit.service.ts';

export function auditRoutes(app: App, deps: AppDeps): void {
  const tags = ['审计日志'];
  app.get('/api/audit', {
    config: { permission: 'audit:read' },
    schema: {
      tags, summary: '查询审计日志（新的在前；本次查询也记入审计日志）',
      querystring: AuditQuery, response: { 200: pageOf(AuditRow), 400: ErrorBody },
    },
  }, async (req) => auditSvc.readAudit(deps, requireActor(req), req.query));

  app.post('/api/audit/verify', {
    config: { permission: 'audit:read' },
    schema: { tags, summary: '校验审计日志哈希链', response: { 200: AuditVerifyResult } },
  }, async (req) => auditSvc.verify(deps, requireActor(req)));
}
