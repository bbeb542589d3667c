/**
 * 干部监督联席会议: the meetings, listed and read, created (筹备, its agenda compiled as version 1 in the same
 * transaction) and changed while 筹备. The agenda itself: meetings/agenda.service.ts.
 */
import {
  MEETING_STATUS_NAMES,
  type ConvenerView, type MeetingCreateBody, type MeetingDetail, type MeetingList, type MeetingListQuery,
  type MeetingUpdateBody, type MeetingView,
} from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/meetings.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError, notFound } from '../errors.ts';
import { compileMeeting, meetingForUpdate } from './meetings/agenda.service.ts';
import { sinceFor } from './meetings/compile.ts';
import { convenerInScope } from './meetings/members.service.ts';
import { meetingDetailOf, meetingView } from './meetings/views.ts';

export interface MeetingsDeps {
  db: Database;
  clock: Clock;
}

/** The 组织部 in the actor's scope that convene meetings (every org that some leadership is managed by). */
export async function listConveners(deps: MeetingsDeps, actor: Actor): Promise<ConvenerView[]> {
  return deps.db.tx((tx) => repo.listConveners(tx, actor.scope));
}

export async function listMeetings(deps: MeetingsDeps, actor: Actor, q: MeetingListQuery = {}): Promise<MeetingList> {
  return deps.db.tx(async (tx) => {
    const items = await repo.listMeetings(tx, actor.scope, q);
    const total = items.length < repo.MEETING_LIST_LIMIT ? items.length : await repo.countMeetings(tx, actor.scope, q);
    return { items: items.map(meetingView), total };
  });
}

const invalid = (path: string, message: string, field: string) => new ServiceError('invalid', message, 'invalid', [{ path, message: field }]);

/** since ≤ heldOn, cutoff ≤ heldOn. */
function checkDates(heldOn: string, since: string | null, cutoff: string | null): void {
  if (since && since > heldOn) throw invalid('since', `议题期间的起始日（${since}）不能晚于会议日期（${heldOn}）`, '起始日晚于会议日期');
  if (cutoff && cutoff > heldOn) throw invalid('proposalCutoff', `提请议题截止日（${cutoff}）不能晚于会议日期（${heldOn}）`, '截止日晚于会议日期');
}

/**
 * POST /api/meetings: a meeting in 筹备; `since` defaults to the day after the convener's previous meeting held
 * (or the cadence back); the agenda compiled as version 1; events 'create' and 'compile'; audited.
 */
export async function createMeeting(deps: MeetingsDeps, actor: Actor, body: MeetingCreateBody): Promise<MeetingView> {
  return deps.db.tx(async (tx) => {
    const convener = await convenerInScope(tx, actor, body.convenerId);
    const since = body.since ?? await sinceFor(tx, convener.id, body.heldOn);
    checkDates(body.heldOn, since, body.proposalCutoff ?? null);
    const at = deps.clock.now();
    const id = await repo.insertMeeting(tx, {
      convenerId: convener.id, heldOn: body.heldOn, title: body.title, location: body.location ?? null, since,
      proposalCutoff: body.proposalCutoff ?? null, createdBy: actor.userId, createdByLogin: actor.login, createdAt: at,
    });
    await repo.insertEvent(tx, { meetingId: id, action: 'create', fromStatus: null, toStatus: 'planned', note: body.title, byId: actor.userId, byLogin: actor.login, at });
    const m = (await repo.findMeeting(tx, id, null, true))!;
    const compiled = await compileMeeting(tx, deps, actor, m, since, new Date(at.getTime() + 1));
    await recordAudit(tx, actor, {
      action: 'meeting.create', objectType: 'meeting', objectId: id,
      details: { convenerId: convener.id, heldOn: body.heldOn, since, until: compiled.until, subjects: compiled.subjects },
    }, deps.clock);
    return meetingView((await repo.findMeeting(tx, id, null))!);
  });
}

/** PATCH /api/meetings/:id (筹备 only): title, day, place, period start, proposal cutoff. The agenda is re-compiled by the secretary. */
export async function updateMeeting(deps: MeetingsDeps, actor: Actor, id: string, body: MeetingUpdateBody): Promise<MeetingView> {
  return deps.db.tx(async (tx) => {
    const m = await meetingForUpdate(tx, id, actor);
    if (m.status !== 'planned') throw new ServiceError('conflict', `会议已${MEETING_STATUS_NAMES[m.status]}，不能再修改会议信息`, 'meeting_not_planned');
    const next = {
      heldOn: body.heldOn ?? m.held_on, title: body.title ?? m.title, location: body.location !== undefined ? body.location || null : m.location,
      since: body.since ?? m.since, proposalCutoff: body.proposalCutoff ?? m.proposal_cutoff,
    };
    checkDates(next.heldOn, next.since, next.proposalCutoff);
    await repo.updateMeeting(tx, id, next);
    const changed = Object.keys(body).filter((k) => body[k as keyof MeetingUpdateBody] !== undefined);
    await repo.insertEvent(tx, { meetingId: id, action: 'update', fromStatus: m.status, toStatus: m.status, note: `修改：${changed.join('、')}`, byId: actor.userId, byLogin: actor.login, at: deps.clock.now() });
    await recordAudit(tx, actor, { action: 'meeting.update', objectType: 'meeting', objectId: id, details: { ...body, previous: JSON.stringify({ heldOn: m.held_on, title: m.title, since: m.since, proposalCutoff: m.proposal_cutoff }) } }, deps.clock);
    return meetingView((await repo.findMeeting(tx, id, actor.scope))!);
  });
}

/** GET /api/meetings/:id: the meeting, its convener's members, its compiles (latest first), attendance and events. */
export async function getMeeting(deps: MeetingsDeps, actor: Actor, id: string): Promise<MeetingDetail> {
  return deps.db.tx(async (tx) => {
    const m = await repo.findMeeting(tx, id, actor.scope);
    if (!m) throw notFound('会议');
    return meetingDetailOf(tx, m);
  });
}


