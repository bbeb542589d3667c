/**
 * 成员单位提请议题 (issue 13 point 2): a member department proposes a subject for a convener's agenda from one
 * of its own submissions, with a note, until the proposal cutoff of the convener's meeting in 筹备. The
 * secretary lists the convener's proposals; a member department lists its own.
 */
import type { ProposalBody, ProposalList, ProposalView } from '@jiandu/domain';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { convenerOf } from '../../repositories/followups.repository.ts';
import * as repo from '../../repositories/meetings/proposals.repository.ts';
import { listConveners } from '../../repositories/meetings.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import type { MeetingsDeps } from '../meetings.service.ts';
import { convenerInScope } from './members.service.ts';

const invalid = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

function view(r: repo.ProposalRow): ProposalView {
  return {
    id: r.id, convenerId: r.convener_id, convenerName: r.convener_name, subjectType: r.subject_type, cadreId: r.cadre_id, cadreName: r.cadre_name,
    teamId: r.team_id, teamName: r.team_name, orgId: r.org_id, orgName: r.org_name, departmentCode: r.department_code, entryId: r.entry_id,
    reason: r.reason, meetingId: r.meeting_id, addedByLogin: r.added_by_login, addedAt: new Date(r.added_at).toISOString(),
  };
}

/** POST /api/meetings/proposals (meeting:member). */
export async function propose(deps: MeetingsDeps, actor: Actor, body: ProposalBody): Promise<ProposalView> {
  const dept = actor.departmentCode;
  if (!dept) throw new ServiceError('forbidden', '只有成员单位账号可以提请议题', 'no_department');
  return deps.db.tx(async (tx) => {
    const e = await repo.ownSubmission(tx, body.entryId, dept, actor.scope);
    if (!e) throw invalid('entryId', '只能从本单位报送的台账记录中提请议题：未找到本单位报送的该条记录');
    if (e.status === 'withdrawn' || e.status === 'returned') throw invalid('entryId', `该记录已${e.status === 'withdrawn' ? '撤销' : '退回'}，不能据此提请议题`);
    let convener: { id: string; name: string } | null;
    if (body.convenerId) {
      convener = (await listConveners(tx, actor.scope)).find((c) => c.id === body.convenerId) ?? null;
      if (!convener) throw invalid('convenerId', '召集单位应为您管辖范围内召集联席会议的组织部');
    } else {
      convener = await convenerOf(tx, e.subject_org_id);
      if (!convener) throw invalid('convenerId', '未找到该记录对象所在单位的联席会议召集单位（未设置干部管理权限所在的组织部），请选择召集单位');
    }
    const planned = await repo.plannedMeeting(tx, convener.id);
    const today = todayOf(deps.clock);
    if (planned?.proposal_cutoff && today > planned.proposal_cutoff) {
      throw new ServiceError('conflict', `${convener.name}的“${planned.title}”提请议题已于${planned.proposal_cutoff}截止，请在下次会议筹备时再提请`, 'proposal_closed');
    }
    if (await repo.openProposalOfEntry(tx, convener.id, e.entry_id)) throw new ServiceError('conflict', '该记录已提请，尚未上会，不必重复提请', 'already_proposed');
    const id = await repo.insertProposal(tx, {
      convenerId: convener.id, subjectType: e.cadre_id ? 'cadre' : 'team', cadreId: e.cadre_id, teamId: e.cadre_id ? null : e.team_id,
      orgId: e.subject_org_id, reason: body.note, departmentCode: dept, entryId: e.entry_id, addedBy: actor.userId, addedByLogin: actor.login, at: deps.clock.now(),
    });
    await recordAudit(tx, actor, {
      action: 'meeting.propose', objectType: 'entry', objectId: e.entry_id,
      details: { proposalId: id, convenerId: convener.id, departmentCode: dept, plannedMeetingId: planned?.id ?? null },
    }, deps.clock);
    const [r] = await repo.listProposals(tx, { id }, null);
    return view(r!);
  });
}

/** GET /api/meetings/proposals: the convener's (meeting:read), or the department's own (meeting:member). */
export async function listProposals(deps: MeetingsDeps, actor: Actor, convenerId: string | undefined): Promise<ProposalList> {
  return deps.db.tx(async (tx) => {
    let items: repo.ProposalRow[];
    if (actor.permissions.has('meeting:read')) {
      const c = await convenerInScope(tx, actor, convenerId);
      items = await repo.listProposals(tx, { convenerId: c.id }, actor.scope);
    } else {
      if (!actor.departmentCode) return { items: [], total: 0 };
      items = await repo.listProposals(tx, { convenerId, departmentCode: actor.departmentCode }, actor.scope);
    }
    return { items: items.map(view), total: items.length };
  });
}
