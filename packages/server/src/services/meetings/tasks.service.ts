/**
 * 督办事项 (issue 13 point 4): 办理中 → 已反馈 → 已销号, or 退回 with a reason (the department answers again).
 * The department (its member accounts, in their scope) or a supervisor answers with a note, files and
 * optionally a ledger record about the same subject: a record of a kind (and 方式) the conclusion names links
 * to the task and fulfils it. Every change re-evaluates the subject (its 待办 / 义务逾期) in its transaction.
 */
import crypto from 'node:crypto';
import { ENTRY_KIND, MEETING_TASK_ACTION_NAMES, MEETING_TASK_STATUS_NAMES, type CountResult, type MeetingTaskDetail, type MeetingTaskList, type MeetingTaskView } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { countList } from '../../repositories/lists.ts';
import { findCurrent } from '../../repositories/entries.repository.ts';
import { notify } from '../../repositories/notifications.repository.ts';
import * as repo from '../../repositories/meetings/tasks.repository.ts';
import { insertTaskEvent, updateTask } from '../../repositories/meetings/conclusions.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { checkUpload, openAttachment, type CheckedUpload } from '../attachments.service.ts';
import type { ScanConfig } from '../virus-scan.ts';
import { closeIfDone } from './approval.service.ts';
import { notifyDepartment, reevaluateSubject, type DecisionDeps } from './conclusions.service.ts';
import { conclusionName, loadConclusionKinds } from './views.ts';

export interface TaskDeps extends DecisionDeps { crypto: FieldCrypto; config?: Partial<ScanConfig> }

export const MAX_TASK_FILES = 10;
export const taskAttachmentAad = (id: string) => `meeting-task-attachment:${id}`;

export interface TaskQuery extends repo.TaskFilter { sort?: 'deadline:asc' | 'deadline:desc'; cursor?: string; limit?: number }

/** The reader of tasks: a supervisor (meeting:read) sees all in scope; a member department its own. */
function readerOf(actor: Actor): repo.TaskReader {
  if (actor.permissions.has('meeting:read')) return { scope: actor.scope, department: null };
  if (actor.permissions.has('meeting:member')) {
    if (!actor.departmentCode) throw new ServiceError('forbidden', '该账号未关联成员单位');
    return { scope: actor.scope, department: actor.departmentCode };
  }
  throw new ServiceError('forbidden', '没有查看督办事项的权限');
}

function taskView(r: repo.TaskListRow, kinds: Awaited<ReturnType<typeof loadConclusionKinds>>, today: string): MeetingTaskView {
  return {
    id: r.id, meetingId: r.meeting_id, meetingTitle: r.meeting_title, subjectId: r.subject_id, subjectType: r.subject_type,
    cadreId: r.cadre_id, cadreName: r.cadre_name, teamId: r.team_id, teamName: r.team_name, orgId: r.org_id, orgName: r.org_name,
    conclusion: r.conclusion, conclusionName: conclusionName(kinds, r.conclusion), departmentCode: r.department_code,
    departmentName: r.department_name ?? r.department_code, deadline: r.deadline,
    overdue: (r.status === 'open' || r.status === 'returned') && r.deadline < today,
    status: r.status, statusName: MEETING_TASK_STATUS_NAMES[r.status], entryId: r.entry_id, answeredOn: r.answered_on, closedOn: r.closed_on, note: r.note,
  };
}

export async function listTasks(deps: TaskDeps, actor: Actor, q: TaskQuery): Promise<MeetingTaskList> {
  const reader = readerOf(actor);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const after = decodeCursor<[string, string]>(q.cursor, ['date', 'uuid']);
  const today = todayOf(deps.clock);
  return deps.db.tx(async (tx) => {
    const kinds = await loadConclusionKinds(tx);
    const found = await repo.listTasks(tx, reader, q, today, q.sort === 'deadline:desc', after, limit + 1);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => taskView(r, kinds, today)), nextCursor: found.length > limit && last ? encodeCursor([last.deadline, last.id]) : null };
  });
}

export async function countTasks(deps: TaskDeps, actor: Actor, q: repo.TaskFilter): Promise<CountResult> {
  const reader = readerOf(actor);
  return deps.db.tx((tx) => countList(tx, repo.listedTasks(reader, q, todayOf(deps.clock))));
}

async function detail(tx: Tx, r: repo.TaskListRow, today: string): Promise<MeetingTaskDetail> {
  const kinds = await loadConclusionKinds(tx);
  const files = await repo.taskAttachmentList(tx, r.id);
  const events = await repo.taskEvents(tx, r.id);
  return {
    task: taskView(r, kinds, today),
    events: events.map((e) => ({
      id: e.id, action: e.action, actionName: MEETING_TASK_ACTION_NAMES[e.action], note: e.note, entryId: e.entry_id, departmentCode: e.department_code,
      byLogin: e.by_login, at: new Date(e.at).toISOString(),
      attachments: files.filter((f) => f.event_id === e.id).map((f) => ({ id: f.id, fileName: f.file_name, size: Number(f.size) })),
    })),
  };
}

