import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { department } from './accounts.ts';
import { bytea, cadre, org, team } from './registry.ts';

/**
 * The supervision ledger. Every row is one version of an entry and is never updated or deleted
 * (triggers refuse it): a correction is version n+1 with action 'correct', a withdrawal a version with
 * action 'withdraw'. (entry_id, version) is unique, so two people correcting the same version cannot both win.
 */
export const entry = pgTable('entry', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  entryId: uuid('entry_id').notNull(),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  kind: text('kind').notNull(),
  sourceDept: text('source_dept').notNull().references(() => department.code),
  cadreId: uuid('cadre_id').references(() => cadre.id),
  teamId: uuid('team_id').references(() => team.id),
  /** The subject's org when written: the jurisdiction condition joins through it. */
  orgId: uuid('org_id').notNull().references(() => org.id),
  regionCode: text('region_code').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  refNo: text('ref_no'),
  /** 摘要 and 处理结果 sealed (`enc1:…`, crypto/entry-text.ts); rows written before that are plaintext. */
  summary: text('summary').notNull(),
  outcome: text('outcome'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  impactUntil: date('impact_until', { mode: 'string' }),
  impactBasis: text('impact_basis'),
  sensitivity: text('sensitivity').notNull(),
  provenance: text('provenance').notNull(),
  batchId: uuid('batch_id'),
  /** Idempotency: the same source record (import row, API item) never becomes two entries. */
  naturalKey: text('natural_key'),
  reason: text('reason'),
  /** Keyed hashes of the 摘要's bigrams, the search's blind index (crypto/entry-search.ts, GIN); null until backfilled. */
  summaryGrams: integer('summary_grams').array(),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('entry_version_uq').on(t.entryId, t.version),
  uniqueIndex('entry_natural_key_uq').on(t.naturalKey).where(sql`${t.version} = 1 and ${t.naturalKey} is not null`),
  // No (cadre_id …) or (team_id …) index here: lists and timelines select on entry_head, then join the
  // versions by id (each index costs every insert, ~10% of a bulk import's commit on PGlite).
  index('entry_batch_idx').on(t.batchId),
  index('entry_summary_grams_idx').using('gin', t.summaryGrams),
  check('entry_subject', sql`${t.cadreId} is not null or ${t.teamId} is not null`),
  check('entry_action', sql`${t.action} in ('create','correct','withdraw')`),
  check('entry_provenance', sql`${t.provenance} in ('form','excel','api','lrmx')`),
]);

/**
 * The current version and review status of each entry: a derived index kept by the service in the same
 * transaction as the version it points to (the versions themselves stay untouched).
 */
export const entryHead = pgTable('entry_head', {
  entryId: uuid('entry_id').primaryKey(),
  versionId: uuid('version_id').notNull().references(() => entry.id),
  version: integer('version').notNull(),
  status: text('status').notNull(),
  reviewReason: text('review_reason'),
  kind: text('kind').notNull(),
  sourceDept: text('source_dept').notNull(),
  cadreId: uuid('cadre_id'),
  teamId: uuid('team_id'),
  orgId: uuid('org_id').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  // Partial: an entry is about a cadre or a team, so each row enters one of the two (a lookup by
  // cadre_id = $1 implies not null and uses the index all the same).
  index('entry_head_cadre_idx').on(t.cadreId, t.occurredOn).where(sql`${t.cadreId} is not null`),
  index('entry_head_team_idx').on(t.teamId, t.occurredOn).where(sql`${t.teamId} is not null`),
  index('entry_head_source_idx').on(t.sourceDept, t.status, t.occurredOn),
  index('entry_head_org_idx').on(t.orgId, t.occurredOn),
  /**
   * The ledger list and its exports walk everything in scope newest first (keyset on occurred_on, entry_id).
   * NULLS FIRST: what `order by … desc` means; an index DESC NULLS LAST cannot give that order (migration 0028).
   */
  index('entry_head_recent_idx').on(t.occurredOn.desc().nullsFirst(), t.entryId.desc().nullsFirst()),
  check('entry_head_status', sql`${t.status} in ('pending','accepted','returned','withdrawn')`),
]);

