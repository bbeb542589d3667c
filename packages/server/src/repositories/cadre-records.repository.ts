/**
 * SQL of the cadre imports: matching cadres (blind index, name + birth month), the state of a cadre an
 * import compares against (registry columns, 任免审批表 record, photo digest), the record and photo
 * upserts, and the `cadre_import` jobs.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import { cadre, cadreImport, cadrePhoto, cadreRecord, org } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { cadreManaged, inScope } from './orgs.repository.ts';

export type CadreRow = typeof cadre.$inferSelect;
export type RecordRow = typeof cadreRecord.$inferSelect;
export type ImportRow = typeof cadreImport.$inferSelect;

/** In scope: the subtree and the management levels the jurisdiction grants (干部管理权限). */
const scopeCond = (scope: Scope | null) => (scope ? sql`(o.path like ${scope.path + '%'} and ${cadreManaged(sql`c.manage_level`, scope)})` : sql`true`);

/** Cadres by blind index in any scope (the caller tells in-scope matches from ones it may not touch). */
export async function cadresByBidx(tx: Tx, bidx: Buffer[], scope: Scope | null): Promise<Map<string, { id: string; inScope: boolean }>> {
  if (bidx.length === 0) return new Map();
  const r = await rows<{ bidx: Buffer | Uint8Array; id: string; in_scope: boolean }>(tx, sql`
    select c.id_number_bidx as bidx, c.id, ${scopeCond(scope)} as in_scope
    from cadre c join org o on o.id = c.org_id
    where c.id_number_bidx = any(${sql.param(bidx)}::bytea[])`);
  return new Map(r.map((x) => [Buffer.from(x.bidx).toString('hex'), { id: x.id, inScope: x.in_scope }]));
}

export interface NameCandidate { id: string; name: string; birth: string | null; hasId: boolean }

/** In-scope cadres by exact name (and birth month when given), keyed `name|birth` (`name|` for name only). */
export async function cadresByNameBirth(tx: Tx, pairs: Array<[string, string | null]>, scope: Scope | null): Promise<Map<string, NameCandidate[]>> {
  const out = new Map<string, NameCandidate[]>();
  const unique = [...new Map(pairs.map((p) => [`${p[0]}|${p[1] ?? ''}`, p])).values()];
  if (unique.length === 0) return out;
  const r = await rows<NameCandidate & { q_birth: string }>(tx, sql`
    select q.birth as q_birth, c.id, c.name, c.birth, c.id_number_bidx is not null as "hasId"
    from unnest(${sql.param(unique.map((p) => p[0]))}::text[], ${sql.param(unique.map((p) => p[1] ?? ''))}::text[]) as q(name, birth)
    join cadre c on c.name = q.name and (q.birth = '' or c.birth = q.birth)
    join org o on o.id = c.org_id and ${scopeCond(scope)}
    order by c.id`);
  for (const m of r) {
    const key = `${m.name}|${m.q_birth}`;
    out.set(key, [...(out.get(key) ?? []), { id: m.id, name: m.name, birth: m.birth, hasId: m.hasId }]);
  }
  return out;
}

export interface CadreStateRow {
  cadre: CadreRow;
  orgName: string;
  record: RecordRow | null;
  photoSm3: string | null;
}

/** Everything an import compares against, for a set of cadres (in scope only). */
export async function statesOf(tx: Tx, ids: string[], scope: Scope | null): Promise<Map<string, CadreStateRow>> {
  if (ids.length === 0) return new Map();
  const found = await tx.select({ cadre, orgName: org.name, record: cadreRecord, photoSm3: cadrePhoto.sm3 }).from(cadre)
    .innerJoin(org, eq(org.id, cadre.orgId))
    .leftJoin(cadreRecord, eq(cadreRecord.cadreId, cadre.id))
    .leftJoin(cadrePhoto, eq(cadrePhoto.cadreId, cadre.id))
    .where(and(sql`${cadre.id} = any(${sql.param(ids)}::uuid[])`, inScope(org.path, scope), cadreManaged(cadre.manageLevel, scope)));
  return new Map(found.map((f) => [f.cadre.id, { cadre: f.cadre, orgName: f.orgName, record: f.record, photoSm3: f.photoSm3 }]));
}

/** Sets registry columns of a cadre if its version is still `version`; bumps the version. False on a conflict. */
export async function updateCadreIfVersion(tx: Tx, id: string, version: number, patch: Partial<typeof cadre.$inferInsert>, at: Date): Promise<boolean> {
  const r = await tx.update(cadre).set({ ...patch, version: version + 1, updatedAt: at })
    .where(and(eq(cadre.id, id), eq(cadre.version, version))).returning({ id: cadre.id });
  return r.length === 1;
}

