/**
 * The joint meeting's Word documents (issue 13 point 6): 会议通知, 研判材料, 会议纪要, 督办通知单 per
 * department, and a convener's 半年工作通报. Each is a sensitive read: scope-checked (a meeting or convener
 * outside the actor's scope is 404), audited before the file leaves, and the ledger summaries it cites go
 * through the one field policy: a reader who may read an entry gets its current 摘要, one who may not the
 * placeholder; an entry no longer in the ledger keeps the text the agenda's snapshot holds.
 */
import {
  AGENDA_REASON_NAMES, COLOUR_NAMES, DEFAULT_CONCLUSION_KINDS, MEETING_STATUS_NAMES, MEETING_TASK_STATUS_NAMES,
  SENSITIVE_PLACEHOLDER, fieldPolicyOf, mayReadEntry, type AgendaReason, type FieldPolicy, type MeetingStatus,
  type MeetingSubjectContent, type MeetingTaskStatus,
} from '@jiandu/domain';
import type { Database, Tx } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { entryText } from '../../crypto/entry-text.ts';
import { beijingTime, type Exporter } from '../../exports/format.ts';
import { buildMeetingBriefing, buildMeetingMinutes, buildMeetingNotice, buildTaskNotice, type DocAttendance, type DocMeeting, type DocSubject } from '../../exports/meeting-docs.ts';
import { buildHalfReport } from '../../exports/meeting-report-doc.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { latestAttendance } from '../../repositories/meetings.repository.ts';
import { membersOf } from './members.service.ts';
import { loadConclusionKinds } from './views.ts';
import * as repo from '../../repositories/meetings/documents.repository.ts';
import { todayOf, type Actor, type Clock } from '../../context.ts';
import { notFound, ServiceError } from '../../errors.ts';
import { DOCX_TYPE, type ExportFile } from '../exports.service.ts';

export interface MeetingDocsDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
}

export const MEETING_DOCS = ['notice', 'briefing', 'minutes', 'task-notice'] as const;
export type MeetingDoc = (typeof MEETING_DOCS)[number];
const DOC_NAMES: Record<MeetingDoc, string> = { notice: '会议通知', briefing: '研判材料', minutes: '会议纪要', 'task-notice': '督办通知单' };

async function conclusionNames(tx: Tx): Promise<Map<string, string>> {
  return new Map([...DEFAULT_CONCLUSION_KINDS, ...(await loadConclusionKinds(tx))].map((k) => [k.code, k.name]));
}

function docMeeting(m: repo.DocMeetingRow): DocMeeting {
  const approved = m.status !== 'planned' && m.status !== 'held' && m.approved_at
    ? { by: m.approver_name ?? m.approved_by_login ?? '—', on: beijingTime(new Date(m.approved_at)).slice(0, 10), note: m.approval_note }
    : null;
  return {
    title: m.title, convenerName: m.convener_name, heldOn: m.held_on, location: m.location, since: m.since, until: m.until,
    proposalCutoff: m.proposal_cutoff, agendaVersion: m.agenda_version, approved, secretary: m.creator_name ?? m.created_by_login,
    createdOn: beijingTime(new Date(m.created_at)).slice(0, 10),
  };
}

