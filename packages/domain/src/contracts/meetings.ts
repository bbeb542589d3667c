/**
 * HTTP contracts of the 干部监督联席会议 (issue 13): meetings and their life, members, the agenda compiled
 * as a snapshot, proposals, 会商研判 conclusions, attendance, 督办事项 and 成果共享. Routes (all declare a
 * permission; scope in SQL; a member department sees only what concerns its own department):
 *
 *   GET  /api/meetings ?status&convenerId&q&sort          → MeetingList          meeting:read
 *   GET  /api/meetings/conveners                            → ConvenerView[]       meeting:read
 *   POST /api/meetings                                      → MeetingView          meeting:write (compiles version 1)
 *   GET  /api/meetings/:id                                  → MeetingDetail        meeting:read
 *   PATCH /api/meetings/:id  MeetingUpdateBody (筹备 only)  → MeetingView          meeting:write
 *   POST /api/meetings/:id/compile                          → MeetingCompileView   meeting:write (筹备 only)
 *   POST /api/meetings/:id/hold  MeetingHoldBody            → MeetingView          meeting:write (筹备 → 已召开)
 *   PUT  /api/meetings/:id/attendance  AttendanceBody       → MeetingDetail        meeting:write
 *   POST /api/meetings/:id/approve  MeetingApproveBody      → MeetingView          meeting:approve (已召开 → 纪要已定稿)
 *   GET  /api/meetings/:id/subjects ?removed=true&q         → MeetingSubjectList   meeting:read
 *   POST /api/meetings/:id/subjects/:sid/remove  {reason}   → MeetingSubjectView   meeting:write (筹备 only)
 *   POST /api/meetings/:id/subjects/:sid/restore            → MeetingSubjectView   meeting:write (筹备 only)
 *   PUT  /api/meetings/:id/subjects/:sid/conclusion  ConclusionBody → MeetingSubjectView  meeting:write (已召开 only)
 *   GET  /api/meetings/:id/documents/:doc ?department       → .docx                meeting:read
 *        doc: notice 会议通知 | briefing 研判材料 | minutes 会议纪要 | task-notice 督办通知单 (per department)
 *   GET  /api/meetings/report.docx ?convenerId&half=YYYY-H1|YYYY-H2 → 半年工作通报 .docx   meeting:read
 *   GET  /api/meetings/members ?convenerId                  → MeetingMemberView[]  meeting:read
 *   PUT  /api/meetings/members  MeetingMemberBody           → MeetingMemberView[]  meeting:write
 *   GET  /api/meetings/members/candidates ?convenerId&departmentCode&q → MeetingContactCandidate[]  meeting:write
 *        (the department's active member accounts in the convener's area: who may be a contact; added by the web)
 *   GET  /api/meetings/conclusion-kinds                     → ConclusionKindView[] meeting:read | meeting:member
 *   PUT  /api/meetings/conclusion-kinds  ConclusionKindView[] → ConclusionKindView[] settings:rules
 *   GET  /api/meetings/proposals ?convenerId               → ProposalList          meeting:read | meeting:member (own)
 *   POST /api/meetings/proposals  ProposalBody              → ProposalView         meeting:member (from its own submission)
 *   GET  /api/meeting-tasks ?meetingId&departmentCode&status&overdue&q&sort&cursor → MeetingTaskList  meeting:read | meeting:member (own department)
 *   GET  /api/meeting-tasks/count (same filters)            → CountResult
 *   GET  /api/meeting-tasks/:id                             → MeetingTaskDetail
 *   POST /api/meeting-tasks/:id/answer  multipart (note, entryId?, files…) → MeetingTaskDetail   meeting:member (own) | meeting:write
 *   POST /api/meeting-tasks/:id/close  {note}               → MeetingTaskDetail    meeting:write (销号)
 *   POST /api/meeting-tasks/:id/return  {reason}            → MeetingTaskDetail    meeting:write (退回)
 *   GET  /api/meeting-tasks/:id/attachments/:aid            → the file             as the task
 *   GET  /api/meetings/shared ?q&cursor                     → SharedConclusionList meeting:member (成果共享)
 *   GET  /api/v1/meeting-items ?since&cursor                → SharedConclusionList api-token (the token's department)
 */