export async function upsertRecord(tx: Tx, r: typeof cadreRecord.$inferInsert): Promise<void> {
  const { cadreId: _id, ...set } = r;
  await tx.insert(cadreRecord).values(r).onConflictDoUpdate({ target: cadreRecord.cadreId, set });
}

export async function findRecord(tx: Tx, cadreId: string): Promise<RecordRow | null> {
  const [r] = await tx.select().from(cadreRecord).where(eq(cadreRecord.cadreId, cadreId));
  return r ?? null;
}

export async function upsertPhoto(tx: Tx, p: typeof cadrePhoto.$inferInsert): Promise<void> {
  const { cadreId: _id, ...set } = p;
  await tx.insert(cadrePhoto).values(p).onConflictDoUpdate({ target: cadrePhoto.cadreId, set });
}

export async function findPhoto(tx: Tx, cadreId: string): Promise<{ mime: string; data: Buffer; sm3: string; updatedAt: Date } | null> {
  const [p] = await tx.select({ mime: cadrePhoto.mime, data: cadrePhoto.data, sm3: cadrePhoto.sm3, updatedAt: cadrePhoto.updatedAt })
    .from(cadrePhoto).where(eq(cadrePhoto.cadreId, cadreId));
  return p ?? null;
}

export async function hasPhoto(tx: Tx, cadreId: string): Promise<boolean> {
  const r = await rows<{ n: number }>(tx, sql`select 1 as n from cadre_photo where cadre_id = ${cadreId}::uuid`);
  return r.length > 0;
}

// ── cadre_import ─────────────────────────────────────────────────────────────

export async function insertImport(tx: Tx, row: typeof cadreImport.$inferInsert): Promise<void> {
  await tx.insert(cadreImport).values(row);
}

export async function updateImport(tx: Tx, id: string, patch: Partial<typeof cadreImport.$inferInsert>): Promise<void> {
  await tx.update(cadreImport).set(patch).where(eq(cadreImport.id, id));
}

