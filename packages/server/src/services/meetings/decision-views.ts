/**
 * Shared by the decision services (会商研判, 签批, 督办, 成果共享): the conclusion dictionary as set, the checks
 * of a route open to two permissions, and the views they answer with.
 */
import {
  DEFAULT_CONCLUSION_KINDS, MEETING_CONCLUSIONS_KEY, MEETING_TASK_STATUS_NAMES, MeetingSubjectContent,
  type AttendanceRow, type ConclusionKindDef, type MeetingDetail, type MeetingSubjectView, type Permission,
} from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { readSetting } from '../../repositories/settings.repository.ts';
import * as views from '../../repositories/meetings/decision-views.repository.ts';
import { memberSettings } from '../../repositories/meetings/conclusions.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { meetingView } from '../meetings.service.ts';

/** The conclusion dictionary (settings key meeting.conclusions; the domain's default when never set). */
export async function loadConclusionKinds(tx: Tx): Promise<ConclusionKindDef[]> {
  const v = await readSetting<ConclusionKindDef[]>(tx, MEETING_CONCLUSIONS_KEY);
  return Array.isArray(v) && v.length ? v : DEFAULT_CONCLUSION_KINDS.map((k) => ({ ...k }));
}

export const conclusionName = (kinds: readonly ConclusionKindDef[], code: string) => kinds.find((k) => k.code === code)?.name ?? code;

/** A route open to several permissions declares `authenticated`; the service checks one of them is held. */
export function requireAny(actor: Actor, ...perms: Permission[]): void {
  if (!perms.some((p) => actor.permissions.has(p))) throw new ServiceError('forbidden', '没有执行此操作的权限');
}

/** YYYY-MM-DD plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const iso = (v: Date | string) => new Date(v).toISOString();

export async function subjectView(tx: Tx, subjectId: string, kinds: readonly ConclusionKindDef[]): Promise<MeetingSubjectView> {
  const r = await views.subjectViewRow(tx, subjectId);
  if (!r) throw notFound('议题');
  const content = MeetingSubjectContent.safeParse(typeof r.content === 'string' ? JSON.parse(r.content) : r.content);
  return {
    id: r.id, meetingId: r.meeting_id, subjectType: r.subject_type, cadreId: r.cadre_id, cadreName: r.cadre_name, teamId: r.team_id,
    teamName: r.team_name, orgId: r.org_id, orgName: r.org_name, post: r.post,
    reasons: (r.reasons ?? []) as MeetingSubjectView['reasons'],
    content: content.success ? content.data : { entries: [], warnings: [], teamProblems: [], proposals: [] },
    addedVersion: r.added_version, changedVersion: r.changed_version, droppedVersion: r.dropped_version,
    removedAt: r.removed_at ? iso(r.removed_at) : null, removedReason: r.removed_reason, removedByLogin: r.removed_by_login,
    conclusion: r.k_conclusion && r.k_at ? {
      conclusion: r.k_conclusion, conclusionName: conclusionName(kinds, r.k_conclusion), departmentCode: r.k_department_code,
      departmentName: r.k_department_name, deadline: r.k_deadline, note: r.k_note, byLogin: r.k_by_login, at: iso(r.k_at),
    } : null,
    taskId: r.task_id, taskStatus: r.task_status,
  };
}

export const taskStatusName = (s: keyof typeof MEETING_TASK_STATUS_NAMES) => MEETING_TASK_STATUS_NAMES[s];

/** The meeting's detail (as GET /api/meetings/:id gives it) after a change by these services. */
export async function meetingDetail(tx: Tx, meetingId: string): Promise<MeetingDetail> {
  const m = await views.meetingRowById(tx, meetingId);
  if (!m) throw notFound('联席会议');
  const settings = await memberSettings(tx, m.convener_id);
  const anySet = settings.some((s) => s.active !== null);
  const accounts = new Map((await views.accountsByIds(tx, settings.flatMap((s) => s.contact_user_ids ?? []))).map((a) => [a.id, a]));
  const attendance = await views.latestAttendance(tx, meetingId);
  return {
    meeting: meetingView(m),
    members: settings.map((s) => ({
      convenerId: m.convener_id, departmentCode: s.code, departmentName: s.name, active: s.active ?? true,
      contacts: (s.contact_user_ids ?? []).flatMap((id) => {
        const a = accounts.get(id);
        return a ? [{ userId: a.id, login: a.login, displayName: a.display_name }] : [];
      }),
      contactNote: s.contact_note, isDefault: !anySet,
    })),
    compiles: (await views.compilesOf(tx, meetingId)).map((c) => {
      const diff = (typeof c.diff === 'string' ? JSON.parse(c.diff) : c.diff) as { added?: string[]; dropped?: string[]; changed?: string[] } | null;
      return {
        version: c.version, since: c.since, until: c.until, subjects: c.subjects, added: c.added, dropped: c.dropped, changed: c.changed,
        diff: { added: diff?.added ?? [], dropped: diff?.dropped ?? [], changed: diff?.changed ?? [] }, byLogin: c.by_login, at: iso(c.at),
      };
    }),
    attendance: attendance ? ((typeof attendance === 'string' ? JSON.parse(attendance) : attendance) as AttendanceRow[]) : null,
    events: (await views.eventsOf(tx, meetingId)).map((e) => ({
      action: e.action, actionName: MEETING_EVENT_NAMES[e.action] ?? e.action, fromStatus: e.from_status, toStatus: e.to_status,
      note: e.note, byLogin: e.by_login, at: iso(e.at),
    })),
  };
}

const MEETING_EVENT_NAMES: Record<string, string> = {
  create: '登记', compile: '生成议题', cutoff: '设置提请截止', hold: '召开', attendance: '记录出席', approve: '签批纪要',
  close: '闭环', reopen: '重新打开', update: '修改',
};
