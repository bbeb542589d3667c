import { CadreExportQuery, EntryExportQuery, ErrorBody, IdParams } from '@jiandu/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { contentDisposition } from '../lib/file-name.ts';
import * as exportsSvc from '../services/exports.service.ts';
import { ServiceError } from '../errors.ts';

/** 导出人 as the file shows it: display name and login. */
export function exporterName(req: FastifyRequest): string {
  const user = req.auth?.user;
  if (!user) throw new ServiceError('unauthenticated', '请先登录');
  return user.displayName && user.displayName !== user.login ? `${user.displayName}（${user.login}）` : user.login;
}

export function sendFile(reply: FastifyReply, f: exportsSvc.ExportFile) {
  return reply
    .header('Content-Type', f.contentType)
    .header('Content-Disposition', contentDisposition(f.fileName))
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Export-Rows', String(f.rows))
    .send(f.body);
}

/** Exports: every list to .xlsx, a cadre's dossier to .docx. Each one is audited and carries who exported it and when. */
export function exportsRoutes(app: App, deps: AppDeps): void {
  const audited = '导出记入审计日志（导出人、时间、筛选条件、行数），文件内注明导出人和导出时间。';

  app.get('/api/entries/export.xlsx', {
    config: { permission: 'entry:read' },
    schema: {
      tags: ['管理监督台账'], summary: '导出台账（Excel，全部符合筛选条件的当前版本）',
      description: `筛选条件同 GET /api/entries（不分页）。身份证号以掩码导出；以 = + - @ 开头的内容按文本写入，不会被当作公式。${audited}`,
      querystring: EntryExportQuery, response: { 400: ErrorBody },
    },
  }, async (req, reply) => sendFile(reply, await exportsSvc.exportEntries(deps, requireActor(req), exporterName(req), 'supervisor', req.query)));

  app.get('/api/submissions/export.xlsx', {
    config: { permission: 'entry:submit' },
    schema: {
      tags: ['管理监督台账'], summary: '导出本单位报送的记录（Excel）——成员单位',
      description: `筛选条件同 GET /api/submissions（不分页），只含本单位报送的记录。${audited}`,
      querystring: EntryExportQuery, response: { 400: ErrorBody, 403: ErrorBody },
    },
  }, async (req, reply) => sendFile(reply, await exportsSvc.exportEntries(deps, requireActor(req), exporterName(req), 'member', req.query)));

  app.get('/api/cadres/export.xlsx', {
    config: { permission: 'cadre:read' },
    schema: {
      tags: ['干部'], summary: '导出干部名册（Excel，全部符合筛选条件的干部）',
      description: `筛选条件同 GET /api/cadres（不分页）。身份证号以掩码导出。${audited}`,
      querystring: CadreExportQuery, response: { 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => sendFile(reply, await exportsSvc.exportCadres(deps, requireActor(req), exporterName(req), req.query)));

  app.get('/api/cadres/:id/dossier.docx', {
    config: { permission: 'cadre:read' },
    schema: {
      tags: ['干部'], summary: '导出干部监督档案（Word）',
      description: `基本情况、任职经历、管理监督台账（当前版本，按发生日期倒序；不含已撤销、已退回的记录）。身份证号以掩码导出。${audited}`,
      params: IdParams, response: { 404: ErrorBody },
    },
  }, async (req, reply) => sendFile(reply, await exportsSvc.exportDossier(deps, requireActor(req), exporterName(req), req.params.id)));
}
