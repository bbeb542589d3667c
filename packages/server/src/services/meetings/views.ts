/**
 * What every meeting route answers with, written once: a meeting as the list shows it, one agenda subject with
 * its latest conclusion and 督办事项, a meeting's detail, and the conclusion dictionary as set.
 */
import {
  DEFAULT_CONCLUSION_KINDS, MEETING_CONCLUSIONS_KEY, MEETING_STATUS_NAMES,
  type AgendaReason, type AttendanceRow, type ConclusionKindDef, type MeetingDetail, type MeetingSubjectContent,
  type MeetingSubjectView, type MeetingTaskStatus, type MeetingView,
} from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import * as repo from '../../repositories/meetings.repository.ts';
import * as subjects from '../../repositories/meetings/subjects.repository.ts';
import { readSetting } from '../../repositories/settings.repository.ts';
import { notFound } from '../../errors.ts';
import { membersOf } from './members.service.ts';

const iso = (v: Date | string) => new Date(v).toISOString();

export function meetingView(m: repo.MeetingRow): MeetingView {
  return {
    id: m.id, convenerId: m.convener_id, convenerName: m.convener_name, heldOn: m.held_on, title: m.title,
    location: m.location, status: m.status, statusName: MEETING_STATUS_NAMES[m.status], since: m.since, until: m.until,
    proposalCutoff: m.proposal_cutoff, agendaVersion: m.agenda_version, subjects: m.subjects, tasks: m.tasks,
    tasksOpen: m.tasks_open, tasksOverdue: m.tasks_overdue, approvedByLogin: m.approved_by_login,
    approvedAt: m.approved_at ? iso(m.approved_at) : null,
    createdByLogin: m.created_by_login, createdAt: iso(m.created_at),
  };
}

/** The conclusion dictionary (settings key meeting.conclusions; the domain's default when never set). */
export async function loadConclusionKinds(tx: Tx): Promise<ConclusionKindDef[]> {
  const v = await readSetting<ConclusionKindDef[]>(tx, MEETING_CONCLUSIONS_KEY);
  return Array.isArray(v) && v.length ? v : DEFAULT_CONCLUSION_KINDS.map((k) => ({ ...k }));
}

export const conclusionName = (kinds: readonly ConclusionKindDef[], code: string) => kinds.find((k) => k.code === code)?.name ?? code;

export function subjectView(r: subjects.SubjectRow, kinds: readonly ConclusionKindDef[]): MeetingSubjectView {
  return {
    id: r.id, meetingId: r.meeting_id, subjectType: r.subject_type, cadreId: r.cadre_id, cadreName: r.cadre_name, teamId: r.team_id,
    teamName: r.team_name, orgId: r.org_id, orgName: r.org_name, post: r.post, reasons: r.reasons as AgendaReason[],
    content: r.content as MeetingSubjectContent, addedVersion: r.added_version, changedVersion: r.changed_version, droppedVersion: r.dropped_version,
    removedAt: r.removed_at ? iso(r.removed_at) : null, removedReason: r.removed_reason, removedByLogin: r.removed_by_login,
    conclusion: r.c_conclusion ? {
      conclusion: r.c_conclusion, conclusionName: conclusionName(kinds, r.c_conclusion),
      departmentCode: r.c_department_code, departmentName: r.c_department_name, deadline: r.c_deadline, note: r.c_note,
      byLogin: r.c_by_login, at: iso(r.c_at!),
    } : null,
    taskId: r.task_id, taskStatus: r.task_status as MeetingTaskStatus | null,
  };
}

/** One subject of a meeting (removed and dropped ones too), or 404. */
export async function subjectById(tx: Tx, meetingId: string, subjectId: string, today: string): Promise<MeetingSubjectView> {
  const [r] = await subjects.listSubjects(tx, meetingId, { all: true, id: subjectId, today });
  if (!r) throw notFound('议题');
  return subjectView(r, await loadConclusionKinds(tx));
}

/** GET /api/meetings/:id's answer for a meeting already found in scope: its convener's members, compiles, attendance and events. */
export async function meetingDetailOf(tx: Tx, m: repo.MeetingRow): Promise<MeetingDetail> {
  const [members, compiles, attendance, events] = [
    await membersOf(tx, m.convener_id), await repo.listCompiles(tx, m.id), await repo.latestAttendance(tx, m.id), await repo.listEvents(tx, m.id),
  ];
  return {
    meeting: meetingView(m),
    members,
    compiles: compiles.map((c) => ({
      version: c.version, since: c.since, until: c.until, subjects: c.subjects, added: c.added, dropped: c.dropped, changed: c.changed,
      diff: c.diff, byLogin: c.by_login, at: iso(c.at),
    })),
    attendance: attendance as AttendanceRow[] | null,
    events: events.map((e) => ({
      action: e.action, actionName: EVENT_NAMES[e.action] ?? e.action, fromStatus: e.from_status, toStatus: e.to_status,
      note: e.note, byLogin: e.by_login, at: iso(e.at),
    })),
  };
}

const EVENT_NAMES: Record<string, string> = {
  create: '创建', compile: '生成议题', cutoff: '截止提请', hold: '召开', attendance: '登记出席', approve: '签批纪要',
  close: '闭环', reopen: '重新打开', update: '修改',
};
