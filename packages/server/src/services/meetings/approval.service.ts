/**
 * 签批 (issue 13 point 7): a leader signs off the minutes of a 已召开 meeting once every subject on the agenda
 * has a conclusion; the minutes are then final (纪要已定稿) and the conclusions locked. A final meeting whose
 * 督办事项 are all 销号 (or that has none) is 已闭环.
 */
import type { MeetingApproveBody, MeetingView } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { notify } from '../../repositories/notifications.repository.ts';
import * as repo from '../../repositories/meetings/conclusions.repository.ts';
import * as meetings from '../../repositories/meetings.repository.ts';
import type { Actor, Clock } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import { meetingForUpdate } from './agenda.service.ts';
import { meetingView } from './views.ts';
import type { DecisionDeps } from './conclusions.service.ts';

/** 纪要已定稿 → 已闭环 when no 督办事项 is left open; returns whether it closed. */
export async function closeIfDone(tx: Tx, clock: Clock, actor: Actor, meetingId: string): Promise<boolean> {
  const m = await meetings.findMeeting(tx, meetingId, null, true);
  if (!m || m.status !== 'minutes_final') return false;
  if ((await repo.unclosedTasks(tx, meetingId)) > 0) return false;
  const at = clock.now();
  await repo.setMeetingStatus(tx, meetingId, 'closed');
  await meetings.insertEvent(tx, {
    meetingId, action: 'close', fromStatus: 'minutes_final', toStatus: 'closed', note: '督办事项全部销号', byId: actor.userId, byLogin: actor.login, at,
  });
  await recordAudit(tx, actor, { action: 'meeting.close', objectType: 'meeting', objectId: meetingId, details: { title: m.title } }, clock);
  return true;
}

export async function approveMeeting(deps: DecisionDeps, actor: Actor, meetingId: string, body: MeetingApproveBody): Promise<MeetingView> {
  return deps.db.tx(async (tx) => {
    const m = await meetingForUpdate(tx, meetingId, actor);
    if (m.status === 'minutes_final' || m.status === 'closed') throw new ServiceError('conflict', '该会议纪要已签批', 'approved');
    if (m.status !== 'held') throw new ServiceError('conflict', '会议尚未召开，不能签批纪要', 'not_held');
    const agenda = await repo.agendaConclusions(tx, meetingId);
    const missing = agenda.map((s, i) => ({ ...s, n: i + 1 })).filter((s) => !s.has_conclusion);
    if (missing.length) {
      const named = missing.slice(0, 3).map((s) => `第${s.n}个议题（${s.name}）`).join('、');
      throw new ServiceError('conflict', `${named}${missing.length > 3 ? `等${missing.length}个议题` : ''}尚无研判结论，不能签批`, 'missing_conclusion',
        missing.map((s) => ({ path: `subjects.${s.id}`, message: `第${s.n}个议题（${s.name}）尚无研判结论` })));
    }
    const at = deps.clock.now();
    const note = body.note?.trim() || null;
    await repo.setApproved(tx, meetingId, { id: actor.userId, login: actor.login }, note, at);
    await meetings.insertEvent(tx, { meetingId, action: 'approve', fromStatus: 'held', toStatus: 'minutes_final', note, byId: actor.userId, byLogin: actor.login, at });
    await recordAudit(tx, actor, { action: 'meeting.approve', objectType: 'meeting', objectId: meetingId, details: { title: m.title, subjects: agenda.length, note } }, deps.clock);
    if (m.created_by && m.created_by !== actor.userId) {
      await notify(tx, [{
        userId: m.created_by, kind: 'decision', title: `联席会议纪要已签批：${m.title}${note ? `（${note}）` : ''}`, link: `/meetings/${meetingId}`, dedupe: `meeting-approve:${meetingId}`,
      }], at);
    }
    await closeIfDone(tx, deps.clock, actor, meetingId);
    return meetingView((await meetings.findMeeting(tx, meetingId, null))!);
  });
}