export async function getTask(deps: TaskDeps, actor: Actor, id: string): Promise<MeetingTaskDetail> {
  const reader = readerOf(actor);
  return deps.db.tx(async (tx) => {
    const r = await repo.taskFor(tx, id, reader);
    if (!r) throw notFound('督办事项');
    await recordAudit(tx, actor, { action: 'meeting-task.read', objectType: 'meeting_task', objectId: id, details: { meetingId: r.meeting_id } }, deps.clock);
    return detail(tx, r, todayOf(deps.clock));
  });
}

export interface AnswerInput { note: string | undefined; entryId: string | undefined; files: Array<{ fileName: string; data: Buffer }> }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** Who answers: the department itself (meeting:member, its own tasks) or the 组织部 (meeting:write) on its behalf. */
function answererOf(actor: Actor): repo.TaskReader {
  if (actor.permissions.has('meeting:write')) return { scope: actor.scope, department: null };
  if (actor.permissions.has('meeting:member') && actor.departmentCode) return { scope: actor.scope, department: actor.departmentCode };
  throw new ServiceError('forbidden', '没有反馈督办事项的权限');
}

export async function answerTask(deps: TaskDeps, actor: Actor, id: string, input: AnswerInput): Promise<MeetingTaskDetail> {
  const reader = answererOf(actor);
  const note = input.note?.trim() ?? '';
  if (!note) throw new ServiceError('invalid', '请填写办理结果', 'invalid', [{ path: 'note', message: '请填写办理结果' }]);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(note)) throw new ServiceError('invalid', '办理结果含有不可见的控制字符', 'invalid', [{ path: 'note', message: '含有控制字符' }]);
  if (note.length > 2000) throw new ServiceError('invalid', '办理结果不超过2000字', 'invalid', [{ path: 'note', message: '办理结果不超过2000字' }]);
  const entryId = input.entryId?.trim() || null;
  if (entryId && !UUID.test(entryId)) throw new ServiceError('invalid', '关联的台账记录编号无效', 'invalid', [{ path: 'entryId', message: '编号无效' }]);
  if (input.files.length > MAX_TASK_FILES) throw new ServiceError('invalid', `一次最多上传 ${MAX_TASK_FILES} 个附件`, 'invalid', [{ path: 'files', message: '附件过多' }]);
  // Every file checked (name, size, type by content, virus scan) before anything is written.
  const files: Array<CheckedUpload & { id: string; data: Buffer }> = [];
  for (const [i, f] of input.files.entries()) {
    const checked = await checkUpload(deps, actor, f.fileName, f.data, { objectType: 'meeting_task', objectId: id }, { path: `files.${i}`, label: `第${i + 1}个附件` });
    files.push({ ...checked, id: crypto.randomUUID(), data: f.data });
  }
  return deps.db.tx(async (tx) => {
    const t = await repo.taskFor(tx, id, reader, true);
    if (!t) throw notFound('督办事项');
    if (t.status === 'answered') throw new ServiceError('conflict', '该督办事项已反馈，等待组织部销号或退回', 'answered');
    if (t.status === 'closed') throw new ServiceError('conflict', '该督办事项已销号', 'closed');
    if (t.status === 'cancelled') throw new ServiceError('conflict', '该督办事项已撤销', 'cancelled');
    const at = deps.clock.now();
    const today = todayOf(deps.clock);
    let fulfils = false;
    if (entryId) {
      // A member links only its own submissions; the record must be about the task's subject.
      const cur = await findCurrent(tx, entryId, actor.scope, reader.department);
      const same = cur && (t.subject_type === 'cadre' ? cur.head.cadreId === t.cadre_id : cur.head.teamId === t.team_id && cur.head.cadreId === null);
      if (!cur || cur.head.status === 'withdrawn') throw new ServiceError('invalid', '关联的台账记录不存在或无权访问', 'invalid', [{ path: 'entryId', message: '记录不存在' }]);
      if (!same) throw new ServiceError('invalid', '关联的台账记录应是关于本督办事项对象的记录', 'invalid', [{ path: 'entryId', message: '记录的对象不是本督办事项的对象' }]);
      const kind = (await loadConclusionKinds(tx)).find((k) => k.code === t.conclusion);
      const form = (cur.version.details as Record<string, unknown> | null)?.form;
      fulfils = !!kind && kind.kinds.includes(cur.head.kind) && (!kind.forms?.length || (typeof form === 'string' && kind.forms.includes(form)) || cur.head.kind !== ENTRY_KIND.admonition);
    }
    const by = { byId: actor.userId, byLogin: actor.login };
    const eventId = await insertTaskEvent(tx, { taskId: id, action: 'answer', note, entryId, departmentCode: actor.departmentCode ?? t.department_code, ...by, at });
    for (const f of files) {
      await repo.insertTaskAttachment(tx, {
        id: f.id, taskId: id, eventId, fileName: f.fileName, mime: f.mime, size: f.data.length, sm3: f.digest,
        data: deps.crypto.encryptBytes(f.data, taskAttachmentAad(f.id)), createdBy: actor.userId, createdAt: at,
      });
    }
    if (fulfils) await insertTaskEvent(tx, { taskId: id, action: 'link', note: '反馈的台账记录视为办结依据', entryId, departmentCode: t.department_code, ...by, at: new Date(at.getTime() + 1) });
    await updateTask(tx, id, { status: 'answered', answeredOn: today, ...(fulfils ? { entryId } : {}) }, at);
    await recordAudit(tx, actor, {
      action: 'meeting-task.answer', objectType: 'meeting_task', objectId: id,
      details: { meetingId: t.meeting_id, entryId, linked: fulfils, files: files.map((f) => `${f.fileName}:${f.digest.toString('hex')}`).join(',') },
    }, deps.clock);
    if (t.meeting_created_by && t.meeting_created_by !== actor.userId) {
      const name = t.cadre_name ?? t.team_name ?? t.org_name;
      await notify(tx, [{
        userId: t.meeting_created_by, kind: 'followup', title: `${t.department_name ?? t.department_code}已反馈督办事项：${name}（${t.meeting_title}）`,
        link: `/meeting-tasks/${id}`, dedupe: `meeting-task-answer:${eventId}`,
      }], at);
    }
    if (fulfils) await reevaluateSubject(tx, deps.clock, t, actor.login);
    return detail(tx, (await repo.taskFor(tx, id, reader))!, today);
  });
}

