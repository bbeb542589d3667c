import { sql } from 'drizzle-orm';
import {
  boolean, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** 组织: a tree. `path` is the materialized path of ids ('/a/b/c/') so a subtree is one indexed LIKE. */
export const org = pgTable('org', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  parentId: uuid('parent_id').references((): any => org.id),
  path: text('path').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  type: text('type').notNull(),
  level: text('level').notNull(),
  /** The 组织部 org that holds 干部管理权限 over this org's leadership. */
  managedBy: uuid('managed_by').references((): any => org.id),
  regionCode: text('region_code').notNull(),
  flags: jsonb('flags').$type<Record<string, boolean>>().notNull().default({}),
  sortOrder: integer('sort_order').notNull().default(0),
  /** Names the unit had before a rename (机构改革): still matched on import. */
  formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
  /** The day the unit was abolished (or merged away); its history stays readable. */
  abolishedOn: date('abolished_on', { mode: 'string' }),
  /** The unit it was merged into. */
  mergedInto: uuid('merged_into').references((): any => org.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('org_parent_idx').on(t.parentId, t.sortOrder),
  index('org_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
  index('org_managed_by_idx').on(t.managedBy).where(sql`${t.managedBy} is not null`),
  uniqueIndex('org_parent_name_uq').on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name).where(sql`${t.abolishedOn} is null`),
]);

/** A unit's dated changes (create/import/rename/move/merge/abolish): append-only (0023_org_changes.sql). */
export const orgChange = pgTable('org_change', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  orgId: uuid('org_id').notNull().references(() => org.id),
  kind: text('kind').notNull(),
  effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  /** What changed: `{ from, to }` names, `{ fromParentId, toParentId }`, `{ intoId }` … */
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  reason: text('reason'),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('org_change_org_idx').on(t.orgId, t.effectiveDate),
  check('org_change_kind', sql`${t.kind} in ('create','import','rename','move','merge','abolish')`),
]);

/** 领导班子: one per org that has a leadership. */
export const team = pgTable('team', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  orgId: uuid('org_id').notNull().references(() => org.id).unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 干部. 身份证号 is SM4-encrypted; `id_number_bidx` is its HMAC-SM3 blind index for exact lookup. */
export const cadre = pgTable('cadre', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  gender: text('gender'),
  birth: text('birth'),
  ethnicity: text('ethnicity'),
  nativePlace: text('native_place'),
  birthPlace: text('birth_place'),
  partyDate: text('party_date'),
  workDate: text('work_date'),
  educationFullTime: text('education_full_time'),
  educationInService: text('education_in_service'),
  rank: text('rank'),
  /** 干部管理权限 (中管/省管/市管/县管): set by a trigger from the override, else from `rank` (0017_manage_level.sql). */
  manageLevel: text('manage_level').notNull().default('县管'),
  /** Set by a supervisor of a higher level; null = follow the rank. */
  manageLevelOverride: text('manage_level_override'),
  status: text('status').notNull().default('在职'),
  orgId: uuid('org_id').notNull().references(() => org.id),
  regionCode: text('region_code').notNull(),
  idNumberEnc: bytea('id_number_enc'),
  idNumberBidx: bytea('id_number_bidx'),
  idNumberMasked: text('id_number_masked'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  /** In the list's sort order, `collate "C"` (migration 0028). */
  index('cadre_pinyin_idx').on(sql`${t.namePinyin} collate "C"`, t.id),
  index('cadre_initials_idx').using('btree', sql`${t.nameInitials} text_pattern_ops`),
  index('cadre_name_idx').on(t.name),
  index('cadre_org_idx').on(t.orgId),
  index('cadre_manage_above_idx').on(t.manageLevel, t.orgId).where(sql`${t.manageLevel} <> '县管'`),
  check('cadre_manage_level', sql`${t.manageLevel} in ('中管','省管','市管','县管')`),
  check('cadre_manage_level_override', sql`${t.manageLevelOverride} is null or ${t.manageLevelOverride} in ('中管','省管','市管','县管')`),
  uniqueIndex('cadre_id_bidx_uq').on(t.idNumberBidx).where(sql`${t.idNumberBidx} is not null`),
]);

/** 任职: cadre × team × title. A cadre may hold several at once. */
export const tenure = pgTable('tenure', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  cadreId: uuid('cadre_id').notNull().references(() => cadre.id),
  teamId: uuid('team_id').notNull().references(() => team.id),
  title: text('title').notNull(),
  isPrincipal: boolean('is_principal').notNull().default(false),
  domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
  rank: text('rank'),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('tenure_cadre_idx').on(t.cadreId, t.startDate),
  index('tenure_team_idx').on(t.teamId).where(sql`${t.endDate} is null`),
]);

/**
 * 分工 changes during a tenure (0024_tenure_domains.sql): append-only. `tenure.domains` is the 分工 at the
 * start; the 分工 in force on a day is the latest row effective on or before it, else `tenure.domains`.
 */
export const tenureDomain = pgTable('tenure_domain', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  tenureId: uuid('tenure_id').notNull().references(() => tenure.id),
  domains: text('domains').array().notNull(),
  effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  reason: text('reason'),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('tenure_domain_tenure_idx').on(t.tenureId, t.effectiveDate)]);
