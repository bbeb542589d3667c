import { z } from 'zod';
import {
  AttendanceBody, ConclusionBody, ConclusionKindView, ErrorBody, IdParams, MeetingApproveBody, MeetingDetail, MeetingSubjectView,
  MeetingView, SharedConclusionList, SharedConclusionQuery, Uuid,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor, requireApiToken } from '../plugins/auth.ts';
import { getConclusionKinds, putConclusionKinds, setAttendance, setConclusion } from '../services/meetings/conclusions.service.ts';
import { approveMeeting } from '../services/meetings/approval.service.ts';
import { sharedForMember, sharedForToken } from '../services/meetings/sharing.service.ts';

const SubjectParams = z.object({ id: Uuid, sid: Uuid });
const SharedQuery = SharedConclusionQuery.omit({ since: true });
const ItemsQuery = SharedConclusionQuery.omit({ q: true });

/** 会商研判、出席、签批、研判结论字典、成果共享 (issue 13 points 3, 5, 7). */
export function meetingDecisionsRoutes(app: App, deps: AppDeps): void {
  const tags = ['联席会议'];
  app.put('/api/meetings/:id/subjects/:sid/conclusion', {
    config: { permission: 'meeting:write' },
    schema: {
      tags, summary: '记录议题的会商研判结论（已召开的会议）',
      description: '结论须在研判结论字典中；需督办的结论生成（或变更、撤销）督办事项，交责任单位在期限内办理。纪要签批后不能再修改。',
      params: SubjectParams, body: ConclusionBody, response: { 200: MeetingSubjectView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => setConclusion(deps, requireActor(req), req.params.id, req.params.sid, req.body));

  app.put('/api/meetings/:id/attendance', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '记录出席情况（成员单位、出席人员，缺席须说明原因）', params: IdParams, body: AttendanceBody, response: { 200: MeetingDetail, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => setAttendance(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/meetings/:id/approve', {
    config: { permission: 'meeting:approve' },
    schema: {
      tags, summary: '签批会议纪要（已召开 → 纪要已定稿）',
      description: '每个议题都有研判结论后才能签批；签批记入审计日志并通知会议登记人，此后研判结论不能再修改。',
      params: IdParams, body: MeetingApproveBody.optional(), response: { 200: MeetingView, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => approveMeeting(deps, requireActor(req), req.params.id, req.body ?? {}));

  app.get('/api/meetings/conclusion-kinds', {
    config: { permission: 'meeting:read', orPermission: 'meeting:member' },
    schema: { tags, summary: '研判结论字典（需要查看联席会议或成员单位权限）', response: { 200: z.array(ConclusionKindView), 403: ErrorBody } },
  }, async () => getConclusionKinds(deps));

  app.put('/api/meetings/conclusion-kinds', {
    config: { permission: 'settings:rules' },
    schema: { tags, summary: '修改研判结论字典', body: z.array(ConclusionKindView).max(30), response: { 200: z.array(ConclusionKindView), 400: ErrorBody } },
  }, async (req) => putConclusionKinds(deps, requireActor(req), req.body));

  app.get('/api/meetings/shared', {
    config: { permission: 'meeting:member' },
    schema: {
      tags, summary: '成果共享：本单位报送或负责的对象的会商结论',
      description: '纪要已定稿的会议中，本单位报送过台账记录的对象、或督办事项由本单位办理的对象的最新研判结论；不含其他单位报送的内容。查看记入审计日志。',
      querystring: SharedQuery, response: { 200: SharedConclusionList, 400: ErrorBody },
    },
  }, async (req) => sharedForMember(deps, requireActor(req), req.query));

  app.get('/api/v1/meeting-items', {
    config: { permission: 'api-token' },
    schema: {
      tags: ['系统对接'], summary: '成员单位系统读取会商成果（与成果共享相同）',
      description: '使用接口令牌（请求头 `Authorization: Bearer <令牌>`）。返回令牌所属单位在其管辖范围内可见的会商结论；按 cursor 翻页，since 只取该日及以后签批的会议。读取记入审计日志。',
      querystring: ItemsQuery, response: { 200: SharedConclusionList, 400: ErrorBody, 401: ErrorBody },
    },
  }, async (req) => sharedForToken(deps, requireApiToken(req), req.query));
}