/** The agenda's subjects as the documents print them, the summaries through the field policy. */
async function docSubjects(tx: Tx, crypto: FieldCrypto, policy: FieldPolicy, meetingId: string, depts: Map<string, string>): Promise<{ subjects: DocSubject[]; withheld: number }> {
  const list = await repo.subjectsOf(tx, meetingId);
  const names = await conclusionNames(tx);
  const contents = list.map((s) => s.content as Partial<MeetingSubjectContent>);
  const entryIds = [...new Set(contents.flatMap((c) => (c.entries ?? []).map((e) => e.id)))];
  const labels = new Map((await repo.entryLabels(tx, entryIds)).map((l) => [l.entry_id, l]));
  let withheld = 0;
  const subjects = list.map((s, i): DocSubject => {
    const c = contents[i]!;
    return {
      type: s.subject_type, name: s.name, orgName: s.org_name, post: s.post,
      reasons: s.reasons.map((r) => AGENDA_REASON_NAMES[r as AgendaReason] ?? r),
      entries: (c.entries ?? []).map((e) => {
        const l = labels.get(e.id);
        const readable = l ? mayReadEntry(policy, { sensitivity: l.sensitivity, sourceDept: l.source_dept }) : true;
        if (!readable) withheld++;
        return {
          kindName: e.kindName, date: e.date, departmentName: e.departmentCode ? depts.get(e.departmentCode) ?? e.departmentCode : null,
          summary: !readable ? SENSITIVE_PLACEHOLDER : l ? entryText(crypto, e.id, 'summary', l.summary) : e.summary,
        };
      }),
      warnings: (c.warnings ?? []).map((w) => ({ ruleName: w.ruleName, colourName: COLOUR_NAMES[w.colour], explanation: w.explanation })),
      teamProblems: c.teamProblems ?? [],
      proposals: (c.proposals ?? []).map((p) => ({ departmentName: p.departmentName ?? (p.departmentCode ? depts.get(p.departmentCode) ?? null : null), reason: p.reason })),
      conclusion: s.conclusion
        ? { name: names.get(s.conclusion) ?? s.conclusion, departmentName: s.conclusion_department ? depts.get(s.conclusion_department) ?? s.conclusion_department : null, deadline: s.deadline, note: s.note }
        : null,
    };
  });
  return { subjects, withheld };
}

