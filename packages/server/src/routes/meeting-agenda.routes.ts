import {
  ErrorBody, IdParams, MeetingCompileView, MeetingHoldBody, MeetingSubjectList, MeetingSubjectListQuery, MeetingSubjectParams,
  MeetingSubjectView, MeetingView, SubjectRemoveBody,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as agenda from '../services/meetings/agenda.service.ts';

/** A meeting's agenda: re-compile and remove/restore while 筹备, hold (筹备 → 已召开), read the subjects. */
export function meetingAgendaRoutes(app: App, deps: AppDeps): void {
  const tags = ['联席会议'];
  app.post('/api/meetings/:id/compile', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '重新生成议题（仅筹备中；新版本，列出新增、移出、变化的议题）', params: IdParams, response: { 200: MeetingCompileView, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => agenda.recompile(deps, requireActor(req), req.params.id));

  app.post('/api/meetings/:id/hold', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '登记会议已召开（议题冻结）', params: IdParams, body: MeetingHoldBody, response: { 200: MeetingView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => agenda.holdMeeting(deps, requireActor(req), req.params.id, req.body ?? {}));

  app.get('/api/meetings/:id/subjects', {
    config: { permission: 'meeting:read' },
    schema: {
      tags, summary: '会议议题（含每个议题的台账摘要、预警、研判结论和督办事项）',
      description: 'removed=true 时同时列出秘书移出的和重新生成时不再符合条件的议题。每次查询记入审计日志。',
      params: IdParams, querystring: MeetingSubjectListQuery, response: { 200: MeetingSubjectList, 404: ErrorBody },
    },
  }, async (req) => agenda.listSubjects(deps, requireActor(req), req.params.id, req.query));

  app.post('/api/meetings/:id/subjects/:sid/remove', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '移出议题（保留，须填理由；仅筹备中）', params: MeetingSubjectParams, body: SubjectRemoveBody, response: { 200: MeetingSubjectView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => agenda.setSubjectRemoved(deps, requireActor(req), req.params.id, req.params.sid, req.body.reason));

  app.post('/api/meetings/:id/subjects/:sid/restore', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '恢复移出的议题（仅筹备中）', params: MeetingSubjectParams, response: { 200: MeetingSubjectView, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => agenda.setSubjectRemoved(deps, requireActor(req), req.params.id, req.params.sid, null));
}
