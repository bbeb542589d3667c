import { z } from 'zod';
import { AttachmentView, ErrorBody, IdParams } from '@jiandu/domain';
import type { FastifyError, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { contentDisposition } from '../lib/file-name.ts';
import * as attachments from '../services/attachments.service.ts';
import { ServiceError } from '../errors.ts';

const UploadQuery = z.object({ name: z.string().max(1000).optional().describe('文件名（也可用请求头 X-File-Name，百分号编码）') });

/** The file name of an upload: `?name=` or the percent-encoded `X-File-Name` header. */
function uploadName(query: string | undefined, header: string | string[] | undefined): string {
  if (query) return query;
  const h = Array.isArray(header) ? header[0] : header;
  if (h) {
    try {
      return decodeURIComponent(h);
    } catch {
      throw new ServiceError('invalid', '请求头 X-File-Name 不是有效的百分号编码', 'invalid', [{ path: 'X-File-Name', message: '编码无效' }]);
    }
  }
  throw new ServiceError('invalid', '请提供文件名（查询参数 name 或请求头 X-File-Name）', 'invalid', [{ path: 'name', message: '请提供文件名' }]);
}

/**
 * Attachments of ledger entries, for the 组织部 (/api/entries/:id/attachments, /api/attachments/:id) and
 * for member departments on their own submissions (/api/submissions/...). The upload body is the raw
 * file (`application/octet-stream`, at most 20 MB); only these routes accept that content type.
 */
export function attachmentsRoutes(app: App, deps: AppDeps): void {
  const tags = ['管理监督台账'];
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: attachments.MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err: FastifyError, req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: '附件不能超过 20 MB', requestId: req.id });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send({ error: 'unsupported_media_type', message: '请以 application/octet-stream 上传文件原始内容', requestId: req.id });
      }
      throw err; // the application's error handler answers the rest
    });

    for (const side of [
      { upload: '/api/entries/:id/attachments', download: '/api/attachments/:id', mode: 'supervisor' as const, write: 'entry:write' as const, read: 'entry:read' as const, who: '组织部' },
      { upload: '/api/submissions/:id/attachments', download: '/api/submissions/attachments/:id', mode: 'member' as const, write: 'entry:submit' as const, read: 'entry:submit' as const, who: '成员单位（仅本单位报送的记录）' },
    ]) {
      scope.post(side.upload, {
        bodyLimit: attachments.MAX_ATTACHMENT_BYTES,
        config: { permission: side.write },
        schema: {
          tags, summary: `上传台账记录的附件——${side.who}`,
          description: '请求体为文件原始内容（Content-Type: application/octet-stream，不超过 20 MB）。按内容识别类型，仅接受 PDF、JPG、PNG、DOCX、XLSX（不含宏）、OFD、TXT，且须与扩展名一致。上传记入审计日志。',
          params: IdParams, querystring: UploadQuery,
          response: { 200: AttachmentView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      }, async (req) => {
        const name = uploadName(req.query.name, req.headers['x-file-name']);
        if (!Buffer.isBuffer(req.body)) throw new ServiceError('invalid', '请求体为空', 'invalid');
        return attachments.uploadAttachment(deps, requireActor(req), side.mode, req.params.id, name, req.body);
      });

      scope.get(side.download, {
        config: { permission: side.read },
        schema: { tags, summary: `下载附件（记入审计日志）——${side.who}`, params: IdParams, response: { 404: ErrorBody } },
      }, async (req, reply) => sendAttachment(reply, await attachments.downloadAttachment(deps, requireActor(req), side.mode, req.params.id)));
    }
  });
}

function sendAttachment(reply: FastifyReply, a: AttachmentView & { data: Buffer }) {
  return reply
    .header('Content-Type', a.mime)
    .header('Content-Disposition', contentDisposition(a.fileName))
    .header('Content-Length', String(a.data.length))
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Content-SM3', a.sm3)
    .send(a.data);
}