export async function closeTask(deps: TaskDeps, actor: Actor, id: string, note: string | undefined): Promise<MeetingTaskDetail> {
  return deps.db.tx(async (tx) => {
    const reader = { scope: actor.scope, department: null };
    const t = await repo.taskFor(tx, id, reader, true);
    if (!t) throw notFound('督办事项');
    if (t.status !== 'answered' && t.status !== 'open') {
      throw new ServiceError('conflict', t.status === 'returned' ? '该督办事项已退回，待责任单位重新反馈后再销号' : `该督办事项${MEETING_TASK_STATUS_NAMES[t.status]}，不能销号`, 'status');
    }
    const at = deps.clock.now();
    const today = todayOf(deps.clock);
    await insertTaskEvent(tx, { taskId: id, action: 'close', note: note?.trim() || null, entryId: null, departmentCode: t.department_code, byId: actor.userId, byLogin: actor.login, at });
    await updateTask(tx, id, { status: 'closed', closedOn: today }, at);
    await recordAudit(tx, actor, { action: 'meeting-task.close', objectType: 'meeting_task', objectId: id, details: { meetingId: t.meeting_id, note: note ?? null } }, deps.clock);
    await reevaluateSubject(tx, deps.clock, t, actor.login);
    await closeIfDone(tx, deps.clock, actor, t.meeting_id);
    return detail(tx, (await repo.taskFor(tx, id, reader))!, today);
  });
}

export async function returnTask(deps: TaskDeps, actor: Actor, id: string, reason: string): Promise<MeetingTaskDetail> {
  return deps.db.tx(async (tx) => {
    const reader = { scope: actor.scope, department: null };
    const t = await repo.taskFor(tx, id, reader, true);
    if (!t) throw notFound('督办事项');
    if (t.status !== 'answered') throw new ServiceError('conflict', `只能退回已反馈的督办事项（当前：${MEETING_TASK_STATUS_NAMES[t.status]}）`, 'status');
    const at = deps.clock.now();
    await insertTaskEvent(tx, { taskId: id, action: 'return', note: reason, entryId: null, departmentCode: t.department_code, byId: actor.userId, byLogin: actor.login, at });
    // The answer is not accepted: a linked record no longer fulfils it until the department answers again.
    await updateTask(tx, id, { status: 'returned', entryId: null }, at);
    await recordAudit(tx, actor, { action: 'meeting-task.return', objectType: 'meeting_task', objectId: id, details: { meetingId: t.meeting_id, reason } }, deps.clock);
    const name = t.cadre_name ?? t.team_name ?? t.org_name;
    await notifyDepartment(tx, { convener_id: t.convener_id, title: t.meeting_title }, t, t.org_path, `督办事项被退回：${name}，${reason}`, `meeting-task-return:${at.getTime()}`, at);
    if (t.entry_id) await reevaluateSubject(tx, deps.clock, t, actor.login);
    return detail(tx, (await repo.taskFor(tx, id, reader))!, todayOf(deps.clock));
  });
}

/** A file of an answer, to whoever may read the task; an audited read. */
export async function downloadTaskAttachment(deps: TaskDeps, actor: Actor, taskId: string, id: string) {
  const reader = readerOf(actor);
  return deps.db.tx(async (tx) => {
    const t = await repo.taskFor(tx, taskId, reader);
    const a = t ? await repo.taskAttachment(tx, taskId, id) : null;
    if (!t || !a) throw notFound('附件');
    await recordAudit(tx, actor, { action: 'meeting-task.download', objectType: 'meeting_task', objectId: taskId, details: { attachmentId: id, fileName: a.fileName, size: a.size } }, deps.clock);
    const digest = Buffer.from(a.sm3);
    const plain = openAttachment(deps.crypto, a.id, Buffer.from(a.data), digest, taskAttachmentAad);
    return { fileName: a.fileName, mime: a.mime, sm3: digest.toString('hex'), data: plain };
  });
}
