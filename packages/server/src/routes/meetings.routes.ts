import { z } from 'zod';
import {
  ConvenerQuery, ConvenerView, ErrorBody, IdParams, MeetingCreateBody, MeetingDetail, MeetingList, MeetingListQuery, MeetingMemberBody,
  MeetingMemberView, MeetingUpdateBody, MeetingView, ProposalBody, ProposalList, ProposalView,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as meetings from '../services/meetings.service.ts';
import * as members from '../services/meetings/members.service.ts';
import * as proposals from '../services/meetings/proposals.service.ts';
import { meetingAgendaRoutes } from './meeting-agenda.routes.ts';

/** 干部监督联席会议: meetings (筹备 → 已召开 …), member departments, proposals; the agenda in meeting-agenda.routes.ts. */
export function meetingsRoutes(app: App, deps: AppDeps): void {
  const tags = ['联席会议'];
  app.get('/api/meetings', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '联席会议列表（状态、召集单位、关键词筛选）', querystring: MeetingListQuery, response: { 200: MeetingList, 400: ErrorBody } },
  }, async (req) => meetings.listMeetings(deps, requireActor(req), req.query));

  app.get('/api/meetings/conveners', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '可召集联席会议的组织部（管辖范围内）', response: { 200: z.array(ConvenerView) } },
  }, async (req) => meetings.listConveners(deps, requireActor(req)));

  app.post('/api/meetings', {
    config: { permission: 'meeting:write' },
    schema: {
      tags, summary: '筹备一次联席会议（同时生成第1版议题）',
      description: '议题期间起始日不填时为该召集单位上一次已召开会议的次日，没有则为会议日期前推一个周期（默认半年）。',
      body: MeetingCreateBody, response: { 200: MeetingView, 400: ErrorBody },
    },
  }, async (req) => meetings.createMeeting(deps, requireActor(req), req.body));

  app.get('/api/meetings/members', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '召集单位的成员单位及联络人', querystring: ConvenerQuery, response: { 200: z.array(MeetingMemberView), 400: ErrorBody } },
  }, async (req) => members.listMembers(deps, requireActor(req), req.query.convenerId));

  app.put('/api/meetings/members', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '设置一个成员单位（是否参加、联络人）', body: MeetingMemberBody, response: { 200: z.array(MeetingMemberView), 400: ErrorBody } },
  }, async (req) => members.setMember(deps, requireActor(req), req.body));

  app.get('/api/meetings/proposals', {
    config: { permission: 'meeting:read', orPermission: 'meeting:member' },
    schema: { tags, summary: '提请的议题（组织部：召集单位的全部；成员单位：本单位提请的）', querystring: ConvenerQuery, response: { 200: ProposalList, 400: ErrorBody } },
  }, async (req) => proposals.listProposals(deps, requireActor(req), req.query.convenerId));

  app.post('/api/meetings/proposals', {
    config: { permission: 'meeting:member' },
    schema: {
      tags, summary: '成员单位从本单位报送的记录提请议题',
      description: '不填召集单位时按记录对象所在单位的干部管理权限确定；召集单位筹备中的会议过了提请截止日后不再接受。',
      body: ProposalBody, response: { 200: ProposalView, 400: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => proposals.propose(deps, requireActor(req), req.body));

  app.get('/api/meetings/:id', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '会议详情（成员单位、议题版本、出席、过程记录）', params: IdParams, response: { 200: MeetingDetail, 404: ErrorBody } },
  }, async (req) => meetings.getMeeting(deps, requireActor(req), req.params.id));

  app.patch('/api/meetings/:id', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '修改会议信息（仅筹备中）', params: IdParams, body: MeetingUpdateBody, response: { 200: MeetingView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => meetings.updateMeeting(deps, requireActor(req), req.params.id, req.body));

  meetingAgendaRoutes(app, deps);
}
