import { z } from 'zod';
import {
  ErrorBody, IMPORT_STATUS, IdParams, ImportBatchView, ImportCheckBody, ImportIssuesQuery, ImportUploadQuery, ImportUploadResult,
  OrgImportChange, RosterChange, RosterChangesQuery, SheetIssue, type ColumnSpec,
} from '@jiandu/domain';
import type { FastifyError, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { contentDisposition } from '../lib/file-name.ts';
import { writeTemplate, type SheetInspection } from '../intake/sheet/index.ts';
import type { BatchRow } from '../repositories/imports.repository.ts';
import { recordAction } from '../services/audit.service.ts';
import * as imports from '../services/imports/imports.service.ts';
import { importKindOf, resolveImportKind } from '../services/imports/kinds.ts';
import { importLimits } from '../services/imports/limits.ts';
import { tooLarge } from '../services/imports/stored-file.ts';
import { ServiceError } from '../errors.ts';


export function batchView(b: BatchRow & { reevaluation?: ImportBatchView['reevaluation'] }): ImportBatchView {
  return {
    id: b.id, fileName: b.fileName, kind: b.kind, kindName: importKindOf(b.kind).label(b.kind), sourceDept: b.sourceDept,
    status: (IMPORT_STATUS as readonly string[]).includes(b.status) ? (b.status as ImportBatchView['status']) : 'failed',
    strict: b.strict, progress: b.progress, rows: b.rows, valid: b.valid, imported: b.imported, duplicates: b.duplicates,
    rejected: b.rejected, error: b.error, overrides: b.mapping ?? {}, mapping: b.sheetMapping ?? null,
    options: { orgId: b.options?.orgId ?? null, tenures: !!b.options?.tenures },
    createdAt: b.createdAt.toISOString(), finishedAt: b.finishedAt?.toISOString() ?? null,
    ...(b.reevaluation !== undefined ? { reevaluation: b.reevaluation } : {}),
  };
}

function uploadResult(batch: BatchRow, inspection: SheetInspection, previous: BatchRow | null, specs: ColumnSpec[]) {
  return {
    batch: batchView(batch), title: inspection.title, unmapped: inspection.unmapped, missing: inspection.missing, ambiguous: inspection.ambiguous,
    notes: inspection.notes, columns: specs.map((s) => ({ key: s.key, label: s.label, required: !!s.required })),
    sampleRows: inspection.sampleRows.map((x) => ({ row: x.row, cells: x.cells.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c ?? null)) })),
    previous: previous ? { id: previous.id, createdAt: previous.createdAt.toISOString(), imported: previous.imported } : null,
  };
}