const fileTitle = (t: string) => t.replace(/[\\/:*?"<>|\s]+/gu, '');

/** GET /api/meetings/:id/documents/:doc (?department for the 督办通知单). */
export async function meetingDocument(deps: MeetingDocsDeps, actor: Actor, who: string, meetingId: string, doc: MeetingDoc, department?: string): Promise<ExportFile> {
  const exporter: Exporter = { who, at: deps.clock.now() };
  const policy = fieldPolicyOf(actor);
  if (doc === 'task-notice' && !department) {
    throw new ServiceError('invalid', '督办通知单须指定责任单位（department）', 'invalid', [{ path: 'department', message: '请选择责任单位' }]);
  }
  const data = await deps.db.tx(async (tx) => {
    const m = await repo.findDocMeeting(tx, meetingId, actor.scope);
    if (!m) throw notFound('联席会议');
    const members = await membersOf(tx, m.convener_id);
    const depts = new Map(members.map((x) => [x.departmentCode, x.departmentName]));
    if (department && !depts.has(department)) {
      throw new ServiceError('invalid', `没有编码为“${department}”的成员单位`, 'invalid', [{ path: 'department', message: '请选择责任单位' }]);
    }
    const meeting = docMeeting(m);
    const today = todayOf(deps.clock);
    let rows = 0;
    let built: () => Promise<Buffer>;
    let details: Record<string, unknown> = {};
    if (doc === 'task-notice') {
      const names = await conclusionNames(tx);
      const tasks = (await repo.tasksOf(tx, meetingId, department!)).map((t) => ({
        name: t.name, orgName: t.org_name, conclusionName: names.get(t.conclusion) ?? t.conclusion, deadline: t.deadline,
        statusName: MEETING_TASK_STATUS_NAMES[t.status as MeetingTaskStatus] ?? t.status, note: t.note,
        overdue: (t.status === 'open' || t.status === 'returned') && t.deadline < today, closed: t.status === 'closed',
      }));
      rows = tasks.length;
      details = { department, tasks: rows };
      built = () => buildTaskNotice({ meeting, departmentName: depts.get(department!)!, tasks, exporter });
    } else {
      const { subjects, withheld } = await docSubjects(tx, deps.crypto, policy, meetingId, depts);
      rows = subjects.length;
      details = { subjects: rows, sensitiveWithheld: withheld };
      if (doc === 'notice') {
        const active = members.filter((x) => x.active).map((x) => ({ departmentName: x.departmentName, contacts: x.contacts.map((c) => c.displayName), contactNote: x.contactNote }));
        built = () => buildMeetingNotice({ meeting, members: active, subjects, exporter });
      } else if (doc === 'briefing') {
        built = () => buildMeetingBriefing({ meeting, subjects, exporter });
      } else {
        const raw = (await latestAttendance(tx, meetingId)) as Array<{ departmentCode: string; persons?: string[]; present: boolean; absenceReason?: string | null }> | null;
        const attendance: DocAttendance[] | null = raw?.map((a) => ({
          departmentName: depts.get(a.departmentCode) ?? a.departmentCode, present: a.present, persons: a.persons ?? [], absenceReason: a.absenceReason ?? null,
        })) ?? null;
        details.approved = meeting.approved !== null;
        built = () => buildMeetingMinutes({ meeting, attendance, subjects, exporter });
      }
    }
    await recordAudit(tx, actor, { action: 'export.meeting-document', objectType: 'meeting', objectId: meetingId, details: { doc, ...details } }, deps.clock);
    return { meeting, rows, built, deptName: department ? depts.get(department)! : null, status: m.status as MeetingStatus };
  });
  const body = await data.built();
  const draft = doc === 'minutes' && !data.meeting.approved ? '（未签批）' : '';
  const name = [DOC_NAMES[doc], data.deptName, fileTitle(data.meeting.title)].filter(Boolean).join('_');
  return { fileName: `${name}${draft}.docx`, contentType: DOCX_TYPE, rows: data.rows, body };
}

/** 'YYYY-H1' → [YYYY-01-01, YYYY-06-30, 上半年]; 'YYYY-H2' → [YYYY-07-01, YYYY-12-31, 下半年]. */
export function halfOf(half: string): { from: string; to: string; name: string } {
  const m = /^(\d{4})-H([12])$/u.exec(half);
  if (!m) throw new ServiceError('invalid', `half 应为 YYYY-H1 或 YYYY-H2，收到“${half}”`, 'invalid', [{ path: 'half', message: '半年应为 YYYY-H1 或 YYYY-H2' }]);
  return m[2] === '1'
    ? { from: `${m[1]}-01-01`, to: `${m[1]}-06-30`, name: `${m[1]}年上半年` }
    : { from: `${m[1]}-07-01`, to: `${m[1]}-12-31`, name: `${m[1]}年下半年` };
}

/** GET /api/meetings/report.docx ?convenerId&half: the convener's 半年工作通报. */
export async function halfReport(deps: MeetingDocsDeps, actor: Actor, who: string, convenerId: string, half: string): Promise<ExportFile> {
  const h = halfOf(half);
  const exporter: Exporter = { who, at: deps.clock.now() };
  const data = await deps.db.tx(async (tx) => {
    const convener = await repo.findConvener(tx, convenerId, actor.scope);
    if (!convener) throw notFound('召集单位');
    const f = await repo.halfFigures(tx, convenerId, h.from, h.to, todayOf(deps.clock));
    const depts = new Map((await membersOf(tx, convenerId)).map((x) => [x.departmentCode, x.departmentName]));
    const names = await conclusionNames(tx);
    await recordAudit(tx, actor, {
      action: 'export.meeting-report', objectType: 'org', objectId: convenerId, details: { half, meetings: f.meetings.length },
    }, deps.clock);
    return { convener, f, depts, names };
  });
  const { f, depts, names } = data;
  const body = await buildHalfReport({
    convenerName: data.convener.name, halfName: h.name, from: h.from, to: h.to, exporter,
    meetings: f.meetings.map((m) => ({ title: m.title, heldOn: m.held_on, statusName: MEETING_STATUS_NAMES[m.status as MeetingStatus] ?? m.status, subjects: m.subjects })),
    conclusions: f.conclusions.map((c) => ({ name: names.get(c.conclusion) ?? c.conclusion, n: c.n })),
    tasks: f.tasks.map((t) => ({ statusName: MEETING_TASK_STATUS_NAMES[t.status as MeetingTaskStatus] ?? t.status, n: t.n })),
    overdue: f.overdue.map((o) => ({ departmentName: depts.get(o.department_code) ?? o.department_code, n: o.n })),
    entries: f.entries.map((e) => ({ departmentName: depts.get(e.source_dept) ?? e.source_dept, n: e.n })),
  });
  return { fileName: `${fileTitle(data.convener.name)}_${h.name}联席会议工作通报.docx`, contentType: DOCX_TYPE, rows: f.meetings.length, body };
}
