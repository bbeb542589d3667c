/**
 * 干部监督联席会议 end to end (issue 13, migration 0031): members per convener, the agenda compiled as a
 * snapshot (each compile kept), conclusions per subject, attendance, and the 督办事项 the conclusions raise.
 * Everything but `meeting_subject` (the agenda's current state) and `meeting_task` (the projection of its
 * event log) is append-only: the latest row counts.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { department } from './accounts.ts';
import { bytea, cadre, org, team } from './registry.ts';
import { jointMeeting } from './rules.ts';

/** A meeting's life: create, compile, cutoff, hold, attendance, approve (签批), close, reopen, update. */
export const jointMeetingEvent = pgTable('joint_meeting_event', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => jointMeeting.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  note: text('note'),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('joint_meeting_event_meeting_idx').on(t.meetingId, t.at),
  check('joint_meeting_event_action', sql`${t.action} in ('create','compile','cutoff','hold','attendance','approve','close','reopen','update')`),
]);

/** A convener's member departments: the latest row per (convener, department) counts; none → every department. */
export const meetingMember = pgTable('meeting_member', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  convenerId: uuid('convener_id').notNull().references(() => org.id),
  departmentCode: text('department_code').notNull().references(() => department.code),
  active: boolean('active').notNull(),
  contactUserIds: uuid('contact_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
  contactNote: text('contact_note'),
  setBy: uuid('set_by'),
  setByLogin: text('set_by_login'),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('meeting_member_convener_idx').on(t.convenerId, t.departmentCode, t.setAt)]);

/**
 * A subject on a meeting's agenda and what was known of it at the latest compile (`content`, see
 * MeetingSubjectContent in the domain contracts). Dropped by a re-compile (no longer qualifies) or removed
 * by the secretary with a reason: kept, never deleted.
 */
export const meetingSubject = pgTable('meeting_subject', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => jointMeeting.id),
  subjectType: text('subject_type').notNull(),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  orgId: uuid('org_id').notNull().references(() => org.id),
  /** Why it is on the agenda: entries / warnings / team_problem / proposed. */
  reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
  content: jsonb('content').notNull(),
  addedVersion: integer('added_version').notNull(),
  changedVersion: integer('changed_version').notNull(),
  droppedVersion: integer('dropped_version'),
  removedAt: timestamp('removed_at', { withTimezone: true }),
  removedReason: text('removed_reason'),
  removedBy: uuid('removed_by'),
  removedByLogin: text('removed_by_login'),
  sortOrder: integer('sort_order').notNull().default(0),
}, (t) => [
  uniqueIndex('meeting_subject_uq').on(t.meetingId, t.subjectType, sql`coalesce(${t.cadreId}, ${t.teamId})`),
  index('meeting_subject_cadre_idx').on(t.cadreId).where(sql`${t.cadreId} is not null`),
  index('meeting_subject_team_idx').on(t.teamId).where(sql`${t.teamId} is not null`),
  check('meeting_subject_type', sql`${t.subjectType} in ('cadre','team')`),
  check('meeting_subject_ref', sql`(${t.subjectType} = 'cadre' and ${t.cadreId} is not null) or (${t.subjectType} = 'team' and ${t.teamId} is not null)`),
  check('meeting_subject_removed', sql`${t.removedAt} is null or ${t.removedReason} is not null`),
]);

/** Each compile of an agenda, with what changed against the previous one (append-only). */
export const meetingCompile = pgTable('meeting_compile', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => jointMeeting.id),
  version: integer('version').notNull(),
  since: date('since', { mode: 'string' }).notNull(),
  until: date('until', { mode: 'string' }).notNull(),
  subjects: integer('subjects').notNull(),
  added: integer('added').notNull(),
  dropped: integer('dropped').notNull(),
  changed: integer('changed').notNull(),
  diff: jsonb('diff').notNull(),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('meeting_compile_uq').on(t.meetingId, t.version)]);

/** 会商研判: a subject's conclusion (append-only; the latest per subject counts). */
export const meetingConclusion = pgTable('meeting_conclusion', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => jointMeeting.id),
  subjectId: uuid('subject_id').notNull().references(() => meetingSubject.id),
  conclusion: text('conclusion').notNull(),
  departmentCode: text('department_code').references(() => department.code),
  deadline: date('deadline', { mode: 'string' }),
  note: text('note'),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('meeting_conclusion_subject_idx').on(t.subjectId, t.at),
  index('meeting_conclusion_meeting_idx').on(t.meetingId),
]);

/** Attendance as recorded (append-only snapshots; the latest counts). `rows`: MeetingAttendanceRow[]. */
export const meetingAttendance = pgTable('meeting_attendance', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => jointMeeting.id),
  rows: jsonb('rows').notNull(),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('meeting_attendance_meeting_idx').on(t.meetingId, t.at)]);

/**
 * 督办事项: a conclusion that asks for action, given to a department with a deadline. `status` is the
 * projection of meeting_task_event: open 办理中 → answered 已反馈 → closed 已销号, or returned 退回 (back to
 * the department), cancelled when the conclusion changed to one that asks for nothing.
 */
export const meetingTask = pgTable('meeting_task', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  meetingId: uuid('meeting_id').notNull().references(() => jointMeeting.id),
  subjectId: uuid('subject_id').notNull().references(() => meetingSubject.id),
  conclusionId: uuid('conclusion_id').notNull().references(() => meetingConclusion.id),
  subjectType: text('subject_type').notNull(),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  orgId: uuid('org_id').notNull().references(() => org.id),
  conclusion: text('conclusion').notNull(),
  departmentCode: text('department_code').notNull().references(() => department.code),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  /** The ledger record that fulfils it (a talk, a 函询, a 诫勉, a clarification). */
  entryId: uuid('entry_id'),
  answeredOn: date('answered_on', { mode: 'string' }),
  closedOn: date('closed_on', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('meeting_task_subject_uq').on(t.subjectId).where(sql`${t.status} <> 'cancelled'`),
  index('meeting_task_department_idx').on(t.departmentCode, t.status, t.deadline),
  index('meeting_task_meeting_idx').on(t.meetingId),
  index('meeting_task_cadre_idx').on(t.cadreId).where(sql`${t.cadreId} is not null`),
  index('meeting_task_team_idx').on(t.teamId).where(sql`${t.teamId} is not null`),
  check('meeting_task_status', sql`${t.status} in ('open','answered','closed','returned','cancelled')`),
  check('meeting_task_subject', sql`${t.subjectType} in ('cadre','team')`),
]);

export const meetingTaskEvent = pgTable('meeting_task_event', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  taskId: uuid('task_id').notNull().references(() => meetingTask.id),
  action: text('action').notNull(),
  note: text('note'),
  entryId: uuid('entry_id'),
  departmentCode: text('department_code'),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('meeting_task_event_task_idx').on(t.taskId, t.at),
  check('meeting_task_event_action', sql`${t.action} in ('create','update','answer','close','return','link','cancel')`),
]);

/** A department's answer's attachments: SM4-encrypted like the ledger's (AAD `meeting-task-attachment:<id>`). */
export const meetingTaskAttachment = pgTable('meeting_task_attachment', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  taskId: uuid('task_id').notNull().references(() => meetingTask.id),
  eventId: uuid('event_id').notNull().references(() => meetingTaskEvent.id),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sm3: bytea('sm3').notNull(),
  data: bytea('data').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('meeting_task_attachment_task_idx').on(t.taskId)]);
