/**
 * 会商研判 (issue 13 point 3): a subject's conclusion, recorded while the meeting is 已召开 (append-only, the
 * latest counts); a conclusion that asks for action raises (or changes, or cancels) the subject's 督办事项 in
 * the same transaction, and the subject is re-evaluated (its 督办事项 is a 待办). Attendance snapshots. The
 * settable conclusion dictionary.
 */
import {
  ConclusionKindView, ENTRY_KINDS, MEETING_CONCLUSIONS_KEY, addDays,
  type AttendanceBody, type ConclusionBody, type ConclusionKindDef, type MeetingDetail, type MeetingSubjectView,
} from '@jiandu/domain';
import type { Database, Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { notify } from '../../repositories/notifications.repository.ts';
import { writeSetting } from '../../repositories/settings.repository.ts';
import { listDepartments } from '../../repositories/users.repository.ts';
import * as repo from '../../repositories/meetings/conclusions.repository.ts';
import * as meetings from '../../repositories/meetings.repository.ts';
import { membersOf } from '../../repositories/meetings/members.repository.ts';
import { todayOf, type Actor, type Clock } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { reevaluate } from '../supervision/evaluate.ts';
import { meetingForUpdate } from './agenda.service.ts';
import { conclusionName, loadConclusionKinds, meetingDetailOf, subjectById } from './views.ts';

export interface DecisionDeps { db: Database; clock: Clock }

const invalid = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

/** The meeting (in scope, locked) if it is 已召开: before, nothing was decided; after 签批, nothing may change. */
export async function heldMeeting(tx: Tx, actor: Actor, meetingId: string): Promise<meetings.MeetingRow> {
  const m = await meetingForUpdate(tx, meetingId, actor);
  if (m.status === 'minutes_final' || m.status === 'closed') throw new ServiceError('conflict', '纪要已定稿，研判结论不能再修改', 'minutes_final');
  if (m.status !== 'held') throw new ServiceError('conflict', '会议尚未召开，召开后才能记录会商研判情况', 'not_held');
  return m;
}

/** Re-evaluates the subject of a 督办事项 (its 待办 and 义务逾期) in the caller's transaction. */
export function reevaluateSubject(tx: Tx, clock: Clock, s: { subject_type: 'cadre' | 'team'; cadre_id: string | null; team_id: string | null }, login: string | null) {
  return reevaluate(tx, clock, s.subject_type === 'cadre' ? { cadreIds: [s.cadre_id] } : { teamIds: [s.team_id] }, login);
}

/** Tells the department's contacts about a 督办事项 given (or given back) to it. */
export async function notifyDepartment(
  tx: Tx, m: { convener_id: string; title: string }, task: { id: string; department_code: string }, orgPath: string, what: string, dedupe: string, at: Date,
): Promise<void> {
  const users = await repo.departmentContacts(tx, m.convener_id, task.department_code, orgPath);
  await notify(tx, users.map((userId) => ({
    userId, kind: 'assigned' as const, title: `${what}（${m.title}）`, link: `/meeting-tasks/${task.id}`, dedupe: `${dedupe}:${task.id}`,
  })), at);
}

export async function setConclusion(deps: DecisionDeps, actor: Actor, meetingId: string, subjectId: string, body: ConclusionBody): Promise<MeetingSubjectView> {
  return deps.db.tx(async (tx) => {
    const m = await heldMeeting(tx, actor, meetingId);
    const s = await repo.subjectOf(tx, meetingId, subjectId);
    if (!s) throw notFound('议题');
    if (s.removed_at || s.dropped_version !== null) throw new ServiceError('conflict', `议题“${s.name}”已移出议程，不能记录研判结论`, 'removed');
    const kinds = await loadConclusionKinds(tx);
    const kind = kinds.find((k) => k.code === body.conclusion);
    if (!kind) throw invalid('conclusion', `研判结论“${body.conclusion}”不在研判结论字典中`);
    const departments = new Map((await membersOf(tx, m.convener_id)).filter((d) => d.active !== false).map((d) => [d.code, d.name]));
    let department = body.departmentCode ?? null;
    let deadline = body.deadline ?? null;
    if (department !== null && !departments.has(department)) throw invalid('departmentCode', `责任单位“${department}”不是本组织部联席会议的成员单位`);
    if (kind.action) {
      department ??= kind.department ?? null;
      if (!department || !departments.has(department)) throw invalid('departmentCode', `“${kind.name}”需要督办，请选择责任单位`);
      deadline ??= addDays(m.held_on, kind.days ?? 30);
      if (deadline < m.held_on) throw invalid('deadline', `办理期限不能早于会议日期（${m.held_on}）`);
    } else {
      deadline = null;
    }
    const at = deps.clock.now();
    const note = body.note?.trim() || null;
    const conclusionId = await repo.insertConclusion(tx, {
      meetingId, subjectId, conclusion: kind.code, departmentCode: department, deadline, note, byId: actor.userId, byLogin: actor.login, at,
    });
    const task = await repo.activeTaskOfSubject(tx, subjectId);
    const by = { byId: actor.userId, byLogin: actor.login, at };
    let taskAction: string | null = null;
    if (kind.action && department && deadline) {
      if (!task) {
        const id = await repo.insertTask(tx, {
          meetingId, subjectId, conclusionId, subjectType: s.subject_type, cadreId: s.cadre_id, teamId: s.team_id, orgId: s.org_id,
          conclusion: kind.code, departmentCode: department, deadline, at,
        });
        await repo.insertTaskEvent(tx, { taskId: id, action: 'create', note: `${kind.name}：${s.name}，${deadline}前办结${note ? `（${note}）` : ''}`, entryId: null, departmentCode: department, ...by });
        await notifyDepartment(tx, m, { id, department_code: department }, s.org_path, `联席会议交办督办事项：${s.name} ${kind.name}，${deadline}前办结`, 'meeting-task-create', at);
        taskAction = 'create';
      } else {
        if (task.status === 'closed') throw new ServiceError('conflict', `议题“${s.name}”的督办事项已销号，不能再变更研判结论`, 'task_closed');
        const moved = task.department_code !== department;
        await repo.updateTask(tx, task.id, { conclusionId, conclusion: kind.code, departmentCode: department, deadline, ...(moved ? { status: 'open', entryId: null, answeredOn: null } : {}) }, at);
        await repo.insertTaskEvent(tx, { taskId: task.id, action: 'update', note: `变更为${kind.name}，责任单位${departments.get(department)}，${deadline}前办结${note ? `（${note}）` : ''}`, entryId: null, departmentCode: department, ...by });
        if (moved) await notifyDepartment(tx, m, { id: task.id, department_code: department }, s.org_path, `联席会议交办督办事项：${s.name} ${kind.name}，${deadline}前办结`, `meeting-task-create:${conclusionId}`, at);
        taskAction = 'update';
      }
    } else if (task) {
      if (task.status === 'closed') throw new ServiceError('conflict', `议题“${s.name}”的督办事项已销号，不能再变更研判结论`, 'task_closed');
      await repo.updateTask(tx, task.id, { status: 'cancelled' }, at);
      await repo.insertTaskEvent(tx, { taskId: task.id, action: 'cancel', note: `研判结论改为${kind.name}，不再督办`, entryId: null, departmentCode: task.department_code, ...by });
      taskAction = 'cancel';
    }
    await recordAudit(tx, actor, {
      action: 'meeting.conclusion', objectType: 'meeting', objectId: meetingId,
      details: { subjectId, subject: s.name, conclusion: kind.code, departmentCode: department, deadline, task: taskAction },
    }, deps.clock);
    if (taskAction) await reevaluateSubject(tx, deps.clock, s, actor.login);
    return subjectById(tx, meetingId, subjectId, todayOf(deps.clock));
  });
}

export async function setAttendance(deps: DecisionDeps, actor: Actor, meetingId: string, body: AttendanceBody): Promise<MeetingDetail> {
  return deps.db.tx(async (tx) => {
    const m = await meetingForUpdate(tx, meetingId, actor);
    if (m.status !== 'held') {
      throw new ServiceError('conflict', m.status === 'planned' ? '会议尚未召开，召开后才能记录出席情况' : '纪要已定稿，出席情况不能再修改', 'status');
    }
    const members = new Map((await membersOf(tx, m.convener_id)).filter((d) => d.active !== false).map((d) => [d.code, d.name]));
    const seen = new Set<string>();
    const issues: Array<{ path: string; message: string }> = [];
    body.rows.forEach((r, i) => {
      if (!members.has(r.departmentCode)) issues.push({ path: `rows.${i}.departmentCode`, message: `“${r.departmentCode}”不是本组织部联席会议的成员单位` });
      else if (seen.has(r.departmentCode)) issues.push({ path: `rows.${i}.departmentCode`, message: `${members.get(r.departmentCode)}重复填写` });
      seen.add(r.departmentCode);
      if (!r.present && !r.absenceReason?.trim()) issues.push({ path: `rows.${i}.absenceReason`, message: `请填写${members.get(r.departmentCode) ?? r.departmentCode}缺席的原因` });
      if (r.present && r.persons.length === 0) issues.push({ path: `rows.${i}.persons`, message: `请填写${members.get(r.departmentCode) ?? r.departmentCode}的出席人员` });
    });
    if (issues.length) throw new ServiceError('invalid', `出席情况有误：${issues.map((x) => x.message).join('；')}`, 'invalid', issues);
    const list = body.rows.map((r) => ({ departmentCode: r.departmentCode, persons: r.persons, present: r.present, absenceReason: r.present ? null : r.absenceReason!.trim() }));
    const at = deps.clock.now();
    await repo.insertAttendance(tx, meetingId, list, actor.userId, actor.login, at);
    const present = list.filter((r) => r.present).length;
    await meetings.insertEvent(tx, { meetingId, action: 'attendance', fromStatus: null, toStatus: null, note: `出席${present}个单位，缺席${list.length - present}个单位`, byId: actor.userId, byLogin: actor.login, at });
    await recordAudit(tx, actor, { action: 'meeting.attendance', objectType: 'meeting', objectId: meetingId, details: { present, absent: list.length - present } }, deps.clock);
    return meetingDetailOf(tx, (await meetings.findMeeting(tx, meetingId, actor.scope))!);
  });
}

export async function getConclusionKinds(deps: DecisionDeps): Promise<ConclusionKindView[]> {
  return deps.db.tx(async (tx) => (await loadConclusionKinds(tx)).map(kindView));
}

const kindView = (k: ConclusionKindDef): ConclusionKindView => ({
  code: k.code, name: k.name, action: k.action, ...(k.department ? { department: k.department } : {}), ...(k.days ? { days: k.days } : {}),
  kinds: [...k.kinds], ...(k.forms ? { forms: [...k.forms] } : {}),
});

export async function putConclusionKinds(deps: DecisionDeps, actor: Actor, body: ConclusionKindView[]): Promise<ConclusionKindView[]> {
  const issues: Array<{ path: string; message: string }> = [];
  if (!body.length) issues.push({ path: '', message: '研判结论字典不能为空' });
  const codes = new Set<string>();
  const names = new Set<string>();
  const entryKinds = new Set(ENTRY_KINDS.map((k) => k.code));
  body.forEach((k, i) => {
    if (codes.has(k.code)) issues.push({ path: `${i}.code`, message: `编码“${k.code}”重复` });
    if (names.has(k.name)) issues.push({ path: `${i}.name`, message: `名称“${k.name}”重复` });
    codes.add(k.code);
    names.add(k.name);
    for (const x of k.kinds) if (!entryKinds.has(x)) issues.push({ path: `${i}.kinds`, message: `“${k.name}”的台账类别“${x}”不存在` });
  });
  await deps.db.tx(async (tx) => {
    const departments = new Set((await listDepartments(tx)).map((d) => d.code));
    body.forEach((k, i) => {
      if (k.department && !departments.has(k.department)) issues.push({ path: `${i}.department`, message: `“${k.name}”的默认责任单位“${k.department}”不存在` });
    });
    const used = (await repo.usedConclusionCodes(tx)).filter((c) => !codes.has(c));
    const before = await loadConclusionKinds(tx);
    for (const c of used) issues.push({ path: '', message: `研判结论“${conclusionName(before, c)}”已有会议使用，不能删除（可以改名）` });
    if (issues.length) throw new ServiceError('invalid', `研判结论字典有误：${issues.map((x) => x.message).join('；')}`, 'invalid', issues);
    await writeSetting(tx, MEETING_CONCLUSIONS_KEY, body, actor.userId, deps.clock.now());
    await recordAudit(tx, actor, {
      action: 'settings.meeting-conclusions', objectType: 'setting', objectId: null,
      details: { before: JSON.stringify(before.map((k) => k.code)), after: JSON.stringify(body.map((k) => k.code)) },
    }, deps.clock);
  });
  return body.map((k) => kindView(k));
}
