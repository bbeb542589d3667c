import type { Transaction as PgliteTransactionClient } from '@electric-sql/pglite';
import { and, asc, desc, eq, gt, is, sql } from 'drizzle-orm';
import { PgliteTransaction } from 'drizzle-orm/pglite';
import { rows, type Tx } from '../db/client.ts';
import { importBatch, importFileChunk, importIssue, importRejectChunk, importStaging, importStagingText } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { cadreManaged, teamManaged } from './orgs.repository.ts';

export type BatchRow = typeof importBatch.$inferSelect;
export type StagingInsert = typeof importStaging.$inferInsert;

export interface CadreMatch { id: string; name: string; orgId: string; orgName: string; regionCode: string }
export interface OrgMatch { id: string; name: string; regionCode: string; teamId: string | null }

/** Cadres in scope by blind index (one query for a chunk of rows). */
export async function cadresByBlindIndex(tx: Tx, bidx: Buffer[], scope: Scope | null): Promise<Map<string, CadreMatch>> {
  if (bidx.length === 0) return new Map();
  const r = await rows<CadreMatch & { bidx: Buffer | Uint8Array }>(tx, sql`
    select c.id_number_bidx as bidx, c.id, c.name, c.org_id as "orgId", o.name as "orgName", c.region_code as "regionCode"
    from cadre c join org o on o.id = c.org_id
    where c.id_number_bidx = any(${sql.param(bidx)}::bytea[]) ${scope ? sql`and o.path like ${scope.path + '%'}` : sql``} and ${cadreManaged(sql`c.manage_level`, scope)}`);
  return new Map(r.map((x) => [Buffer.from(x.bidx).toString('hex'), { id: x.id, name: x.name, orgId: x.orgId, orgName: x.orgName, regionCode: x.regionCode }]));
}

/** Cadres in scope by exact name within orgs named so (name + 单位, or a former name of it), keyed `name|orgName`. */
export async function cadresByNameAndOrg(tx: Tx, pairs: Array<[string, string]>, scope: Scope | null): Promise<Map<string, CadreMatch[]>> {
  const out = new Map<string, CadreMatch[]>();
  const unique = [...new Map(pairs.map((p) => [`${p[0]}|${p[1]}`, p])).values()];
  if (unique.length === 0) return out;
  pairs = unique;
  const r = await rows<CadreMatch & { asTyped: string }>(tx, sql`
    select distinct q.org_name as "asTyped", c.id, c.name, c.org_id as "orgId", o.name as "orgName", c.region_code as "regionCode"
    from unnest(${sql.param(pairs.map((p) => p[0]))}::text[], ${sql.param(pairs.map((p) => p[1]))}::text[]) as q(name, org_name)
    join org o on (o.name = q.org_name or o.short_name = q.org_name or q.org_name = any(o.former_names)) ${scope ? sql`and o.path like ${scope.path + '%'}` : sql``}
    join cadre c on c.org_id = o.id and c.name = q.name and ${cadreManaged(sql`c.manage_level`, scope)}`);
  // Keyed by the unit as the sheet wrote it: its full name or its short name.
  for (const { asTyped, ...m } of r) out.set(`${m.name}|${asTyped}`, [...(out.get(`${m.name}|${asTyped}`) ?? []), m]);
  return out;
}

/**
 * Living orgs in scope (not 已撤销) by exact name or short name, with their team; else by a former name (a
 * unit renamed in 机构改革): a current name match wins over a former-name match.
 */
export async function orgsByName(tx: Tx, names: string[], scope: Scope | null): Promise<Map<string, OrgMatch[]>> {
  const out = new Map<string, OrgMatch[]>();
  names = [...new Set(names)];
  if (names.length === 0) return out;
  const r = await rows<OrgMatch & { matched: string; former: boolean }>(tx, sql`
    select q.n as matched, not (o.name = q.n or o.short_name is not distinct from q.n) as former,
      o.id, o.name, o.region_code as "regionCode", t.id as "teamId"
    from unnest(${sql.param(names)}::text[]) as q(n)
    join org o on (o.name = q.n or o.short_name = q.n or q.n = any(o.former_names)) and o.abolished_on is null
      ${scope ? sql`and o.path like ${scope.path + '%'}` : sql``}
    left join team t on t.org_id = o.id and ${teamManaged(sql`t.id`, scope)}`);
  const current = new Set(r.filter((m) => !m.former).map((m) => m.matched));
  for (const m of r) {
    if (m.former && current.has(m.matched)) continue;
    out.set(m.matched, [...(out.get(m.matched) ?? []), { id: m.id, name: m.name, regionCode: m.regionCode, teamId: m.teamId }]);
  }
  return out;
}

