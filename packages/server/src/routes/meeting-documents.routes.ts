import { z } from 'zod';
import { ErrorBody, Uuid } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { halfReport, MEETING_DOCS, meetingDocument } from '../services/meetings/documents.service.ts';
import { exporterName, sendFile } from './exports.routes.ts';

const DocParams = z.object({ id: Uuid, doc: z.enum(MEETING_DOCS, { message: '文书应为 notice、briefing、minutes 或 task-notice' }) });
const DocQuery = z.object({ department: z.string().min(1).max(20).optional().describe('督办通知单的责任单位编码') });
const ReportQuery = z.object({
  convenerId: Uuid.describe('召集的组织部'),
  half: z.string().regex(/^\d{4}-H[12]$/u, '半年应为 YYYY-H1 或 YYYY-H2').describe('半年，如 2026-H1'),
});

/** The joint meeting's Word documents in 公文 layout (GB/T 9704); every download is audited. */
export function meetingDocumentsRoutes(app: App, deps: AppDeps): void {
  const tags = ['联席会议'];
  const audited = '公文格式（GB/T 9704：A4，28字×22行，三号仿宋正文）。导出记入审计日志，文件内注明导出人和导出时间；管辖范围外的会议按不存在处理。';

  app.get('/api/meetings/report.docx', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '下载半年联席会议工作通报（Word）', description: audited, querystring: ReportQuery, response: { 400: ErrorBody, 404: ErrorBody } },
  }, async (req, reply) => sendFile(reply, await halfReport(deps, requireActor(req), exporterName(req), req.query.convenerId, req.query.half)));

  app.get('/api/meetings/:id/documents/:doc', {
    config: { permission: 'meeting:read' },
    schema: {
      tags, summary: '下载联席会议文书（Word）：会议通知 notice、研判材料 briefing、会议纪要 minutes、督办通知单 task-notice（?department=）',
      description: audited, params: DocParams, querystring: DocQuery, response: { 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => sendFile(reply, await meetingDocument(deps, requireActor(req), exporterName(req), req.params.id, req.params.doc, req.query.department)));
}
