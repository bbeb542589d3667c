import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cadre, org, team } from './registry.ts';

/**
 * Warnings (预警) the rules raise. `identity` (rule|subject type|subject id|evidence key) is stable across
 * re-evaluations, so a warning keeps its status and history; one the facts no longer raise turns inactive
 * instead of disappearing. The lifecycle (新 → 已阅 → 已处置 / 已排除) is written here and in warning_event.
 */
export const warning = pgTable('warning', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  identity: text('identity').notNull().unique(),
  rule: text('rule').notNull(),
  colour: text('colour').notNull(),
  subjectType: text('subject_type').notNull(),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  /** The subject's org: scope and 区域 are conditions on its path. */
  orgId: uuid('org_id').notNull().references(() => org.id),
  evidence: uuid('evidence').array().notNull().default(sql`'{}'::uuid[]`),
  explanation: text('explanation').notNull(),
  until: date('until', { mode: 'string' }),
  active: boolean('active').notNull().default(true),
  status: text('status').notNull().default('new'),
  statusReason: text('status_reason'),
  statusBy: uuid('status_by'),
  statusByLogin: text('status_by_login'),
  statusAt: timestamp('status_at', { withTimezone: true }),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  lastChangedAt: timestamp('last_changed_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('warning_cadre_idx').on(t.cadreId).where(sql`${t.cadreId} is not null`),
  index('warning_team_idx').on(t.teamId).where(sql`${t.teamId} is not null`),
  index('warning_open_idx').on(t.colour, t.lastChangedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.active}`),
  /** The list's default view (open), newest change first (migration 0028). */
  index('warning_open_recent_idx').on(t.lastChangedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.active} and ${t.status} in ('new','read')`),
  index('warning_open_org_idx').on(t.orgId, t.rule, t.colour).where(sql`${t.active} and ${t.status} in ('new','read')`),
  check('warning_colour', sql`${t.colour} in ('red','yellow','blue')`),
  check('warning_subject', sql`${t.subjectType} in ('cadre','team')`),
  check('warning_status', sql`${t.status} in ('new','read','handled','dismissed')`),
]);

/** Every change of a warning (raised, colour or facts changed, cleared, read, handled, dismissed): append-only. */
export const warningEvent = pgTable('warning_event', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  warningId: uuid('warning_id').notNull().references(() => warning.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  action: text('action').notNull(),
  colour: text('colour'),
  status: text('status'),
  reason: text('reason'),
  byLogin: text('by_login'),
}, (t) => [index('warning_event_warning_idx').on(t.warningId, t.at)]);

/** Obligations (deadlines) computed from facts; the state (pending/done/overdue) is derived from due/done and today. */
export const obligation = pgTable('obligation', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  identity: text('identity').notNull().unique(),
  type: text('type').notNull(),
  subjectType: text('subject_type').notNull(),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  convenerId: uuid('convener_id').references(() => org.id),
  orgId: uuid('org_id').notNull().references(() => org.id),
  title: text('title').notNull(),
  triggeredOn: date('triggered_on', { mode: 'string' }).notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  doneOn: date('done_on', { mode: 'string' }),
  doneBy: text('done_by'),
  evidence: uuid('evidence').array().notNull().default(sql`'{}'::uuid[]`),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** Who answers for it now (default of the area, or the last 分派); history in obligation_action. */
  responsibleId: uuid('responsible_id'),
  /** Set by a 分派: the default of the area no longer applies to it. */
  assigned: boolean('assigned').notNull().default(false),
  /** 办结 by hand (no record needed), with its note; cleared by 重新打开. */
  closedOn: date('closed_on', { mode: 'string' }),
  closedByLogin: text('closed_by_login'),
  closeNote: text('close_note'),
}, (t) => [
  index('obligation_open_idx').on(t.dueOn, t.id).where(sql`${t.active} and ${t.doneOn} is null`),
  index('obligation_responsible_idx').on(t.responsibleId, t.dueOn, t.id).where(sql`${t.active} and ${t.doneOn} is null and ${t.closedOn} is null`),
  index('obligation_type_idx').on(t.type, t.dueOn).where(sql`${t.active}`),
  /** The 待办 list without a state filter (migration 0028). */
  index('obligation_active_due_idx').on(t.dueOn, t.id).where(sql`${t.active}`),
  index('obligation_active_org_idx').on(t.orgId, t.type, t.dueOn).where(sql`${t.active}`),
  index('obligation_cadre_idx').on(t.cadreId).where(sql`${t.cadreId} is not null`),
  index('obligation_team_idx').on(t.teamId).where(sql`${t.teamId} is not null`),
  check('obligation_subject', sql`${t.subjectType} in ('cadre','team','convener')`),
]);

/** When each subject was last evaluated and when time alone would change its result (the daily sweep's list). */
export const ruleSubject = pgTable('rule_subject', {
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
  nextReview: date('next_review', { mode: 'string' }),
}, (t) => [
  primaryKey({ columns: [t.subjectType, t.subjectId] }),
  index('rule_subject_next_idx').on(t.nextReview).where(sql`${t.nextReview} is not null`),
]);

/** A full re-evaluation and its progress (it runs as a job; the page shows it and can be left). */
export const ruleJob = pgTable('rule_job', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  status: text('status').notNull(),
  reason: text('reason').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  progress: integer('progress').notNull().default(0),
  total: integer('total').notNull().default(0),
  warningsChanged: integer('warnings_changed').notNull().default(0),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The import whose subjects this job re-evaluates (0029_rule_job_batch.sql); null: every subject. */
  batchId: uuid('batch_id'),
}, (t) => [
  index('rule_job_started_idx').on(t.startedAt.desc()),
  index('rule_job_batch_idx').on(t.batchId, t.startedAt).where(sql`${t.batchId} is not null`),
  check('rule_job_status', sql`${t.status} in ('running','done','failed','interrupted')`),
]);

/** 干部监督联席会议 held (the minimum the half-yearly obligation needs; the meeting module grows from here). */
export const jointMeeting = pgTable('joint_meeting', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  convenerId: uuid('convener_id').notNull().references(() => org.id),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  title: text('title').notNull(),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** 筹备 planned → 已召开 held → 纪要已定稿 minutes_final (a leader's 签批) → 已闭环 closed (every 督办事项 销号). */
  status: text('status').notNull().default('planned'),
  /** The agenda's period: entries accepted in [since, until]; until is the compile day while 筹备. */
  since: date('since', { mode: 'string' }),
  until: date('until', { mode: 'string' }),
  /** Member departments may propose subjects until this day (inclusive). */
  proposalCutoff: date('proposal_cutoff', { mode: 'string' }),
  location: text('location'),
  /** The latest compile (meeting_compile.version); 0 before the first. */
  agendaVersion: integer('agenda_version').notNull().default(0),
  /** 签批 of the minutes (permission meeting:approve); the minutes are final only then. */
  approvedBy: uuid('approved_by'),
  approvedByLogin: text('approved_by_login'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  approvalNote: text('approval_note'),
}, (t) => [
  index('joint_meeting_convener_idx').on(t.convenerId, t.heldOn),
  check('joint_meeting_status', sql`${t.status} in ('planned','held','minutes_final','closed')`),
]);