/** The import wizard's API: template, upload, check, commit, problems, rejected rows. */
export function importsRoutes(app: App, deps: AppDeps): void {
  const tags = ['台账导入'];
  // The wizard's routes: the kind's own right (entry:import, cadre:write, org:write) is checked by its `target`.
  const permission = 'import:run' as const;

  app.get('/api/imports/template.xlsx', {
    config: { permission },
    schema: { tags, summary: '下载某类台账（或干部名册 kind=roster）的导入模板（下拉选项、示例行、填写说明）', querystring: z.object({ kind: z.string().min(1).max(40) }), response: { 400: ErrorBody } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const found = resolveImportKind(req.query.kind);
    if (!found) throw new ServiceError('invalid', `台账类别“${req.query.kind}”不存在`, 'invalid', [{ path: 'kind', message: '类别不存在' }]);
    const { kind } = found;
    const specs = await found.of.specs(deps, kind);
    const name = found.of.label(kind);
    const file = await writeTemplate(specs, { title: `${name}导入模板` });
    await recordAction(deps, actor, { action: 'import.template', objectType: 'import', details: { kind } });
    return (reply as FastifyReply).header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(`${name}导入模板.xlsx`)).send(file);
  });

  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    // FILE-01: the body is not buffered — the raw request stream goes to the service, which stores it
    // encrypted a piece at a time and stops at the size limit (413). A declared length over it is refused at once.
    scope.addContentTypeParser('application/octet-stream', (req, payload, done) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > importLimits().maxBytes) return done(tooLarge(importLimits().maxBytes), undefined);
      done(null, payload);
    });
    scope.setErrorHandler(async (err: FastifyError, req, reply) => {
      if (err instanceof ServiceError && err.code === 'too_large') {
        // The rest of the body is not read: close the connection after the answer.
        return reply.code(413).header('Connection', 'close').send({ error: 'too_large', message: err.message, requestId: req.id });
      }
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: `文件超过上限`, requestId: req.id });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: 'unsupported_media_type', message: '请以 application/octet-stream 上传文件原始内容', requestId: req.id });
      throw err;
    });
    scope.post('/api/imports', {
      config: { permission },
      schema: {
        tags, summary: '上传 Excel/CSV 文件，识别表头（第一步）',
        description: '请求体为文件原始内容（application/octet-stream）。返回识别出的表头对应关系、缺少的必填列和前几行样例；确认后调用 check。',
        querystring: ImportUploadQuery, response: { 200: ImportUploadResult, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (req) => {
      const actor = requireActor(req);
      const body = req.body as unknown as (AsyncIterable<Buffer> & { resume?: () => void }) | undefined;
      if (!body || typeof body[Symbol.asyncIterator] !== 'function') throw new ServiceError('invalid', '请求体为空');
      const target = await imports.resolveTarget(deps, actor, req.query.kind, req.query.source);
      const r = await imports.createBatch(deps, actor, {
        fileName: req.query.name, body, kind: target.kind, sourceDept: target.sourceDept, strict: req.query.strict === 'true',
        options: { orgId: req.query.orgId ?? null, tenures: req.query.tenures === 'true' },
      });
      return uploadResult(r.batch, r.inspection, r.previous, await imports.specsOf(deps, target.kind));
    });
  });

  app.post('/api/imports/:id/preview', {
    config: { permission },
    schema: {
      tags, summary: '重新识别表头（可带手工对应，不开始检查）：回到未完成的导入，或核对手工对应是否完整',
      params: IdParams, body: ImportCheckBody.pick({ overrides: true }),
      response: { 200: ImportUploadResult, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    const r = await imports.preview(deps, requireActor(req), req.params.id, req.body.overrides);
    return uploadResult({ ...r.batch, sheetMapping: r.inspection.mapping }, r.inspection, r.previous, r.specs);
  });

  app.get('/api/imports', {
    config: { permission },
    schema: { tags, summary: '我的导入（最近 30 个，可回到未完成的导入）', response: { 200: z.array(ImportBatchView) } },
  }, async (req) => (await imports.listMyBatches(deps, requireActor(req))).map(batchView));

  app.get('/api/imports/:id', {
    config: { permission },
    schema: { tags, summary: '导入进度与结果', params: IdParams, response: { 200: ImportBatchView, 404: ErrorBody } },
  }, async (req) => batchView(await imports.getBatch(deps, requireActor(req), req.params.id)));

  app.post('/api/imports/:id/check', {
    config: { permission },
    schema: {
      tags, summary: '检查每一行（后台进行，可离开页面；用 GET 查看进度）', params: IdParams, body: ImportCheckBody,
      response: { 200: ImportBatchView, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const { done } = await imports.startCheck(deps, actor, req.params.id, {
      overrides: req.body.overrides, strict: req.body.strict, options: { orgId: req.body.orgId, tenures: req.body.tenures },
    });
    done.catch((e: unknown) => req.log.error({ err: e }, 'import check failed'));
    return batchView(await imports.getBatch(deps, actor, req.params.id));
  });

  app.post('/api/imports/:id/commit', {
    config: { permission },
    schema: {
      tags, summary: '导入全部有效行（一个事务；严格模式下有问题行则不导入）', params: IdParams,
      response: { 200: ImportBatchView, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => batchView(await imports.commit(deps, requireActor(req), req.params.id)));

  app.post('/api/imports/:id/cancel', {
    config: { permission },
    schema: { tags, summary: '取消导入（清除上传的文件）', params: IdParams, response: { 200: ImportBatchView, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => {
    const actor = requireActor(req);
    await imports.cancel(deps, actor, req.params.id);
    return batchView(await imports.getBatch(deps, actor, req.params.id));
  });

  app.get('/api/imports/:id/issues', {
    config: { permission },
    schema: { tags, summary: '问题清单（按行号）', params: IdParams, querystring: ImportIssuesQuery, response: { 200: z.array(SheetIssue), 404: ErrorBody } },
  }, async (req) => {
    const actor = requireActor(req);
    const batch = await imports.getBatch(deps, actor, req.params.id);
    const colOf = new Map((batch.sheetMapping?.columns ?? []).map((c) => [c.header, c.index + 1]));
    const found = await imports.issues(deps, actor, req.params.id, req.query.afterRow, req.query.limit);
    return found.map((i) => (colOf.has(i.column) ? { ...i, col: colOf.get(i.column)! } : i));
  });

  app.get('/api/imports/:id/changes', {
    config: { permission },
    schema: {
      tags, summary: '干部名册、组织机构：检查后每行将新增或更新的干部（单位）及其逐字段差异（按行号）',
      description: '只对干部名册（kind=roster）和组织机构（kind=orgs，含上级单位，可画出将建立的树）的导入有内容；无变化的行计入 duplicates，有问题的行见 issues。导入（commit）后清空。',
      params: IdParams, querystring: RosterChangesQuery,
      response: { 200: z.object({ counts: z.object({ create: z.number().int(), update: z.number().int() }), items: z.array(z.union([RosterChange, OrgImportChange])) }), 404: ErrorBody },
    },
  }, async (req) => imports.changes(deps, requireActor(req), req.params.id, req.query.afterRow, req.query.limit));

  app.get('/api/imports/:id/rejects.xlsx', {
    config: { permission },
    schema: { tags, summary: '下载未导入的行（标注问题的 Excel）', params: IdParams, response: { 404: ErrorBody } },
  }, async (req, reply) => {
    const { PassThrough } = await import('node:stream');
    const actor = requireActor(req);
    const batch = await imports.getBatch(deps, actor, req.params.id);
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    await imports.rejectsFile(deps, actor, batch.id, out);
    return (reply as FastifyReply).header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(`未导入的行-${batch.fileName.replace(/\.(xlsx|csv)$/iu, '')}.xlsx`)).send(Buffer.concat(chunks));
  });
}
