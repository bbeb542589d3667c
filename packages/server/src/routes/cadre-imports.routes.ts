import { z } from 'zod';
import {
  CadreRecordView,
  CadreImportPreviewBody, CadreImportSummary, CadreImportUploadQuery, CadreImportView, ErrorBody, IdParams,
} from '@jiandu/domain';
import type { FastifyError, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { contentDisposition } from '../lib/file-name.ts';
import * as lrmxImport from '../services/cadre-imports/lrmx-import.service.ts';
import * as lrmxExport from '../services/cadre-imports/lrmx-export.service.ts';
import { getRecord } from '../services/cadre-imports/record.service.ts';
import { MAX_UPLOAD } from '../services/cadre-imports/files.ts';
import { ServiceError } from '../errors.ts';

/** How long an upload or re-preview request waits for the preview before answering `checking` (the client then polls). */
const PREVIEW_WAIT_MS = 20_000;

async function waitAtMost(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
  clearTimeout(timer);
}

const PhotoResult = z.object({ sm3: z.string(), mime: z.string() });

/**
 * 干部任免审批表 import (/api/cadre-imports: upload → per-file preview with differences → commit), the
 * .lrmx export of a cadre and the cadre's photo. Uploads are raw bodies (application/octet-stream), a
 * parser registered only in this plugin scope.
 */
export function cadreImportsRoutes(app: App, deps: AppDeps): void {
  const tags = ['干部任免审批表'];
  const write = 'cadre:write' as const;

  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err: FastifyError, req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: '文件过大（任免审批表压缩包不能超过 100 MB，照片不能超过 2 MB）', requestId: req.id });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: 'unsupported_media_type', message: '请以 application/octet-stream 上传文件原始内容', requestId: req.id });
      throw err;
    });

    scope.post('/api/cadre-imports', {
      bodyLimit: MAX_UPLOAD,
      config: { permission: write },
      schema: {
        tags, summary: '上传干部任免审批表（.lrmx、.lrm 或其 .zip 压缩包），预览每个文件将新增、更新还是无变化',
        description: '请求体为文件原始内容（application/octet-stream，不超过 100 MB）。.lrm 的照片为同名 .pic，须与 .lrm 放在同一个 .zip 中。'
          + '预览不写入任何干部信息；小批量在本次请求内完成（status=checked），大批量返回 status=checking，请用 GET 查看进度。'
          + '按身份证号匹配干部，没有身份证号时按姓名+出生年月；有新干部时须给出 orgId（新干部的所在单位）。',
        querystring: CadreImportUploadQuery, response: { 200: CadreImportView, 400: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (req) => {
      const actor = requireActor(req);
      if (!Buffer.isBuffer(req.body)) throw new ServiceError('invalid', '请求体为空');
      const r = await lrmxImport.uploadCadreImport(deps, actor, { fileName: req.query.name, data: req.body, orgId: req.query.orgId ?? null });
      r.done.catch((e: unknown) => req.log.error({ err: e }, 'cadre import preview failed'));
      await waitAtMost(r.done, PREVIEW_WAIT_MS);
      return lrmxImport.getCadreImport(deps, actor, r.id);
    });

    scope.post('/api/cadres/:id/photo', {
      bodyLimit: lrmxExport.MAX_PHOTO_BYTES,
      config: { permission: write },
      schema: {
        tags, summary: '上传（更换）干部照片', description: '请求体为图片原始内容（application/octet-stream），按内容识别，只接受 JPG、PNG，不超过 2 MB。记入审计日志。',
        params: IdParams, response: { 200: PhotoResult, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new ServiceError('invalid', '请求体为空');
      return lrmxExport.setPhoto(deps, requireActor(req), req.params.id, req.body);
    });
  });

  app.get('/api/cadre-imports', {
    config: { permission: write },
    schema: { tags, summary: '我的任免审批表导入（最近 30 个）', response: { 200: z.array(CadreImportSummary) } },
  }, async (req) => lrmxImport.listCadreImports(deps, requireActor(req)));

  app.get('/api/cadre-imports/:id', {
    config: { permission: write },
    schema: {
      tags, summary: '导入进度与逐个文件的预览报告（含每项更新的逐字段差异）',
      description: '家庭成员的变动只列出称谓和姓名；读取含家庭成员变动的报告记入审计日志。',
      params: IdParams, response: { 200: CadreImportView, 404: ErrorBody },
    },
  }, async (req) => lrmxImport.getCadreImport(deps, requireActor(req), req.params.id));

  app.post('/api/cadre-imports/:id/preview', {
    config: { permission: write },
    schema: {
      tags, summary: '重新预览（可改选新干部的默认单位；中断后继续）', params: IdParams, body: CadreImportPreviewBody,
      response: { 200: CadreImportView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const r = await lrmxImport.repreview(deps, actor, req.params.id, req.body.orgId);
    r.done.catch((e: unknown) => req.log.error({ err: e }, 'cadre import preview failed'));
    await waitAtMost(r.done, PREVIEW_WAIT_MS);
    return lrmxImport.getCadreImport(deps, actor, req.params.id);
  });

  app.post('/api/cadre-imports/:id/commit', {
    config: { permission: write },
    schema: {
      tags, summary: '导入（一个事务写入全部无错误的文件）',
      description: '逐个文件复核：预览之后被修改过的干部、或预览后已有人录入的新干部，该文件不导入并说明原因，其余文件照常导入。',
      params: IdParams, response: { 200: CadreImportView, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    const actor = requireActor(req);
    await lrmxImport.commitCadreImport(deps, actor, req.params.id);
    return lrmxImport.getCadreImport(deps, actor, req.params.id);
  });

  app.post('/api/cadre-imports/:id/cancel', {
    config: { permission: write },
    schema: { tags, summary: '取消导入（清除上传的文件）', params: IdParams, response: { 200: CadreImportView, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => {
    const actor = requireActor(req);
    await lrmxImport.cancelCadreImport(deps, actor, req.params.id);
    return lrmxImport.getCadreImport(deps, actor, req.params.id);
  });

  app.get('/api/cadres/:id/record', {
    config: { permission: 'cadre:read' },
    schema: {
      tags: ['干部'], summary: '干部任免审批表的其余栏目、简历（原文与分段）；家庭成员仅对可查看敏感字段的用户返回（记入审计日志）',
      params: IdParams, response: { 200: CadreRecordView, 404: ErrorBody },
    },
  }, async (req) => getRecord(deps, requireActor(req), req.params.id));

  app.get('/api/cadres/:id/lrmx', {
    config: { permission: 'cadre:read' },
    schema: {
      tags, summary: '导出干部任免审批表（.lrmx，可用任免审批表编辑器打开）',
      description: '含照片；完整身份证号和家庭成员只对可查看敏感字段的用户写入（其他用户导出的文件中这两项为空，重新导入时保持原值不变）。导出记入审计日志。', params: IdParams, response: { 404: ErrorBody },
    },
  }, async (req, reply) => {
    const r = await lrmxExport.exportLrmx(deps, requireActor(req), req.params.id);
    return (reply as FastifyReply).header('Content-Type', 'application/xml; charset=utf-8')
      .header('Content-Disposition', contentDisposition(r.fileName)).header('X-Content-Type-Options', 'nosniff').send(r.data);
  });

  app.get('/api/cadres/:id/photo', {
    config: { permission: 'cadre:read' },
    schema: { tags, summary: '干部照片（没有照片时 404）', params: IdParams, response: { 404: ErrorBody } },
  }, async (req, reply) => {
    const p = await lrmxExport.getPhoto(deps, requireActor(req), req.params.id);
    return (reply as FastifyReply).header('Content-Type', p.mime).header('Content-Length', String(p.data.length))
      .header('Cache-Control', 'private, no-cache').header('ETag', `"${p.sm3.slice(0, 32)}"`).header('X-Content-Type-Options', 'nosniff').send(p.data);
  });
}
