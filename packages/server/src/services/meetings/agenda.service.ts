/**
 * A meeting's agenda while it is prepared (筹备): compile and re-compile (a snapshot each time, kept with what
 * changed), the secretary's removals (kept, with the reason), and the hold (筹备 → 已召开: the agenda is frozen
 * and the proposals it took belong to the meeting). Reading the subjects with each one's conclusion and 督办事项.
 */
import {
  MEETING_STATUS_NAMES, diffAgenda, subjectKey,
  type MeetingCompileView, type MeetingHoldBody, type MeetingSubjectList,
  type MeetingSubjectListQuery, type MeetingSubjectView, type MeetingView,
} from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/meetings.repository.ts';
import * as subjects from '../../repositories/meetings/subjects.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { reevaluate } from '../supervision/evaluate.ts';
import { compileFor, displayName, namesOf } from './compile.ts';
import type { MeetingsDeps } from '../meetings.service.ts';
import { loadConclusionKinds, meetingView, subjectById, subjectView } from './views.ts';

const NOT_PLANNED = (m: repo.MeetingRow, what: string) =>
  new ServiceError('conflict', `会议已${MEETING_STATUS_NAMES[m.status]}，议题已冻结，不能${what}`, 'meeting_not_planned');

/** The meeting in scope, locked, or 404. */
export async function meetingForUpdate(tx: Tx, id: string, actor: Actor): Promise<repo.MeetingRow> {
  const m = await repo.findMeeting(tx, id, actor.scope, true);
  if (!m) throw notFound('会议');
  return m;
}

/**
 * Compiles the meeting's agenda as version `agenda_version + 1` for [since, today] and stores it: new subjects,
 * content replaced where it changed, subjects no longer qualifying marked dropped (kept), a meeting_compile row
 * with the counts and names, and the 'compile' event. In the caller's transaction.
 */
export async function compileMeeting(tx: Tx, deps: MeetingsDeps, actor: Actor, m: repo.MeetingRow, since: string, at: Date): Promise<MeetingCompileView> {
  const version = m.agenda_version + 1;
  const until = todayOf(deps.clock);
  const { subjects: next } = await compileFor(tx, m.convener_id, since, until, m.proposal_cutoff);
  const stored = await subjects.storedSubjects(tx, m.id);
  const d = diffAgenda(stored.map((s) => ({
    id: s.id, key: subjectKey(s.subject_type, (s.cadre_id ?? s.team_id)!), reasons: s.reasons, content: s.content,
    droppedVersion: s.dropped_version, removed: s.removed_at !== null,
  })), next);
  await subjects.insertSubjects(tx, m.id, version, d.insert.map((s) => s as (typeof next)[number]));
  for (const x of [...d.requalified, ...d.changed]) await subjects.replaceContent(tx, x.id, version, x.next);
  await subjects.markDropped(tx, d.dropped.map((s) => s.id), version);
  const nameByKey = new Map(next.map((s) => [s.key, s.name]));
  const gone = await namesOf(tx, d.droppedKeys);
  const diff = {
    added: d.addedKeys.map((k) => nameByKey.get(k) ?? k),
    changed: d.changedKeys.map((k) => nameByKey.get(k) ?? k),
    dropped: d.droppedKeys.map((k) => displayName(k.startsWith('cadre:') ? 'cadre' : 'team', gone.get(k))),
  };
  const count = await subjects.countCurrent(tx, m.id);
  await repo.insertCompile(tx, {
    meetingId: m.id, version, since, until, subjects: count, added: diff.added.length, dropped: diff.dropped.length, changed: diff.changed.length,
    diff, byId: actor.userId, byLogin: actor.login, at,
  });
  await repo.setCompiled(tx, m.id, version, since, until);
  await repo.insertEvent(tx, {
    meetingId: m.id, action: 'compile', fromStatus: m.status, toStatus: m.status,
    note: `第${version}版议题：${count}个（新增${diff.added.length}，移出${diff.dropped.length}，变化${diff.changed.length}）`,
    byId: actor.userId, byLogin: actor.login, at,
  });
  return {
    version, since, until, subjects: count, added: diff.added.length, dropped: diff.dropped.length, changed: diff.changed.length,
    diff, byLogin: actor.login, at: at.toISOString(),
  };
}

