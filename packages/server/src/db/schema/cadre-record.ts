import { integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { bytea, cadre } from './registry.ts';

/**
 * The 干部任免审批表 of a cadre beyond the registry columns: every field's text as written (so an export
 * gives it back unchanged), the 简历 as written and as parsed periods, unknown elements kept aside, and
 * the family members (sensitive: SM4-encrypted JSON, AAD `cadre:<id>:family`).
 */
export const cadreRecord = pgTable('cadre_record', {
  cadreId: uuid('cadre_id').primaryKey().references(() => cadre.id),
  fields: jsonb('fields').$type<Record<string, string>>().notNull(),
  resumeText: text('resume_text'),
  resume: jsonb('resume'),
  familyEnc: bytea('family_enc'),
  familyCount: integer('family_count').notNull().default(0),
  unknown: jsonb('unknown').$type<unknown[]>().notNull().default([]),
  sourceFormat: text('source_format').notNull(),
  sourceName: text('source_name'),
  sourceSm3: text('source_sm3'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The cadre's photo (from the 任免审批表 or uploaded), served on the profile. */
export const cadrePhoto = pgTable('cadre_photo', {
  cadreId: uuid('cadre_id').primaryKey().references(() => cadre.id),
  mime: text('mime').notNull(),
  data: bytea('data').notNull(),
  sm3: text('sm3').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * An import of cadres (任免审批表 files, a .zip of them, or a 花名册): the upload is kept until it is
 * committed or cancelled; the per-file (per-row) report with each update's field-by-field difference is
 * computed before anything is written.
 */
export const cadreImport = pgTable('cadre_import', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  format: text('format').notNull(),
  status: text('status').notNull(),
  fileName: text('file_name').notNull(),
  fileSm3: text('file_sm3').notNull(),
  data: bytea('data'),
  /** Default unit for new cadres (a 任免审批表 names no unit the system knows). */
  orgId: uuid('org_id'),
  report: jsonb('report'),
  files: integer('files').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The app process running the preview; it beats `heartbeat_at` (services/imports/keeper.ts). */
  owner: uuid('owner'),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
}, (t) => [index('cadre_import_creator_idx').on(t.createdBy, t.createdAt)]);