/** The import without its upload. `forUpdate` locks the row for the commit. */
export async function findImport(tx: Tx, id: string, forUpdate = false): Promise<Omit<ImportRow, 'data' | 'owner' | 'heartbeatAt'> | null> {
  const q = tx.select({
    id: cadreImport.id, format: cadreImport.format, status: cadreImport.status, fileName: cadreImport.fileName, fileSm3: cadreImport.fileSm3,
    orgId: cadreImport.orgId, report: cadreImport.report, files: cadreImport.files, created: cadreImport.created, updated: cadreImport.updated,
    unchanged: cadreImport.unchanged, failed: cadreImport.failed, createdBy: cadreImport.createdBy, createdByLogin: cadreImport.createdByLogin,
    createdAt: cadreImport.createdAt, finishedAt: cadreImport.finishedAt,
  }).from(cadreImport).where(eq(cadreImport.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function importData(tx: Tx, id: string): Promise<Buffer | null> {
  const [r] = await tx.select({ data: cadreImport.data }).from(cadreImport).where(eq(cadreImport.id, id));
  return r?.data ?? null;
}

export type ImportListRow = Omit<ImportRow, 'data' | 'report' | 'owner' | 'heartbeatAt'> & { orgName: string | null; done: number; total: number; error: string | null };

export async function listImports(tx: Tx, createdBy: string | null, limit: number): Promise<ImportListRow[]> {
  return tx.select({
    id: cadreImport.id, format: cadreImport.format, status: cadreImport.status, fileName: cadreImport.fileName, fileSm3: cadreImport.fileSm3,
    orgId: cadreImport.orgId, files: cadreImport.files, created: cadreImport.created, updated: cadreImport.updated,
    unchanged: cadreImport.unchanged, failed: cadreImport.failed, createdBy: cadreImport.createdBy, createdByLogin: cadreImport.createdByLogin,
    createdAt: cadreImport.createdAt, finishedAt: cadreImport.finishedAt, orgName: org.name,
    done: sql<number>`coalesce((${cadreImport.report}->>'done')::int, 0)`, total: sql<number>`coalesce((${cadreImport.report}->>'total')::int, 0)`,
    error: sql<string | null>`${cadreImport.report}->>'error'`,
  }).from(cadreImport).leftJoin(org, eq(org.id, cadreImport.orgId))
    .where(createdBy ? eq(cadreImport.createdBy, createdBy) : sql`${cadreImport.createdBy} is null`)
    .orderBy(desc(cadreImport.createdAt)).limit(limit);
}

export async function orgNameOf(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [o] = await tx.select({ name: org.name }).from(org).where(eq(org.id, id));
  return o?.name ?? null;
}

// ── files at rest (services/housekeeping.ts) ────────────────────────────────

const MAGIC = sql`decode('4a444231', 'hex')`;

/** Photos still stored as plaintext (written before encryption), in cadre order after `afterId`. */
export async function plainPhotos(tx: Tx, afterId: string | null, limit: number): Promise<Array<{ cadreId: string; data: Buffer; sm3: string }>> {
  return tx.select({ cadreId: cadrePhoto.cadreId, data: cadrePhoto.data, sm3: cadrePhoto.sm3 }).from(cadrePhoto)
    .where(and(sql`substring(${cadrePhoto.data} from 1 for 4) is distinct from ${MAGIC}`, afterId ? sql`${cadrePhoto.cadreId} > ${afterId}::uuid` : sql`true`))
    .orderBy(asc(cadrePhoto.cadreId)).limit(limit);
}

/** Replaces a photo's bytes if they are still `plainSm3`'s plaintext (a photo replaced meanwhile is left alone). */
export async function sealPhotoData(tx: Tx, cadreId: string, plainSm3: string, sealed: Buffer): Promise<void> {
  await tx.update(cadrePhoto).set({ data: sealed })
    .where(and(eq(cadrePhoto.cadreId, cadreId), eq(cadrePhoto.sm3, plainSm3), sql`substring(${cadrePhoto.data} from 1 for 4) is distinct from ${MAGIC}`));
}

/** Cadre-import uploads still stored as plaintext. */
export async function plainImportUploads(tx: Tx, afterId: string | null, limit: number): Promise<Array<{ id: string; data: Buffer }>> {
  const r = await tx.select({ id: cadreImport.id, data: cadreImport.data }).from(cadreImport)
    .where(and(sql`${cadreImport.data} is not null and substring(${cadreImport.data} from 1 for 4) is distinct from ${MAGIC}`,
      afterId ? sql`${cadreImport.id} > ${afterId}::uuid` : sql`true`))
    .orderBy(asc(cadreImport.id)).limit(limit);
  return r.map((x) => ({ id: x.id, data: x.data! }));
}

export async function sealImportUpload(tx: Tx, id: string, sealed: Buffer): Promise<void> {
  await tx.update(cadreImport).set({ data: sealed })
    .where(and(eq(cadreImport.id, id), sql`${cadreImport.data} is not null and substring(${cadreImport.data} from 1 for 4) is distinct from ${MAGIC}`));
}

/**
 * Deletes the uploads of imports not finished (neither done nor cancelled, nor previewing) created before
 * `before`: they are marked cancelled with `message` as their error. Returns the ids.
 */
export async function expireImportUploads(tx: Tx, before: Date, at: Date, message: string): Promise<string[]> {
  const r = await rows<{ id: string }>(tx, sql`update cadre_import
    set data = null, status = 'cancelled', finished_at = ${at.toISOString()}::timestamptz,
        report = case when jsonb_typeof(report) = 'object' then jsonb_set(report, '{error}', to_jsonb(${message}::text))
                      else jsonb_build_object('error', ${message}::text) end
    where data is not null and status not in ('done', 'cancelled', 'checking') and created_at < ${before.toISOString()}::timestamptz
    returning id`);
  return r.map((x) => x.id);
}

/** Uploads left on finished imports (none are, since commit and cancel clear them; older rows may). */
export async function clearFinishedImportUploads(tx: Tx): Promise<number> {
  const r = await rows<{ id: string }>(tx, sql`update cadre_import set data = null where data is not null and status in ('done', 'cancelled') returning id`);
  return r.length;
}

// ── roster rows staged by the import job (import_staging, kind 'roster') ─────

export interface RosterStagedRow { row: number; id: string; cadreId: string | null; orgId: string; regionCode: string; details: unknown }

export async function rosterStaged(tx: Tx, batchId: string, afterRow: number, limit: number): Promise<RosterStagedRow[]> {
  return rows<RosterStagedRow>(tx, sql`select row, id, cadre_id as "cadreId", org_id as "orgId", region_code as "regionCode", details
    from import_staging where batch_id = ${batchId}::uuid and kind = 'roster' and row > ${afterRow} order by row limit ${limit}`);
}

export async function rosterStagedCounts(tx: Tx, batchId: string): Promise<{ create: number; update: number }> {
  const r = await rows<{ create: number; update: number }>(tx, sql`select count(*) filter (where outcome = 'create')::int as "create",
    count(*) filter (where outcome = 'update')::int as "update" from import_staging where batch_id = ${batchId}::uuid and kind = 'roster'`);
  return r[0] ?? { create: 0, update: 0 };
}

export async function clearRosterStaged(tx: Tx, batchId: string): Promise<void> {
  await tx.execute(sql`delete from import_staging where batch_id = ${batchId}::uuid and kind = 'roster'`);
}