export async function insertBatch(tx: Tx, b: typeof importBatch.$inferInsert): Promise<void> {
  await tx.insert(importBatch).values(b);
}

export async function updateBatch(tx: Tx, id: string, patch: Partial<typeof importBatch.$inferInsert>): Promise<void> {
  await tx.update(importBatch).set(patch).where(eq(importBatch.id, id));
}

export async function findBatch(tx: Tx, id: string): Promise<BatchRow | null> {
  const [b] = await tx.select().from(importBatch).where(eq(importBatch.id, id));
  return b ?? null;
}

export async function listBatches(tx: Tx, createdBy: string | null, limit: number): Promise<BatchRow[]> {
  return tx.select().from(importBatch).where(createdBy ? eq(importBatch.createdBy, createdBy) : sql`true`)
    .orderBy(desc(importBatch.createdAt)).limit(limit);
}

export async function insertFileChunk(tx: Tx, batchId: string, idx: number, data: Buffer): Promise<void> {
  await tx.insert(importFileChunk).values({ batchId, idx, data });
}

export async function fileChunk(tx: Tx, batchId: string, idx: number): Promise<Buffer | null> {
  const [f] = await tx.select({ data: importFileChunk.data }).from(importFileChunk).where(and(eq(importFileChunk.batchId, batchId), eq(importFileChunk.idx, idx)));
  return f?.data ?? null;
}

export async function dropFile(tx: Tx, batchId: string): Promise<void> {
  await tx.delete(importFileChunk).where(eq(importFileChunk.batchId, batchId));
}

export async function deleteBatch(tx: Tx, batchId: string): Promise<void> {
  await tx.delete(importBatch).where(eq(importBatch.id, batchId));
}

export async function clearWork(tx: Tx, batchId: string): Promise<void> {
  await tx.delete(importStaging).where(eq(importStaging.batchId, batchId));
  await tx.delete(importStagingText).where(eq(importStagingText.batchId, batchId));
  await tx.delete(importIssue).where(eq(importIssue.batchId, batchId));
}

export async function insertIssues(tx: Tx, batchId: string, issues: Array<{ row: number; column: string; message: string }>): Promise<void> {
  if (issues.length === 0) return;
  await tx.execute(sql`insert into import_issue (batch_id, row, "column", message)
    select ${batchId}::uuid, r, c, m from unnest(${sql.param(issues.map((i) => i.row))}::int[], ${sql.param(issues.map((i) => i.column))}::text[], ${sql.param(issues.map((i) => i.message))}::text[]) as x(r, c, m)`);
}

export async function issuesOf(tx: Tx, batchId: string, afterRow: number, limit: number) {
  return tx.select({ row: importIssue.row, column: importIssue.column, message: importIssue.message }).from(importIssue)
    .where(and(eq(importIssue.batchId, batchId), gt(importIssue.row, afterRow))).orderBy(asc(importIssue.row)).limit(limit);
}

/** All problems of a batch (for the rejects file and the CLI), in row order. */
export async function allIssues(tx: Tx, batchId: string) {
  return tx.select({ row: importIssue.row, column: importIssue.column, message: importIssue.message }).from(importIssue)
    .where(eq(importIssue.batchId, batchId)).orderBy(asc(importIssue.row));
}

const STAGING_COLUMNS = ['row', 'id', 'kind', 'source_dept', 'cadre_id', 'team_id', 'org_id', 'region_code', 'occurred_on', 'ref_no', 'summary', 'outcome', 'details', 'impact_until', 'impact_basis', 'sensitivity', 'natural_key', 'sealed'] as const;

/** The PGlite transaction under a drizzle one (for COPY … FROM '/dev/blob'); null on node-postgres. */
function pgliteClient(tx: Tx): PgliteTransactionClient | null {
  return is(tx, PgliteTransaction) ? (tx as unknown as { session: { client: PgliteTransactionClient } }).session.client : null;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/u.test(s) ? s.replace(/[\\\t\n\r]/gu, (c) => COPY_ESCAPES[c]!) : s;
}

/**
 * Stages a chunk of checked rows with one statement: on PGlite a COPY from a blob (the rows as COPY text;
 * a third less CPU than the INSERT … unnest, whose array parameters are serialized and parsed value by
 * value), on node-postgres one INSERT … SELECT FROM unnest(…).
 */
