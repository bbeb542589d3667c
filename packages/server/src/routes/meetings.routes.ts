import { z } from 'zod';
import { ConvenerView, ErrorBody, MeetingCreateBody, MeetingView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as meetings from '../services/meetings.service.ts';

/** 干部监督联席会议 held (what the half-yearly obligation reads). */
export function meetingsRoutes(app: App, deps: AppDeps): void {
  const tags = ['联席会议'];
  app.get('/api/meetings', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '已召开的联席会议', response: { 200: z.array(MeetingView) } },
  }, async (req) => meetings.listMeetings(deps, requireActor(req)));

  app.get('/api/meetings/conveners', {
    config: { permission: 'meeting:read' },
    schema: { tags, summary: '可召集联席会议的组织部（管辖范围内）', response: { 200: z.array(ConvenerView) } },
  }, async (req) => meetings.listConveners(deps, requireActor(req)));

  app.post('/api/meetings', {
    config: { permission: 'meeting:write' },
    schema: { tags, summary: '登记一次联席会议', body: MeetingCreateBody, response: { 200: MeetingView, 400: ErrorBody } },
  }, async (req) => meetings.createMeeting(deps, requireActor(req), req.body));
}
