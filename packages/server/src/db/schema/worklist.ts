import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser, department } from './accounts.ts';
import { cadre, org, team } from './registry.ts';
import { jointMeeting, obligation, warning } from './rules.ts';

/** 分派 / 办结 / 重新打开 of a 待办: append-only (migration 0026). */
export const obligationAction = pgTable('obligation_action', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  obligationId: uuid('obligation_id').notNull().references(() => obligation.id),
  action: text('action').notNull(),
  userId: uuid('user_id').references(() => appUser.id),
  note: text('note'),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('obligation_action_obligation_idx').on(t.obligationId, t.at),
  check('obligation_action_known', sql`${t.action} in ('assign','close','reopen')`),
]);

/** Who answers by default for an area's obligations, optionally of one kind: the latest row per (org, type) wins. */
export const obligationResponsible = pgTable('obligation_responsible', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  orgId: uuid('org_id').notNull().references(() => org.id),
  type: text('type'),
  userId: uuid('user_id').references(() => appUser.id),
  setBy: uuid('set_by'),
  setByLogin: text('set_by_login'),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('obligation_responsible_org_idx').on(t.orgId, t.type, t.setAt)]);

/** The follow-up taken on a warning (谈话提醒 / 函询 / 诫勉 / 转联席会议 / 其他): append-only; a 谈话提醒 is a rules fact. */
export const warningFollowup = pgTable('warning_followup', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  warningId: uuid('warning_id').notNull().references(() => warning.id),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  orgId: uuid('org_id').notNull().references(() => org.id),
  onDate: date('on_date', { mode: 'string' }).notNull(),
  note: text('note'),
  entryId: uuid('entry_id'),
  byId: uuid('by_id'),
  byLogin: text('by_login'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('warning_followup_warning_idx').on(t.warningId, t.at),
  index('warning_followup_cadre_idx').on(t.cadreId).where(sql`${t.cadreId} is not null`),
  check('warning_followup_known', sql`${t.action} in ('talk','inquiry','admonish','meeting','other')`),
  check('warning_followup_subject', sql`${t.subjectType} in ('cadre','team')`),
]);

/** 转联席会议: a subject waiting for the convener's next joint meeting (meeting_id set once a meeting takes it up). */
export const meetingAgendaItem = pgTable('meeting_agenda_item', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  convenerId: uuid('convener_id').notNull().references(() => org.id),
  meetingId: uuid('meeting_id').references(() => jointMeeting.id),
  subjectType: text('subject_type').notNull(),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  orgId: uuid('org_id').notNull().references(() => org.id),
  warningId: uuid('warning_id').references(() => warning.id),
  reason: text('reason').notNull(),
  addedBy: uuid('added_by'),
  addedByLogin: text('added_by_login'),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  /** A member department's proposal (issue 13): the department, and the submission it proposes from. */
  departmentCode: text('department_code').references(() => department.code),
  entryId: uuid('entry_id'),
}, (t) => [
  index('meeting_agenda_item_open_idx').on(t.convenerId, t.addedAt).where(sql`${t.meetingId} is null`),
  check('meeting_agenda_item_subject', sql`${t.subjectType} in ('cadre','team')`),
]);

/** The bell: in-app notifications only (no e-mail, no SMS); `dedupe` keeps a sweep from repeating one. */
export const notification = pgTable('notification', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  link: text('link'),
  dedupe: text('dedupe').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('notification_dedupe_idx').on(t.userId, t.dedupe),
  index('notification_user_idx').on(t.userId, t.createdAt.desc()),
  check('notification_kind', sql`${t.kind} in ('assigned','due_soon','overdue','decision','followup')`),
]);