/** Accept / return decisions on member-department submissions (append-only). */
export const entryReview = pgTable('entry_review', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  entryId: uuid('entry_id').notNull(),
  versionId: uuid('version_id').notNull().references(() => entry.id),
  decision: text('decision').notNull(),
  reason: text('reason'),
  reviewedBy: uuid('reviewed_by'),
  reviewedByLogin: text('reviewed_by_login'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
}, (t) => [index('entry_review_entry_idx').on(t.entryId)]);

/** Attachments, in the database (outside any static root, in every backup, shared by all app processes). */
export const attachment = pgTable('attachment', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  entryId: uuid('entry_id').notNull(),
  versionId: uuid('version_id').notNull().references(() => entry.id),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sm3: bytea('sm3').notNull(),
  data: bytea('data').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('attachment_entry_idx').on(t.entryId)]);

/**
 * An import (Excel/CSV) and its progress: it runs as a job, so a user can leave the page and come back.
 * The file's SM3 identifies it; each row's natural key makes importing the same file twice add nothing.
 */
export const importBatch = pgTable('import_batch', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  fileSm3: text('file_sm3').notNull(),
  fileName: text('file_name').notNull(),
  kind: text('kind').notNull(),
  sourceDept: text('source_dept').notNull(),
  /** uploaded → checking → checked → committing → done | failed | interrupted | cancelled */
  status: text('status').notNull(),
  strict: boolean('strict').notNull().default(false),
  /** The user's manual header overrides (header text → field key or null). */
  mapping: jsonb('mapping').$type<Record<string, string | null>>(),
  /** The file's columns as read at the check (header text, index, field), for the rejects file later. */
  sheetMapping: jsonb('sheet_mapping').$type<import('@jiandu/domain').SheetMapping>(),
  headerRow: integer('header_row'),
  progress: integer('progress').notNull().default(0),
  rows: integer('rows').notNull().default(0),
  valid: integer('valid').notNull().default(0),
  imported: integer('imported').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  error: text('error'),
  /** Where the actor's rights came from: a member department imports for itself only. */
  actorMode: text('actor_mode').notNull().default('supervisor'),
  scopeOrgId: uuid('scope_org_id'),
  createdBy: uuid('created_by'),
  createdByLogin: text('created_by_login'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The app process running (or queueing) the job; it beats `heartbeat_at` (services/imports/keeper.ts). */
  owner: uuid('owner'),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  /** Size of the upload (plaintext bytes) kept in `import_file_chunk`. */
  fileBytes: bigint('file_bytes', { mode: 'number' }),
  /** The user's choices beyond the mapping (0025_import_options.sql): a roster's default unit and whether to create tenures. */
  options: jsonb('options').$type<{ orgId?: string | null; tenures?: boolean }>().notNull().default({}),
}, (t) => [
  index('import_batch_sm3_idx').on(t.fileSm3), index('import_batch_creator_idx').on(t.createdBy, t.createdAt),
  index('import_batch_open_idx').on(t.status).where(sql`status IN ('queued', 'checking', 'committing')`),
]);

/**
 * The uploaded file while its import is open, in 1 MiB pieces each SM4-encrypted (crypto/blob.ts, AAD
 * `import-file:<batch>:<idx>`) — in the database so every app process can read it; removed when the
 * import ends or expires (DATA-02, DATA-05).
 */
export const importFileChunk = pgTable('import_file_chunk', {
  batchId: uuid('batch_id').notNull().references(() => importBatch.id, { onDelete: 'cascade' }),
  idx: integer('idx').notNull(),
  data: bytea('data').notNull(),
}, (t) => [primaryKey({ name: 'import_file_chunk_pk', columns: [t.batchId, t.idx] })]);