/** POST /api/meetings/:id/compile: re-compile while 筹备. */
export async function recompile(deps: MeetingsDeps, actor: Actor, id: string): Promise<MeetingCompileView> {
  return deps.db.tx(async (tx) => {
    const m = await meetingForUpdate(tx, id, actor);
    if (m.status !== 'planned') throw NOT_PLANNED(m, '重新生成议题');
    const view = await compileMeeting(tx, deps, actor, m, m.since ?? m.held_on, deps.clock.now());
    await recordAudit(tx, actor, { action: 'meeting.compile', objectType: 'meeting', objectId: id, details: { version: view.version, subjects: view.subjects, added: view.added, dropped: view.dropped, changed: view.changed } }, deps.clock);
    return view;
  });
}

/** POST /api/meetings/:id/hold: 筹备 → 已召开; the agenda is frozen, its proposals taken, the convener's cadence re-evaluated. */
export async function holdMeeting(deps: MeetingsDeps, actor: Actor, id: string, body: MeetingHoldBody): Promise<MeetingView> {
  return deps.db.tx(async (tx) => {
    const m = await meetingForUpdate(tx, id, actor);
    if (m.status !== 'planned') throw new ServiceError('conflict', `会议已${MEETING_STATUS_NAMES[m.status]}，不能再次召开`, 'meeting_not_planned');
    const heldOn = body.heldOn ?? m.held_on;
    if (heldOn > todayOf(deps.clock)) {
      throw new ServiceError('invalid', '会议尚未到召开日期，不能登记为已召开', 'invalid', [{ path: 'heldOn', message: '召开日期不能晚于今天' }]);
    }
    if (m.since && heldOn < m.since) {
      throw new ServiceError('invalid', `召开日期不能早于议题期间的起始日（${m.since}）`, 'invalid', [{ path: 'heldOn', message: '召开日期早于议题期间' }]);
    }
    const at = deps.clock.now();
    await repo.setHeld(tx, id, heldOn);
    const taken = await subjects.takeProposals(tx, id, m.convener_id);
    await repo.insertEvent(tx, { meetingId: id, action: 'hold', fromStatus: 'planned', toStatus: 'held', note: `${heldOn}召开`, byId: actor.userId, byLogin: actor.login, at });
    await recordAudit(tx, actor, { action: 'meeting.hold', objectType: 'meeting', objectId: id, details: { heldOn, proposalsTaken: taken, agendaVersion: m.agenda_version } }, deps.clock);
    await reevaluate(tx, deps.clock, { convenerIds: [m.convener_id] }, actor.login);
    return meetingView((await repo.findMeeting(tx, id, actor.scope))!);
  });
}

/** GET /api/meetings/:id/subjects: the agenda as a reader of the meeting sees it (audited: it carries ledger summaries). */
export async function listSubjects(deps: MeetingsDeps, actor: Actor, id: string, q: MeetingSubjectListQuery): Promise<MeetingSubjectList> {
  return deps.db.tx(async (tx) => {
    const m = await repo.findMeeting(tx, id, actor.scope);
    if (!m) throw notFound('会议');
    const list = await subjects.listSubjects(tx, id, { all: q.removed === 'true', q: q.q, today: todayOf(deps.clock) });
    const kinds = await loadConclusionKinds(tx);
    await recordAudit(tx, actor, { action: 'meeting.subjects', objectType: 'meeting', objectId: id, details: { returned: list.length, removed: q.removed === 'true' } }, deps.clock);
    return { items: list.map((r) => subjectView(r, kinds)), total: list.length };
  });
}

/** POST …/subjects/:sid/remove and …/restore (筹备 only): removed subjects stay, with the reason. */
export async function setSubjectRemoved(deps: MeetingsDeps, actor: Actor, id: string, sid: string, reason: string | null): Promise<MeetingSubjectView> {
  return deps.db.tx(async (tx) => {
    const m = await meetingForUpdate(tx, id, actor);
    const [s] = await subjects.listSubjects(tx, id, { all: true, id: sid, today: todayOf(deps.clock) });
    if (!s) throw notFound('议题');
    if (m.status !== 'planned') throw NOT_PLANNED(m, reason ? '移出议题' : '恢复议题');
    if (reason && s.removed_at) throw new ServiceError('conflict', '该议题已移出', 'already_removed');
    if (!reason && !s.removed_at) throw new ServiceError('conflict', '该议题未被移出，无需恢复', 'not_removed');
    await subjects.setRemoved(tx, sid, reason ? { reason, byId: actor.userId, byLogin: actor.login, at: deps.clock.now() } : null);
    await recordAudit(tx, actor, {
      action: reason ? 'meeting.subject.remove' : 'meeting.subject.restore', objectType: 'meeting', objectId: id,
      reason, details: { subjectId: sid, subject: s.cadre_name ?? s.team_name },
    }, deps.clock);
    return subjectById(tx, id, sid, todayOf(deps.clock));
  });
}
