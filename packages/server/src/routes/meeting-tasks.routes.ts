import { z } from 'zod';
import {
  CountResult, ErrorBody, IdParams, MeetingTaskDetail, MeetingTaskFilterQuery, MeetingTaskList, MeetingTaskListQuery, TaskCloseBody, TaskReturnBody, Uuid,
} from '@jiandu/domain';
import type { FastifyError, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { contentDisposition } from '../lib/file-name.ts';
import { boundaryOf, parseMultipart } from '../lib/multipart.ts';
import { MAX_ATTACHMENT_BYTES } from '../services/attachments.service.ts';
import * as tasks from '../services/meetings/tasks.service.ts';
import { ServiceError } from '../errors.ts';

const filterOf = (q: MeetingTaskFilterQuery) => ({ ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' });
const AttachmentParams = z.object({ id: Uuid, aid: Uuid });
/**
 * A form with up to MAX_TASK_FILES files and a note, held in memory while it is checked: the files together no
 * larger than one ledger attachment (20 MB), so an answer costs the server no more than an entry's upload does.
 */
const ANSWER_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 1024 * 1024;

/** 督办事项 (issue 13 point 4): the list, one task, 反馈 (with files), 销号, 退回, an answer's file. */
export function meetingTasksRoutes(app: App, deps: AppDeps): void {
  const tags = ['联席会议'];
  app.get('/api/meeting-tasks', {
    config: { permission: 'meeting:read', orPermission: 'meeting:member' },
    schema: {
      tags, summary: '督办事项列表（组织部看管辖范围内全部；成员单位只看本单位的）', querystring: MeetingTaskListQuery,
      response: { 200: MeetingTaskList, 400: ErrorBody, 403: ErrorBody },
    },
  }, async (req) => tasks.listTasks(deps, requireActor(req), { ...filterOf(req.query), sort: req.query.sort, cursor: req.query.cursor, limit: req.query.limit }));

  app.get('/api/meeting-tasks/count', {
    config: { permission: 'meeting:read', orPermission: 'meeting:member' },
    schema: { tags, summary: '督办事项条数（与列表相同的筛选）', querystring: MeetingTaskFilterQuery, response: { 200: CountResult, 403: ErrorBody } },
  }, async (req) => tasks.countTasks(deps, requireActor(req), filterOf(req.query)));

  app.get('/api/meeting-tasks/:id', {
    config: { permission: 'meeting:read', orPermission: 'meeting:member' },
    schema: { tags, summary: '督办事项及其办理记录（查看记入审计日志）', params: IdParams, response: { 200: MeetingTaskDetail, 404: ErrorBody } },
  }, async (req) => tasks.getTask(deps, requireActor(req), req.params.id));

  app.post('/api/meeting-tasks/:id/close', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '督办事项销号', params: IdParams, body: TaskCloseBody.optional(), response: { 200: MeetingTaskDetail, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => tasks.closeTask(deps, requireActor(req), req.params.id, req.body?.note));

  app.post('/api/meeting-tasks/:id/return', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '退回督办事项（责任单位重新办理、反馈）', params: IdParams, body: TaskReturnBody, response: { 200: MeetingTaskDetail, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => tasks.returnTask(deps, requireActor(req), req.params.id, req.body.reason));

  app.get('/api/meeting-tasks/:id/attachments/:aid', {
    config: { permission: 'meeting:read', orPermission: 'meeting:member' },
    schema: { tags, summary: '下载督办事项反馈的附件（记入审计日志）', params: AttachmentParams, response: { 404: ErrorBody } },
  }, async (req, reply) => {
    const a = await tasks.downloadTaskAttachment(deps, requireActor(req), req.params.id, req.params.aid);
    return sendFile(reply, a);
  });

  // The answer is a multipart form (note, entryId, files…): only this route accepts that content type.
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: ANSWER_BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err: FastifyError, req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: `附件合计不能超过 20 MB，一次最多 ${tasks.MAX_TASK_FILES} 个`, requestId: req.id });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send({ error: 'unsupported_media_type', message: '请以 multipart/form-data 表单提交（note、entryId、files）', requestId: req.id });
      }
      throw err;
    });
    scope.post('/api/meeting-tasks/:id/answer', {
      bodyLimit: ANSWER_BODY_LIMIT,
      config: { permission: 'meeting:member', orPermission: 'meeting:write' },
      schema: {
        tags, summary: '反馈督办事项（成员单位办理本单位的，组织部可代为反馈）',
        description: 'multipart/form-data：note（办理结果，必填）、entryId（关于同一对象的台账记录，可选：类别符合研判结论的，视为办结依据）、files（附件，可多个；仅接受 PDF、JPG、PNG、DOCX、XLSX、OFD、TXT，合计不超过 20 MB）。',
        params: IdParams, response: { 200: MeetingTaskDetail, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (req) => {
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary || !Buffer.isBuffer(req.body)) throw new ServiceError('invalid', '请以 multipart/form-data 表单提交', 'invalid');
      const form = parseMultipart(req.body, boundary, { maxFiles: tasks.MAX_TASK_FILES, maxFields: 10 });
      return tasks.answerTask(deps, requireActor(req), req.params.id, {
        note: form.fields.get('note'), entryId: form.fields.get('entryId'), files: form.files.map((f) => ({ fileName: f.fileName, data: f.data })),
      });
    });
  });
}

function sendFile(reply: FastifyReply, a: { fileName: string; mime: string; sm3: string; data: Buffer }) {
  return reply.header('Content-Type', a.mime).header('Content-Disposition', contentDisposition(a.fileName))
    .header('Content-Length', String(a.data.length)).header('X-Content-Type-Options', 'nosniff').header('X-Content-SM3', a.sm3).send(a.data);
}