/** The cells of rejected rows, a check chunk at a time, SM4-encrypted JSON (AAD `import-reject:<batch>:<first row>`). */
export const importRejectChunk = pgTable('import_reject_chunk', {
  batchId: uuid('batch_id').notNull().references(() => importBatch.id, { onDelete: 'cascade' }),
  firstRow: integer('first_row').notNull(),
  data: bytea('data').notNull(),
}, (t) => [primaryKey({ name: 'import_reject_chunk_pk', columns: [t.batchId, t.firstRow] })]);

/**
 * The 文号 and 明细 of a check chunk's staged ledger rows (`[{ id, refNo, details }]`), SM4-encrypted JSON
 * (AAD `import-staging-text:<batch>:<first row>`): one blob per chunk, opened by the commit (0032).
 */
export const importStagingText = pgTable('import_staging_text', {
  batchId: uuid('batch_id').notNull().references(() => importBatch.id, { onDelete: 'cascade' }),
  firstRow: integer('first_row').notNull(),
  lastRow: integer('last_row').notNull(),
  data: bytea('data').notNull(),
}, (t) => [primaryKey({ name: 'import_staging_text_pk', columns: [t.batchId, t.firstRow] })]);

/** Problems found in an import, by Excel row and column, for the preview and the rejected-rows file. */
export const importIssue = pgTable('import_issue', {
  batchId: uuid('batch_id').notNull().references(() => importBatch.id, { onDelete: 'cascade' }),
  row: integer('row').notNull(),
  column: text('column').notNull(),
  message: text('message').notNull(),
}, (t) => [index('import_issue_batch_idx').on(t.batchId, t.row)]);

/**
 * Valid rows of an import, checked and ready: the commit moves them into `entry` with one SQL statement
 * in one transaction (rows whose natural key already exists are skipped), then clears them.
 */
export const importStaging = pgTable('import_staging', {
  // No foreign key: a work table written by the check only (a per-row check of the batch cost ~1 s per
  // 100k staged rows on PGlite); its rows are cleared by a re-check, cancel and commit.
  batchId: uuid('batch_id').notNull(),
  row: integer('row').notNull(),
  id: uuid('id').notNull(),
  kind: text('kind').notNull(),
  sourceDept: text('source_dept').notNull(),
  cadreId: uuid('cadre_id'),
  teamId: uuid('team_id'),
  orgId: uuid('org_id').notNull(),
  regionCode: text('region_code').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  refNo: text('ref_no'),
  /** Ledger rows: the sealed entry form (`enc1:`, as entry.summary/outcome; null in rows staged 0015–0031, see `sealed`). Roster rows (and rows staged before 0015): plaintext name and create/update. */
  summary: text('summary'),
  outcome: text('outcome'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  impactUntil: date('impact_until', { mode: 'string' }),
  impactBasis: text('impact_basis'),
  sensitivity: text('sensitivity').notNull(),
  naturalKey: text('natural_key').notNull(),
  /**
   * Rows staged before 0032: {refNo, summary, outcome, details} SM4-encrypted (AAD `import-staging:<batch>:<id>`).
   * Since 0032 null: the 摘要/处理结果 are in `summary`/`outcome` in their sealed entry form, 文号 and 明细 in `import_staging_text`.
   */
  sealed: bytea('sealed'),
  /** The 摘要's search grams (crypto/entry-search.ts), copied into entry.summary_grams by the commit. */
  summaryGrams: integer('summary_grams').array(),
}, (t) => [index('import_staging_batch_idx').on(t.batchId, t.row)]);

/** The cells of each rejected row, so the annotated rejects file can be made after the upload is gone. */
export const importReject = pgTable('import_reject', {
  batchId: uuid('batch_id').notNull().references(() => importBatch.id, { onDelete: 'cascade' }),
  row: integer('row').notNull(),
  cells: jsonb('cells').$type<unknown[]>().notNull(),
}, (t) => [index('import_reject_batch_idx').on(t.batchId, t.row)]);
