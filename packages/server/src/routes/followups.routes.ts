import { z } from 'zod';
import { AgendaList, ErrorBody, IdParams, WarningFollowupBody, WarningFollowupView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as followups from '../services/supervision/followups.service.ts';

/** A warning's 处置 follow-ups (谈话提醒 / 函询 / 诫勉 / 转联席会议 / 其他) and the 联席会议's 待上会议题. */
export function followupsRoutes(app: App, deps: AppDeps): void {
  app.get('/api/warnings/:id/followups', {
    config: { permission: 'warning:read' },
    schema: {
      tags: ['预警与待办'], summary: '预警已采取的处置措施（新的在前）', params: IdParams,
      response: { 200: z.array(WarningFollowupView), 404: ErrorBody },
    },
  }, async (req) => followups.listFollowups(deps, requireActor(req), req.params.id));

  app.post('/api/warnings/:id/followups', {
    config: { permission: 'warning:handle' },
    schema: {
      tags: ['预警与待办'], summary: '处置预警：谈话提醒 / 函询 / 诫勉 / 转联席会议 / 其他',
      description: '记录所采取的措施并将预警标为已处置。谈话提醒产生谈话待办；函询、诫勉须先登记约谈诫勉记录（方式为函询或诫勉）并以 entryId 关联；'
        + '转联席会议将对象列入其所在地区召集单位的待上会议题。记入审计日志与预警的处置经过。',
      params: IdParams, body: WarningFollowupBody, response: { 200: WarningFollowupView, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => followups.recordFollowup(deps, requireActor(req), req.params.id, req.body));

  app.get('/api/meetings/agenda', {
    config: { permission: 'meeting:read' },
    schema: { tags: ['联席会议'], summary: '待上会议题（转联席会议、尚未上会的对象，管辖范围内）', response: { 200: AgendaList } },
  }, async (req) => followups.openAgenda(deps, requireActor(req)));
}
