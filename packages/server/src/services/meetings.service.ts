/** 干部监督联席会议 held: the records the half-yearly obligation reads (the meeting module grows from here). */
import { MEETING_STATUS_NAMES, type ConvenerView, type MeetingCreateBody, type MeetingView } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/meetings.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { reevaluate } from './supervision/evaluate.ts';

export interface MeetingsDeps {
  db: Database;
  clock: Clock;
}

/** The 组织部 in the actor's scope that convene meetings (every org that some leadership is managed by). */
export async function listConveners(deps: MeetingsDeps, actor: Actor): Promise<ConvenerView[]> {
  return deps.db.tx((tx) => repo.listConveners(tx, actor.scope));
}

export async function listMeetings(deps: MeetingsDeps, actor: Actor): Promise<MeetingView[]> {
  const r = await deps.db.tx((tx) => repo.listMeetings(tx, actor.scope));
  return r.map(meetingView);
}

export function meetingView(m: repo.MeetingRow): MeetingView {
  return {
    id: m.id, convenerId: m.convener_id, convenerName: m.convener_name, heldOn: m.held_on, title: m.title,
    location: m.location, status: m.status, statusName: MEETING_STATUS_NAMES[m.status], since: m.since, until: m.until,
    proposalCutoff: m.proposal_cutoff, agendaVersion: m.agenda_version, subjects: m.subjects, tasks: m.tasks,
    tasksOpen: m.tasks_open, tasksOverdue: m.tasks_overdue, approvedByLogin: m.approved_by_login,
    approvedAt: m.approved_at ? new Date(m.approved_at).toISOString() : null,
    createdByLogin: m.created_by_login, createdAt: new Date(m.created_at).toISOString(),
  };
}

export async function createMeeting(deps: MeetingsDeps, actor: Actor, body: MeetingCreateBody): Promise<MeetingView> {
  const convener = (await listConveners(deps, actor)).find((c) => c.id === body.convenerId);
  if (!convener) {
    throw new ServiceError('invalid', '召集单位应为您管辖范围内的组织部', 'invalid', [{ path: 'convenerId', message: '请选择召集的组织部' }]);
  }
  const at = deps.clock.now();
  const id = await deps.db.tx(async (tx) => {
    const newId = await repo.insertMeeting(tx, {
      convenerId: body.convenerId, heldOn: body.heldOn, title: body.title, createdBy: actor.userId, createdByLogin: actor.login, createdAt: at,
    });
    await recordAudit(tx, actor, { action: 'meeting.create', objectType: 'meeting', objectId: newId, details: { convenerId: body.convenerId, heldOn: body.heldOn } }, deps.clock);
    await reevaluate(tx, deps.clock, { convenerIds: [body.convenerId] }, actor.login);
    return newId;
  });
  return {
    id, convenerId: convener.id, convenerName: convener.name, heldOn: body.heldOn, title: body.title,
    location: null, status: 'held', statusName: MEETING_STATUS_NAMES.held, since: null, until: null, proposalCutoff: null,
    agendaVersion: 0, subjects: 0, tasks: 0, tasksOpen: 0, tasksOverdue: 0, approvedByLogin: null, approvedAt: null,
    createdByLogin: actor.login, createdAt: at.toISOString(),
  };
}