export async function stageRows(tx: Tx, batchId: string, r: StagingInsert[]): Promise<void> {
  if (r.length === 0) return;
  const lite = pgliteClient(tx);
  if (lite) {
    let text = '';
    for (const x of r) {
      text += `${batchId}\t${x.row}\t${x.id}\t${copyText(x.kind)}\t${copyText(x.sourceDept)}\t${copyText(x.cadreId)}\t${copyText(x.teamId)}\t${copyText(x.orgId)}\t`
        + `${copyText(x.regionCode)}\t${copyText(x.occurredOn)}\t${copyText(x.refNo)}\t${copyText(x.summary)}\t${copyText(x.outcome)}\t${copyText(x.details == null ? null : JSON.stringify(x.details))}\t`
        + `${copyText(x.impactUntil)}\t${copyText(x.impactBasis)}\t${copyText(x.sensitivity)}\t${copyText(x.naturalKey)}\t${x.sealed ? `\\\\x${Buffer.from(x.sealed).toString('hex')}` : '\\N'}\t${gramsText(x.summaryGrams)}\n`;
    }
    await lite.query(`copy import_staging (batch_id, ${STAGING_COLUMNS.map((c) => `"${c}"`).join(', ')}, summary_grams) from '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const col = <K extends keyof StagingInsert>(k: K) => sql.param(r.map((x) => x[k] ?? null));
  const cols = sql.join(STAGING_COLUMNS.map((c) => sql.identifier(c)), sql`, `);
  await tx.execute(sql`insert into import_staging (batch_id, ${cols}, summary_grams)
    select ${batchId}::uuid, ${cols}, u.summary_grams::int4[] from unnest(
      ${col('row')}::int[], ${col('id')}::uuid[], ${col('kind')}::text[], ${col('sourceDept')}::text[], ${col('cadreId')}::uuid[],
      ${col('teamId')}::uuid[], ${col('orgId')}::uuid[], ${col('regionCode')}::text[], ${col('occurredOn')}::date[], ${col('refNo')}::text[],
      ${col('summary')}::text[], ${col('outcome')}::text[], ${sql.param(r.map((x) => (x.details == null ? null : JSON.stringify(x.details))))}::jsonb[], ${col('impactUntil')}::date[],
      ${col('impactBasis')}::text[], ${col('sensitivity')}::text[], ${col('naturalKey')}::text[], ${col('sealed')}::bytea[],
      ${sql.param(r.map((x) => (x.summaryGrams ? gramsText(x.summaryGrams) : null)))}::text[]) as u(${cols}, summary_grams)`);
}

/** An int4[] in its text form ('{1,-2}'); \N for none (COPY's null). */
function gramsText(g: number[] | null | undefined): string {
  return g ? `{${g.join(',')}}` : '\\N';
}

export async function existingKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await rows<{ k: string }>(tx, sql`select natural_key as k from entry where version = 1 and natural_key = any(${sql.param(keys)}::text[])`);
  return new Set(r.map((x) => x.k));
}

/** Staged rows moved into the ledger per statement (all of them still in the caller's one transaction). */
export const COMMIT_SLICE = 50_000;

/** A check chunk's 文号 and 明细, sealed by the caller (AAD `import-staging-text:<batch>:<first row>`). */
export async function insertStagingText(tx: Tx, batchId: string, firstRow: number, lastRow: number, data: Buffer): Promise<void> {
  // As base64 text: PGlite serializes a bytea parameter byte by byte (~0.1 s for a chunk's blob).
  await tx.execute(sql`insert into import_staging_text (batch_id, first_row, last_row, data)
    values (${batchId}::uuid, ${firstRow}, ${lastRow}, decode(${data.toString('base64')}, 'base64'))`);
}

/** The opened texts of staged rows, by staged id: a field left out is taken from the staged row. */
export interface Unsealed { id: string; refNo: string | null; summary?: string; outcome?: string | null; details: Record<string, unknown> }
/** What a slice's sealed texts come as: one blob per check chunk (since 0032), or per row (rows staged before it). */
export interface SealedTexts { chunks: Array<{ firstRow: number; data: Buffer }>; rows: Array<{ id: string; sealed: Buffer }> }

/**
 * The opened texts of a slice into the temporary table `import_open` (emptied first): on PGlite a COPY from a
 * blob, on node-postgres one INSERT … SELECT FROM unnest(…).
 */
async function loadOpen(tx: Tx, open: Unsealed[]): Promise<void> {
  await tx.execute(sql`create temporary table if not exists import_open (id uuid, ref_no text, summary text, outcome text, details jsonb, own_texts boolean) on commit drop`);
  await tx.execute(sql`truncate import_open`);
  if (open.length === 0) return;
  const lite = pgliteClient(tx);
  if (lite) {
    let text = '';
    for (const o of open) {
      text += `${o.id}\t${copyText(o.refNo)}\t${copyText(o.summary)}\t${copyText(o.outcome)}\t${copyText(JSON.stringify(o.details ?? null))}\t${o.summary === undefined ? 'f' : 't'}\n`;
    }
    await lite.query(`copy import_open from '/dev/blob'`, [], { blob: new Blob([text]) });
  } else {
    await tx.execute(sql`insert into import_open select * from unnest(${sql.param(open.map((o) => o.id))}::uuid[], ${sql.param(open.map((o) => o.refNo))}::text[],
      ${sql.param(open.map((o) => o.summary ?? null))}::text[], ${sql.param(open.map((o) => o.outcome ?? null))}::text[],
      ${sql.param(open.map((o) => JSON.stringify(o.details ?? null)))}::jsonb[], ${sql.param(open.map((o) => o.summary !== undefined))}::boolean[])`);
  }
  await tx.execute(sql`analyze import_open`);
}

/**
 * Moves the staged rows into the ledger, version 1 of each new entry and its head; rows whose natural key
 * exists already (an earlier import of the same record) are skipped. One statement per slice of
 * COMMIT_SLICE rows (in row order) inside the caller's transaction: a single statement over a million rows
 * queues five foreign-key trigger events a row until its end, and PGlite's WASM heap never gives back what
 * that queue took. The slice's sealed 文号/明细 are opened by `unseal` (in memory) and joined back by id
 * from a temporary table; the 摘要/处理结果 are copied in their sealed entry form.
 */
export async function commitStaged(
  tx: Tx, batchId: string, status: 'pending' | 'accepted', by: { userId: string | null; login: string | null }, at: Date,
  unseal: (sealed: SealedTexts) => Unsealed[], slice = COMMIT_SLICE,
): Promise<number> {
  let imported = 0;
  // Sorts and the statement's queued rows in memory, not in temporary files (this transaction only).
  await tx.execute(sql`set local work_mem = '64MB'`);
  for (let after: number | null = -1; after !== null;) {
    const from: number = after;
    const edge: Array<{ row: number }> = await rows(tx, sql`select "row" from import_staging where batch_id = ${batchId}::uuid and "row" > ${from}
      order by "row" offset ${slice - 1} limit 1`);
    const upTo: number | null = edge[0]?.row ?? null;
    const range = sql`s.batch_id = ${batchId}::uuid and s."row" > ${from} ${upTo === null ? sql`` : sql`and s."row" <= ${upTo}`}`;
    const chunks = await rows<{ firstRow: number; data: string }>(tx, sql`select first_row as "firstRow", encode(data, 'base64') as data from import_staging_text
      where batch_id = ${batchId}::uuid and last_row > ${from} ${upTo === null ? sql`` : sql`and first_row <= ${upTo}`} order by first_row`);
    const perRow = await rows<{ id: string; sealed: Buffer | Uint8Array }>(tx, sql`select s.id, s.sealed from import_staging s where ${range} and s.sealed is not null`);
    await loadOpen(tx, unseal({
      chunks: chunks.map((c) => ({ firstRow: c.firstRow, data: Buffer.from(c.data, 'base64') })),
      rows: perRow.map((x) => ({ id: x.id, sealed: Buffer.from(x.sealed) })),
    }));
    const r = await rows<{ n: number | string }>(tx, sql`
      with ins as (
        insert into entry (id, entry_id, version, action, kind, source_dept, cadre_id, team_id, org_id, region_code, occurred_on, ref_no,
          summary, outcome, details, impact_until, impact_basis, sensitivity, provenance, batch_id, natural_key, created_by, created_by_login, created_at, summary_grams)
        select s.id, s.id, 1, 'create', s.kind, s.source_dept, s.cadre_id, s.team_id, s.org_id, s.region_code, s.occurred_on,
          case when x.id is null then s.ref_no else x.ref_no end,
          case when x.own_texts then x.summary else s.summary end, case when x.own_texts then x.outcome else s.outcome end,
          case when x.id is null then s.details else x.details end, s.impact_until, s.impact_basis, s.sensitivity, 'excel', ${batchId}::uuid, s.natural_key,
          ${by.userId}::uuid, ${by.login}, ${at.toISOString()}::timestamptz, s.summary_grams
        from import_staging s left join import_open x on x.id = s.id where ${range}
        order by s."row"
        on conflict (natural_key) where version = 1 and natural_key is not null do nothing
        returning id, kind, source_dept, cadre_id, team_id, org_id, occurred_on
      ), head as (
        insert into entry_head (entry_id, version_id, version, status, kind, source_dept, cadre_id, team_id, org_id, occurred_on, updated_at)
        select id, id, 1, ${status}, kind, source_dept, cadre_id, team_id, org_id, occurred_on, ${at.toISOString()}::timestamptz from ins
        returning 1
      )
      select count(*) as n from head`);
    imported += Number(r[0]?.n ?? 0);
    after = upTo;
  }
  await tx.delete(importStaging).where(eq(importStaging.batchId, batchId));
  await tx.delete(importStagingText).where(eq(importStagingText.batchId, batchId));
  return imported;
}

export async function stagedCount(tx: Tx, batchId: string): Promise<number> {
  const r = await rows<{ n: number | string }>(tx, sql`select count(*) as n from import_staging where batch_id = ${batchId}::uuid`);
  return Number(r[0]?.n ?? 0);
}

// ── ownership (heartbeat), interruption and purge: services/imports/keeper.ts ──────────────────────────

const OPEN = sql`('uploading', 'queued', 'checking', 'committing')`;

/** The process's heartbeat on the batches it runs (and the cadre-import previews). */
export async function beat(tx: Tx, owner: string, at: Date): Promise<void> {
  await tx.execute(sql`update import_batch set heartbeat_at = ${at.toISOString()}::timestamptz where owner = ${owner}::uuid and status in ${OPEN}`);
  await tx.execute(sql`update cadre_import set heartbeat_at = ${at.toISOString()}::timestamptz where owner = ${owner}::uuid and status = 'checking'`);
}

/**
 * Jobs whose owner stopped beating (`staleBefore`; null = every owner but `me`, for the embedded database
 * that one process alone opens) are marked interrupted. A check loses its half-staged rows (it is run
 * again); a commit was one transaction, rolled back with its process: its staged rows are intact and it
 * can be resumed. An upload that never finished is removed with its pieces.
 */
export async function reclaimStale(tx: Tx, me: string, staleBefore: Date | null, at: Date): Promise<{ checks: number; commits: number; uploads: number; previews: number }> {
  const stale = sql`owner is distinct from ${me}::uuid ${staleBefore ? sql`and (heartbeat_at is null or heartbeat_at < ${staleBefore.toISOString()}::timestamptz)` : sql``}`;
  const gone = await rows<{ id: string }>(tx, sql`delete from import_batch where status = 'uploading' and ${stale} returning id`);
  const r = await rows<{ id: string; was: string }>(tx, sql`
    with s as (select id, status from import_batch where status in ('queued', 'checking', 'committing') and ${stale} for update)
    update import_batch b set status = 'interrupted', owner = null, updated_at = ${at.toISOString()}::timestamptz,
      progress = case when s.status = 'committing' then b.progress else 0 end,
      error = case when s.status = 'committing' then '导入时服务停止，可继续导入' else '检查时服务停止，请重新检查' end
    from s where b.id = s.id returning b.id, s.status as was`);
  const checks = r.filter((x) => x.was !== 'committing').map((x) => x.id);
  if (checks.length) {
    await tx.execute(sql`delete from import_staging where batch_id = any(${sql.param(checks)}::uuid[])`);
    await tx.execute(sql`delete from import_staging_text where batch_id = any(${sql.param(checks)}::uuid[])`);
    await tx.execute(sql`delete from import_issue where batch_id = any(${sql.param(checks)}::uuid[])`);
    await tx.execute(sql`delete from import_reject where batch_id = any(${sql.param(checks)}::uuid[])`);
    await tx.execute(sql`delete from import_reject_chunk where batch_id = any(${sql.param(checks)}::uuid[])`);
  }
  const previews = await rows<{ id: string }>(tx, sql`update cadre_import set status = 'interrupted', owner = null
    where status = 'checking' and ${stale} returning id`);
  return { checks: checks.length, commits: r.length - checks.length, uploads: gone.length, previews: previews.length };
}

/**
 * Work rows of imports that are over are deleted: staging of finished, cancelled, failed and expired
 * batches (and of batches that no longer exist); unfinished imports untouched since `expireBefore` expire
 * (upload, staging, problems, rejected rows gone); rejected rows of finished imports go after the same
 * time. (Cadre imports' uploads expire in services/housekeeping.ts, audited.)
 */
export async function purge(tx: Tx, expireBefore: Date, at: Date): Promise<{ expired: number; staging: number; rejects: number }> {
  const expired = await rows<{ id: string }>(tx, sql`update import_batch set status = 'expired', owner = null, updated_at = ${at.toISOString()}::timestamptz,
      finished_at = ${at.toISOString()}::timestamptz, error = '超过保留期限，上传的文件已清除'
    where status in ('uploaded', 'checked', 'interrupted', 'failed') and updated_at < ${expireBefore.toISOString()}::timestamptz returning id`);
  const staging = await rows<{ n: number | string }>(tx, sql`with d as (delete from import_staging s where not exists (
      select 1 from import_batch b where b.id = s.batch_id and (b.status in ('uploaded', 'queued', 'checking', 'checked', 'committing')
        or (b.status = 'interrupted' and b.progress = 100))) returning 1) select count(*) as n from d`);
  await tx.execute(sql`delete from import_staging_text t using import_batch b where b.id = t.batch_id and not (b.status in ('uploaded', 'queued', 'checking', 'checked', 'committing')
      or (b.status = 'interrupted' and b.progress = 100))`);
  await tx.execute(sql`delete from import_file_chunk f using import_batch b where b.id = f.batch_id and b.status in ('done', 'cancelled', 'expired')`);
  await tx.execute(sql`delete from import_issue i using import_batch b where b.id = i.batch_id and b.status = 'expired'`);
  const over = sql`b.status in ('done', 'cancelled', 'expired') and coalesce(b.finished_at, b.updated_at) < ${expireBefore.toISOString()}::timestamptz`;
  const a = await rows<{ n: number | string }>(tx, sql`with d as (delete from import_reject_chunk r using import_batch b where b.id = r.batch_id and (${over} or b.status = 'expired') returning 1) select count(*) as n from d`);
  const b2 = await rows<{ n: number | string }>(tx, sql`with d as (delete from import_reject r using import_batch b where b.id = r.batch_id and (${over} or b.status = 'expired') returning 1) select count(*) as n from d`);
  return { expired: expired.length, staging: Number(staging[0]?.n ?? 0), rejects: Number(a[0]?.n ?? 0) + Number(b2[0]?.n ?? 0) };
}

/** A check chunk's rejected rows, sealed by the caller (SM4, AAD `import-reject:<batch>:<first row>`). */
export async function insertRejectChunk(tx: Tx, batchId: string, firstRow: number, data: Buffer): Promise<void> {
  await tx.insert(importRejectChunk).values({ batchId, firstRow, data });
}

export async function rejectChunksOf(tx: Tx, batchId: string): Promise<Array<{ firstRow: number; data: Buffer }>> {
  return tx.select({ firstRow: importRejectChunk.firstRow, data: importRejectChunk.data }).from(importRejectChunk)
    .where(eq(importRejectChunk.batchId, batchId)).orderBy(asc(importRejectChunk.firstRow));
}

/** Rows rejected by imports checked before 0015 (plaintext cells); purged with their batch's other work rows. */
export async function rejectsOf(tx: Tx, batchId: string): Promise<Array<{ row: number; cells: unknown[] }>> {
  const r = await rows<{ row: number; cells: unknown }>(tx, sql`select row, cells from import_reject where batch_id = ${batchId}::uuid order by row`);
  return r.map((x) => ({ row: x.row, cells: (typeof x.cells === 'string' ? JSON.parse(x.cells) : x.cells) as unknown[] }));
}

export async function clearRejects(tx: Tx, batchId: string): Promise<void> {
  await tx.execute(sql`delete from import_reject where batch_id = ${batchId}::uuid`);
  await tx.delete(importRejectChunk).where(eq(importRejectChunk.batchId, batchId));
}

export async function listBatchesByFile(tx: Tx, fileSm3: string, kind: string, sourceDept: string): Promise<BatchRow[]> {
  return tx.select().from(importBatch)
    .where(and(eq(importBatch.fileSm3, fileSm3), eq(importBatch.kind, kind), eq(importBatch.sourceDept, sourceDept), eq(importBatch.status, 'done')))
    .orderBy(desc(importBatch.createdAt));
}