import { z } from 'zod';
import { MEETING_STATUS, MEETING_TASK_ACTIONS, MEETING_TASK_STATUS, AGENDA_REASONS } from '../codes/meetings.ts';
import { DateString, Uuid, sortParam } from './common.ts';
import { SubjectRefFields } from './rules.ts';

export const ConvenerView = z.object({ id: Uuid, name: z.string() });
export type ConvenerView = z.infer<typeof ConvenerView>;

export const MeetingView = z.object({
  id: Uuid,
  convenerId: Uuid,
  convenerName: z.string(),
  /** The day it is (to be) held. */
  heldOn: DateString,
  title: z.string(),
  location: z.string().nullable(),
  status: z.enum(MEETING_STATUS),
  statusName: z.string(),
  since: DateString.nullable(),
  until: DateString.nullable(),
  proposalCutoff: DateString.nullable(),
  agendaVersion: z.number().int(),
  /** Subjects on the agenda now (not removed, not dropped). */
  subjects: z.number().int(),
  /** 督办事项 of the meeting, and how many are not yet 销号 / past their deadline. */
  tasks: z.number().int(),
  tasksOpen: z.number().int(),
  tasksOverdue: z.number().int(),
  approvedByLogin: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdByLogin: z.string().nullable(),
  createdAt: z.string(),
});
export type MeetingView = z.infer<typeof MeetingView>;
export const MeetingList = z.object({ items: z.array(MeetingView), total: z.number().int() });
/** GET /api/meetings: filters (q: title or convener name); default order heldOn:desc. */
export const MeetingListQuery = z.object({
  status: z.enum(MEETING_STATUS, { error: '状态应为 planned、held、minutes_final 或 closed' }).optional(),
  convenerId: Uuid.optional(),
  q: z.string().trim().max(50, '关键词不超过50字').optional(),
  sort: sortParam(['heldOn', 'createdAt'] as const),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;
export const MeetingSubjectListQuery = z.object({
  /** true: also the subjects removed by the secretary and those dropped by a re-compile. */
  removed: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50, '关键词不超过50字').optional(),
});
export type MeetingSubjectListQuery = z.infer<typeof MeetingSubjectListQuery>;
export const MeetingSubjectParams = z.object({ id: Uuid, sid: Uuid });
export const ConvenerQuery = z.object({ convenerId: Uuid.optional() });
export type MeetingList = z.infer<typeof MeetingList>;

export const MeetingCreateBody = z.object({
  convenerId: Uuid.describe('召集的组织部'),
  heldOn: DateString.describe('会议日期'),
  title: z.string().trim().min(1, '请填写会议名称').max(200, '会议名称不超过200字'),
  location: z.string().trim().max(100, '会议地点不超过100字').optional(),
  /** Agenda period start; default the day after the convener's previous meeting (or half a year back). */
  since: DateString.optional(),
  proposalCutoff: DateString.optional(),
});
export type MeetingCreateBody = z.infer<typeof MeetingCreateBody>;
export const MeetingUpdateBody = MeetingCreateBody.omit({ convenerId: true }).partial();
export type MeetingUpdateBody = z.infer<typeof MeetingUpdateBody>;
export const MeetingHoldBody = z.object({ heldOn: DateString.optional() });
export type MeetingHoldBody = z.infer<typeof MeetingHoldBody>;
export const MeetingApproveBody = z.object({ note: z.string().trim().max(500, '签批意见不超过500字').optional() });
export type MeetingApproveBody = z.infer<typeof MeetingApproveBody>;

export const MeetingEventView = z.object({
  action: z.string(), actionName: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(),
  note: z.string().nullable(), byLogin: z.string().nullable(), at: z.string(),
});
export type MeetingEventView = z.infer<typeof MeetingEventView>;

/** One compile of the agenda and what changed against the previous one. */
export const MeetingCompileView = z.object({
  version: z.number().int(),
  since: DateString,
  until: DateString,
  subjects: z.number().int(),
  added: z.number().int(),
  dropped: z.number().int(),
  changed: z.number().int(),
  /** Names of the subjects added / dropped / changed (what the secretary reads). */
  diff: z.object({ added: z.array(z.string()), dropped: z.array(z.string()), changed: z.array(z.string()) }),
  byLogin: z.string().nullable(),
  at: z.string(),
});
export type MeetingCompileView = z.infer<typeof MeetingCompileView>;

export const AttendanceRow = z.object({
  departmentCode: z.string(),
  /** Persons present for the department (names). */
  persons: z.array(z.string().trim().min(1).max(50)).max(20),
  present: z.boolean(),
  absenceReason: z.string().trim().max(200).nullable().optional(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;
export const AttendanceBody = z.object({ rows: z.array(AttendanceRow).min(1, '请至少填写一个单位的出席情况') });
export type AttendanceBody = z.infer<typeof AttendanceBody>;

export const MeetingMemberView = z.object({
  convenerId: Uuid,
  departmentCode: z.string(),
  departmentName: z.string(),
  active: z.boolean(),
  contacts: z.array(z.object({ userId: Uuid, login: z.string(), displayName: z.string() })),
  contactNote: z.string().nullable(),
  /** True when nothing was set for this convener and the default (every department) applies. */
  isDefault: z.boolean(),
});
export type MeetingMemberView = z.infer<typeof MeetingMemberView>;
export const MeetingMemberBody = z.object({
  convenerId: Uuid,
  departmentCode: z.string().min(1),
  active: z.boolean(),
  contactUserIds: z.array(Uuid).max(20).default([]),
  contactNote: z.string().trim().max(200).optional(),
});
export type MeetingMemberBody = z.infer<typeof MeetingMemberBody>;
export const MeetingContactCandidate = z.object({ userId: Uuid, login: z.string(), displayName: z.string() });
export type MeetingContactCandidate = z.infer<typeof MeetingContactCandidate>;

export const MeetingDetail = z.object({
  meeting: MeetingView,
  members: z.array(MeetingMemberView),
  compiles: z.array(MeetingCompileView),
  attendance: z.array(AttendanceRow).nullable(),
  events: z.array(MeetingEventView),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

/** What was known of a subject when the agenda was compiled (meeting_subject.content). */
export const MeetingSubjectContent = z.object({
  entries: z.array(z.object({
    id: Uuid, kind: z.string(), kindName: z.string(), date: DateString.nullable(), summary: z.string(),
    /** The submitting department (成果共享 reads it). */
    departmentCode: z.string().nullable(),
  })),
  warnings: z.array(z.object({ id: Uuid, rule: z.string(), ruleName: z.string(), colour: z.enum(['red', 'yellow']), explanation: z.string() })),
  /** Team subjects: why the team has problems (rating 一般/较差, negative entries from ≥ 2 sources). */
  teamProblems: z.array(z.string()),
  proposals: z.array(z.object({ id: Uuid, departmentCode: z.string().nullable(), departmentName: z.string().nullable(), reason: z.string(), byLogin: z.string().nullable() })),
});
export type MeetingSubjectContent = z.infer<typeof MeetingSubjectContent>;

export const ConclusionView = z.object({
  conclusion: z.string(),
  conclusionName: z.string(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  deadline: DateString.nullable(),
  note: z.string().nullable(),
  byLogin: z.string().nullable(),
  at: z.string(),
});
export type ConclusionView = z.infer<typeof ConclusionView>;
export const ConclusionBody = z.object({
  conclusion: z.string().min(1, '请选择研判结论'),
  departmentCode: z.string().min(1).nullable().optional(),
  deadline: DateString.nullable().optional(),
  note: z.string().trim().max(1000, '说明不超过1000字').optional(),
});
export type ConclusionBody = z.infer<typeof ConclusionBody>;

export const MeetingSubjectView = z.object({
  id: Uuid,
  meetingId: Uuid,
  ...SubjectRefFields,
  /** Cadres: 现任职务. */
  post: z.string().nullable(),
  reasons: z.array(z.enum(AGENDA_REASONS)),
  content: MeetingSubjectContent,
  addedVersion: z.number().int(),
  changedVersion: z.number().int(),
  droppedVersion: z.number().int().nullable(),
  removedAt: z.string().nullable(),
  removedReason: z.string().nullable(),
  removedByLogin: z.string().nullable(),
  conclusion: ConclusionView.nullable(),
  taskId: Uuid.nullable(),
  taskStatus: z.enum(MEETING_TASK_STATUS).nullable(),
});
export type MeetingSubjectView = z.infer<typeof MeetingSubjectView>;
export const MeetingSubjectList = z.object({ items: z.array(MeetingSubjectView), total: z.number().int() });
export type MeetingSubjectList = z.infer<typeof MeetingSubjectList>;
export const SubjectRemoveBody = z.object({ reason: z.string().trim().min(1, '请填写移出议题的理由').max(500, '理由不超过500字') });
export type SubjectRemoveBody = z.infer<typeof SubjectRemoveBody>;

export const ConclusionKindView = z.object({
  code: z.string().regex(/^[a-z_]{2,20}$/u, '编码应为2到20位小写字母'),
  name: z.string().trim().min(1).max(20),
  action: z.boolean(),
  department: z.string().optional(),
  days: z.number().int().min(1).max(365).optional(),
  kinds: z.array(z.string()),
  forms: z.array(z.string()).optional(),
});
export type ConclusionKindView = z.infer<typeof ConclusionKindView>;

export const ProposalBody = z.object({
  /** Optional: the convener of the entry's subject (its unit's 干部管理权限) when absent. */
  convenerId: Uuid.optional(),
  /** One of the department's own submissions (the subject comes from it). */
  entryId: Uuid,
  note: z.string().trim().min(1, '请填写提请理由').max(500, '理由不超过500字'),
});
export type ProposalBody = z.infer<typeof ProposalBody>;
export const ProposalView = z.object({
  id: Uuid, convenerId: Uuid, convenerName: z.string(), ...SubjectRefFields, departmentCode: z.string().nullable(),
  entryId: Uuid.nullable(), reason: z.string(), meetingId: Uuid.nullable(), addedByLogin: z.string().nullable(), addedAt: z.string(),
});
export type ProposalView = z.infer<typeof ProposalView>;
export const ProposalList = z.object({ items: z.array(ProposalView), total: z.number().int() });
export type ProposalList = z.infer<typeof ProposalList>;

export const MeetingTaskView = z.object({
  id: Uuid,
  meetingId: Uuid,
  meetingTitle: z.string(),
  subjectId: Uuid,
  ...SubjectRefFields,
  conclusion: z.string(),
  conclusionName: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  deadline: DateString,
  overdue: z.boolean(),
  status: z.enum(MEETING_TASK_STATUS),
  statusName: z.string(),
  entryId: Uuid.nullable(),
  answeredOn: DateString.nullable(),
  closedOn: DateString.nullable(),
  note: z.string().nullable(),
});
export type MeetingTaskView = z.infer<typeof MeetingTaskView>;
export const MeetingTaskList = z.object({ items: z.array(MeetingTaskView), nextCursor: z.string().nullable() });
export type MeetingTaskList = z.infer<typeof MeetingTaskList>;
export const MeetingTaskEventView = z.object({
  id: Uuid, action: z.enum(MEETING_TASK_ACTIONS), actionName: z.string(), note: z.string().nullable(), entryId: Uuid.nullable(),
  departmentCode: z.string().nullable(), byLogin: z.string().nullable(), at: z.string(),
  attachments: z.array(z.object({ id: Uuid, fileName: z.string(), size: z.number().int() })),
});
export type MeetingTaskEventView = z.infer<typeof MeetingTaskEventView>;
export const MeetingTaskDetail = z.object({ task: MeetingTaskView, events: z.array(MeetingTaskEventView) });
export type MeetingTaskDetail = z.infer<typeof MeetingTaskDetail>;
export const TaskCloseBody = z.object({ note: z.string().trim().max(500, '说明不超过500字').optional() });
export type TaskCloseBody = z.infer<typeof TaskCloseBody>;
export const TaskReturnBody = z.object({ reason: z.string().trim().min(1, '请填写退回理由').max(500, '理由不超过500字') });
export type TaskReturnBody = z.infer<typeof TaskReturnBody>;

/** 成果共享: a conclusion about a subject the department reported on or is responsible for. */
export const SharedConclusionView = z.object({
  meetingId: Uuid,
  meetingTitle: z.string(),
  heldOn: DateString,
  subjectType: z.enum(['cadre', 'team']),
  name: z.string(),
  /** Cadres only, and only when the department reported on the cadre (it knew the number already). */
  idNumber: z.string().nullable(),
  orgName: z.string(),
  conclusion: z.string(),
  conclusionName: z.string(),
  responsibleDepartment: z.string().nullable(),
  deadline: DateString.nullable(),
  /** Why the department sees it: it reported on the subject, or the 督办事项 is its own. */
  why: z.enum(['reported', 'responsible']),
  taskId: Uuid.nullable(),
  taskStatus: z.enum(MEETING_TASK_STATUS).nullable(),
});
export type SharedConclusionView = z.infer<typeof SharedConclusionView>;
export const SharedConclusionList = z.object({ items: z.array(SharedConclusionView), nextCursor: z.string().nullable() });
export type SharedConclusionList = z.infer<typeof SharedConclusionList>;

/** `jiandu meeting agenda --json` (issue 13 point 9). */
export interface AgendaCliOutput {
  convener: string;
  since: string;
  until: string;
  subjects: Array<{
    type: 'cadre' | 'team'; name: string; idNumber?: string; org: string;
    entries: Array<{ id: string; kind: string; date: string | null }>;
    warnings: Array<{ rule: string; colour: string }>;
    proposedBy: string[];
  }>;
}

/** GET /api/meeting-tasks and /count: the filters (the list adds sort, cursor, limit). */
export const MeetingTaskFilterQuery = z.object({
  meetingId: Uuid.optional(),
  departmentCode: z.string().max(20).optional(),
  status: z.enum(MEETING_TASK_STATUS).optional().describe('不填：除已撤销外的全部'),
  overdue: z.enum(['true', 'false']).optional().describe('true：只看逾期未办结的（办理中或退回且已过期限）'),
  q: z.string().trim().max(50, '关键字不超过50字').optional(),
});
export type MeetingTaskFilterQuery = z.infer<typeof MeetingTaskFilterQuery>;
export const MeetingTaskListQuery = MeetingTaskFilterQuery.extend({
  sort: z.enum(['deadline:asc', 'deadline:desc']).optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type MeetingTaskListQuery = z.infer<typeof MeetingTaskListQuery>;
/** GET /api/meetings/shared (成果共享) and GET /api/v1/meeting-items (`since`: 签批 on or after that day). */
export const SharedConclusionQuery = z.object({
  q: z.string().trim().max(50, '关键字不超过50字').optional(),
  since: DateString.optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type SharedConclusionQuery = z.infer<typeof SharedConclusionQuery>;
