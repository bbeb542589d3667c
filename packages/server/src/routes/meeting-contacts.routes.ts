import { z } from 'zod';
import { ErrorBody, MeetingContactCandidate, Uuid } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { contactCandidates } from '../services/meetings/contacts.service.ts';

const CandidateQuery = z.object({
  convenerId: Uuid,
  departmentCode: z.string().min(1).max(20),
  q: z.string().trim().max(40, '关键词不超过40字').optional(),
});

/** 成员单位联络人 candidates (the web's searchable multi-select on the 成员单位 tab). */
export function meetingContactsRoutes(app: App, deps: AppDeps): void {
  app.get('/api/meetings/members/candidates', {
    config: { permission: 'meeting:write' },
    schema: {
      tags: ['联席会议'], summary: '可作为成员单位联络人的账号（该单位在用的成员单位账号，管理范围包含召集单位）',
      querystring: CandidateQuery, response: { 200: z.array(MeetingContactCandidate), 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => contactCandidates(deps, requireActor(req), req.query));
}
