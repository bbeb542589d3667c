/**
 * Excel/CSV import of ledger entries, as a job the user can leave and come back to:
 *   upload (file kept, header inspected) → check (every row parsed, subjects resolved, rules applied;
 *   problems by row and column; valid rows staged) → commit (one transaction moves the staged rows into
 *   the ledger, skipping records already there) → done. Strict mode commits nothing if any row failed.
 *
 * The same job imports 干部名册 (kind `roster`): only the per-kind part differs — its columns, who may
 * import it, the check of a chunk and the commit — an `ImportKind` (kind.ts): the ledger (ledger.ts), the
 * roster (cadre-imports/roster.ts), listed in kinds.ts. See README.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ColumnSpec, HeaderOverrides, RuleJobView, SheetMapping } from '@jiandu/domain';
import { inspectSheet, parseSheet, writeRejects, type ParsedRow, type SheetInspection, type SheetOrigin } from '../../intake/sheet/index.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/imports.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import type { ChunkResult, KindCommit, SheetRowIn } from './kind.ts';
import type { Tx } from '../../db/client.ts';
import { importKindOf, resolveImportKind } from './kinds.ts';
import { JobStopped, QueueDropped, dequeue, isQueued, isRunning, queueCheck, shouldStop, startJob } from '../jobs.ts';
import { PROCESS_ID, holdHeartbeat } from './keeper.ts';
import { importLimits } from './limits.ts';
import { checkOptions, type BatchOptions } from './options.ts';
import { RecordCounter, storeUpload, storedSource, tooLarge } from './stored-file.ts';
import { fileError, maxFile, refuseTooManyRows, sm3OfFile, tooManyRows, withFile } from './batch-file.ts';
import { modeOf, type ImportDeps } from './types.ts';
import { reevaluationsOf } from '../supervision/import-jobs.ts';

export const CHUNK = 1000;

/** Kind and source department as a user types them (经济责任审计 / jjzrsj, 审计局 / sj; 干部名册), checked against the actor's rights. */
export async function resolveTarget(deps: ImportDeps, actor: Actor, kindRef: string, sourceRef: string | null | undefined) {
  const found = resolveImportKind(kindRef);
  if (!found) throw new ServiceError('invalid', `台账类别“${kindRef}”不存在`, 'invalid', [{ path: 'kind', message: '类别不存在' }]);
  return found.of.target(deps, actor, found.kind, sourceRef);
}

export async function specsOf(deps: ImportDeps, kind: string): Promise<ColumnSpec[]> {
  return importKindOf(kind).specs(deps, kind);
}

export interface CreatedBatch {
  batch: repo.BatchRow;
  inspection: SheetInspection;
  /** A finished import of the very same file (same SM3, kind and source), if there was one. */
  previous: repo.BatchRow | null;
}

/**
 * Stores the upload (streamed into encrypted pieces, refused past the size limit) or notes the CLI's file,
 * counts its rows (refused past the row limit), inspects its header and returns the mapping for the user to confirm.
 */
export async function createBatch(
  deps: ImportDeps, actor: Actor,
  input: { fileName: string; body?: AsyncIterable<Buffer | string>; data?: Buffer; localPath?: string; kind: string; sourceDept: string; strict: boolean; overrides?: HeaderOverrides; options?: BatchOptions },
): Promise<CreatedBatch> {
  const specs = await specsOf(deps, input.kind);
  const options = await checkOptions(deps, actor, input.options ?? {});
  const fileName = path.basename(input.fileName).replace(/[\p{Cc}]/gu, '').slice(0, 200) || 'upload.xlsx';
  const id = crypto.randomUUID();
  const at = deps.clock.now();
  let bytes: number;
  let fileSm3: string;
  // Title and header rows above the data: a file this far over the row limit is refused while it arrives.
  const counter = new RecordCounter(importLimits().maxRows + 100, () => tooManyRows(importLimits().maxRows));
  if (input.localPath) {
    // The CLI's file is hashed as a stream, never held whole (a 1M-row CSV is ~150 MB).
    bytes = (await fs.stat(input.localPath)).size;
    if (bytes > maxFile()) throw tooLarge(maxFile());
    fileSm3 = bytes === 0 ? '' : await sm3OfFile(input.localPath);
  } else {
    // The batch row first (its pieces refer to it), as 'uploading' owned by this process: a process
    // killed mid-upload leaves a row the keeper removes with its pieces.
    await deps.db.tx((tx) => repo.insertBatch(tx, {
      id, fileSm3: '', fileName, kind: input.kind, sourceDept: input.sourceDept, status: 'uploading', strict: input.strict,
      mapping: input.overrides ?? {}, actorMode: modeOf(actor), scopeOrgId: actor.scope?.orgId ?? null, createdBy: actor.userId,
      createdByLogin: actor.login, createdAt: at, updatedAt: at, owner: PROCESS_ID, heartbeatAt: at, options,
    }));
    try {
      const body = input.body ?? (async function* () { yield input.data ?? Buffer.alloc(0); })();
      ({ bytes, sm3: fileSm3 } = await storeUpload(deps, id, body, maxFile(), counter));
    } catch (e) {
      await deps.db.tx((tx) => repo.deleteBatch(tx, id));
      throw e;
    }
  }
  try {
    if (bytes === 0) throw new ServiceError('invalid', '文件是空的');
    const origin: SheetOrigin = input.localPath ?? storedSource(deps, id, bytes);
    const inspection = await inspectSheet(origin, specs, { fileName, overrides: input.overrides ?? {}, maxBytes: maxFile() }).catch(fileError);
    // Counted while it arrived (a CSV in UTF-8/GBK): exact unless over; else (.xlsx, UTF-16, the CLI's file) counted by the reader.
    if (input.localPath || !counter.counted || counter.total() - (inspection.headerRow ?? 0) > importLimits().maxRows) {
      await refuseTooManyRows(origin, fileName, inspection.headerRow ?? 0);
    }
    return await deps.db.tx(async (tx) => {
      const previous = (await repo.listBatchesByFile(tx, fileSm3, input.kind, input.sourceDept))[0] ?? null;
      const row = {
        fileSm3, fileName, kind: input.kind, sourceDept: input.sourceDept, status: 'uploaded', strict: input.strict,
        mapping: input.overrides ?? {}, sheetMapping: inspection.mapping, headerRow: inspection.headerRow, actorMode: modeOf(actor),
        scopeOrgId: actor.scope?.orgId ?? null, createdBy: actor.userId, createdByLogin: actor.login, createdAt: at, updatedAt: at,
        owner: null, heartbeatAt: null, fileBytes: input.localPath ? null : bytes, options,
      };
      if (input.localPath) await repo.insertBatch(tx, { id, ...row });
      else await repo.updateBatch(tx, id, row);
      await recordAudit(tx, actor, {
        action: 'import.upload', objectType: 'import', objectId: id,
        details: { fileName, kind: input.kind, sourceDept: input.sourceDept, bytes },
      }, deps.clock);
      return { batch: (await repo.findBatch(tx, id))!, inspection, previous };
    });
  } catch (e) {
    if (!input.localPath) await deps.db.tx((tx) => repo.deleteBatch(tx, id));
    throw e;
  }
}

async function mustFind(deps: ImportDeps, actor: Actor, id: string): Promise<repo.BatchRow> {
  const b = await deps.db.tx((tx) => repo.findBatch(tx, id));
  // A user sees their own imports; a CLI actor (no user) sees the ones it made in this process.
  if (!b || (b.createdBy !== actor.userId)) throw notFound('导入批次');
  return b;
}

export async function getBatch(deps: ImportDeps, actor: Actor, id: string) {
  return withReevaluation(deps, await mustFind(deps, actor, id));
}

export async function listMyBatches(deps: ImportDeps, actor: Actor) {
  return deps.db.tx(async (tx) => {
    const list = await repo.listBatches(tx, actor.userId, 30);
    const jobs = await reevaluationsOf(tx, list.map((b) => b.id));
    return list.map((b) => ({ ...b, reevaluation: jobs.get(b.id) ?? null }));
  });
}

/** A ledger import's re-evaluation of its subjects (services/supervision/import-jobs.ts), with the batch. */
async function withReevaluation<T extends repo.BatchRow>(deps: ImportDeps, b: T): Promise<T & { reevaluation?: RuleJobView | null }> {
  return { ...b, reevaluation: (await deps.db.tx((tx) => reevaluationsOf(tx, [b.id]))).get(b.id) ?? null };
}

/** Starts (or restarts) the check of every row. Resolves when the job finishes; callers may not wait. */
export async function startCheck(
  deps: ImportDeps, actor: Actor, id: string, opts: { overrides?: HeaderOverrides; strict?: boolean; localPath?: string; options?: BatchOptions },
): Promise<{ done: Promise<void> }> {
  const found = await mustFind(deps, actor, id);
  const batch = { ...found, options: { ...(found.options ?? {}), ...(await checkOptions(deps, actor, opts.options ?? {})) } };
  if (['queued', 'checking', 'committing'].includes(batch.status)) throw new ServiceError('conflict', '该导入正在进行中', 'busy');
  if (['done', 'cancelled', 'expired'].includes(batch.status)) throw new ServiceError('conflict', '该导入已结束', 'finished');
  const overrides = { ...(batch.mapping ?? {}), ...(opts.overrides ?? {}) };
  refuseAmbiguous((batch.sheetMapping?.columns ?? []).filter((c) => c.candidates && !Object.hasOwn(overrides, c.header)), await specsOf(deps, batch.kind));
  const reset = { progress: 0, mapping: overrides, strict: opts.strict ?? batch.strict, error: null, rows: 0, valid: 0, duplicates: 0, rejected: 0, options: batch.options };
  // FILE-01: at most one running check per account and JIANDU_IMPORT_CONCURRENCY per process; the rest wait (排队中).
  // Marked at once, owned by this process, so a second request finds it busy.
  const account = actor.userId ?? actor.login ?? 'cli';
  const limit = () => importLimits().concurrency;
  if (isQueued(id) || isRunning(id)) throw new ServiceError('conflict', '该导入正在进行中', 'busy');
  const release = holdHeartbeat(deps);
  let ready!: () => void;
  const written = new Promise<void>((r) => { ready = r; });
  // The slot is taken (or the place in the queue) synchronously, so two requests cannot both take the last one.
  const { queued, done } = queueCheck(id, account, limit, {
    onStart: async () => {
      await written;
      await deps.db.tx((tx) => repo.updateBatch(tx, id, { status: 'checking', updatedAt: deps.clock.now(), heartbeatAt: deps.clock.now() }));
    },
  }, () => runCheck(deps, actor, { ...batch, mapping: overrides }, opts.localPath ?? null));
  try {
    await deps.db.tx((tx) => repo.updateBatch(tx, id, {
      status: queued ? 'queued' : 'checking', ...reset, updatedAt: deps.clock.now(), owner: PROCESS_ID, heartbeatAt: deps.clock.now(),
    }));
  } finally {
    ready();
  }
  const settled = done.catch((e: unknown) => {
    if (e instanceof QueueDropped) return;
    if (e instanceof JobStopped) {
      return deps.db.tx((tx) => repo.updateBatch(tx, id, { status: 'interrupted', owner: null, error: e.message, updatedAt: deps.clock.now() }));
    }
    throw e;
  }).finally(release);
  return { done: settled.then(() => undefined) };
}

/**
 * A header that could mean two fields (处分类型: 类别 or 处理方式?) is never guessed: the check waits until
 * the user maps or ignores it, as it waits for a missing required column.
 */
function refuseAmbiguous(columns: SheetMapping['columns'], specs: readonly ColumnSpec[]): void {
  if (columns.length === 0) return;
  const label = (key: string) => `“${specs.find((s) => s.key === key)?.label ?? key}”`;
  const what = columns.map((c) => `“${c.header}”列可对应${(c.candidates ?? []).map(label).join('或')}`).join('；');
  throw new ServiceError('invalid', `表头有歧义：${what}。请在核对表头时为这些列选择对应字段，或忽略这些列`, 'ambiguous_headers',
    columns.map((c) => ({ path: c.header, message: '请选择对应字段或忽略此列' })));
}

async function runCheck(deps: ImportDeps, actor: Actor, batch: repo.BatchRow, localPath: string | null): Promise<void> {
  const specs = await specsOf(deps, batch.kind);
  try {
    await deps.db.tx(async (tx) => {
      await repo.clearWork(tx, batch.id);
      await repo.clearRejects(tx, batch.id);
    });
    const counts = await withFile(deps, batch, localPath, async (p) => {
      const look = await inspectSheet(p, specs, { fileName: batch.fileName, overrides: batch.mapping ?? {}, maxBytes: maxFile() }).catch(fileError);
      refuseAmbiguous(look.mapping.columns.filter((c) => c.candidates), specs);
      const mapping: SheetMapping = look.mapping;
      await deps.db.tx((tx) => repo.updateBatch(tx, batch.id, { sheetMapping: mapping, headerRow: look.headerRow }));
      const headerOf = (key: string) => mapping.columns.find((c) => c.key === key)?.header ?? specs.find((s) => s.key === key)?.label ?? '';
      const check = await importKindOf(batch.kind).check(deps, actor, batch, { specs, headerOf });
      const parse = await parseSheet(p, specs, mapping, { fileName: batch.fileName, maxBytes: maxFile(), maxRows: importLimits().maxRows }).catch(fileError);
      const c = { rows: 0, valid: 0, duplicates: 0, rejected: 0 };
      let chunk: ParsedRow[] = [];
      // A kind that settles its rows at the end of the file (`finish`) may refuse a row of any chunk: their cells are kept.
      const kept = new Map<number, ParsedRow['cells']>();
      const keep = async (tx: Tx, res: ChunkResult, cells: Map<number, ParsedRow['cells']>) => {
          await repo.stageRows(tx, batch.id, res.staged);
          await repo.insertIssues(tx, batch.id, res.issues);
          const rejectedRows = [...new Set(res.issues.map((i) => i.row))].sort((a, b) => a - b);
          if (rejectedRows.length) {
            const cellsOf = rejectedRows.map((row) => ({ row, cells: (cells.get(row) ?? []).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v ?? null)) }));
            const first = rejectedRows[0]!;
            await repo.insertRejectChunk(tx, batch.id, first, deps.crypto.encryptBytes(Buffer.from(JSON.stringify(cellsOf)), `import-reject:${batch.id}:${first}`));
          }
          c.valid += res.staged.length;
          c.duplicates += res.duplicates;
          c.rejected += res.rejectedRows;
      };
      const flush = async () => {
        const rowsIn: SheetRowIn[] = chunk.map((r) => ({ row: r.row, values: r.values as Record<string, unknown>, errors: r.errors, duplicateOf: r.duplicateOf }));
        const cells = new Map(chunk.map((r) => [r.row, r.cells]));
        if (check.finish) for (const [row, v] of cells) kept.set(row, v);
        await deps.db.tx(async (tx) => {
          await keep(tx, await check.chunk(tx, rowsIn), cells);
          c.rows += chunk.length;
          await repo.updateBatch(tx, batch.id, { progress: Math.min(99, Math.floor(parse.progress() * 100)), rows: c.rows, updatedAt: deps.clock.now() });
        });
        chunk = [];
      };
      for await (const row of parse) {
        chunk.push(row);
        if (chunk.length >= CHUNK) {
          await flush();
          if (shouldStop()) throw new JobStopped();
        }
      }
      await flush();
      if (check.finish) await deps.db.tx(async (tx) => keep(tx, await check.finish!(tx), kept));
      const notes = check.notes?.() ?? [];
      if (notes.length) await deps.db.tx((tx) => repo.updateBatch(tx, batch.id, { sheetMapping: { ...mapping, notes } }));
      return c;
    });
    await deps.db.tx(async (tx) => {
      await repo.updateBatch(tx, batch.id, {
        status: 'checked', progress: 100, owner: null, rows: counts.rows, valid: counts.valid, duplicates: counts.duplicates, rejected: counts.rejected, updatedAt: deps.clock.now(),
      });
      await recordAudit(tx, actor, { action: 'import.check', objectType: 'import', objectId: batch.id, details: counts }, deps.clock);
    });
  } catch (e) {
    if (e instanceof JobStopped) {
      // Stopped between chunks: its half-staged rows go (the check runs again from the start).
      await deps.db.tx(async (tx) => {
        await repo.clearWork(tx, batch.id);
        await repo.clearRejects(tx, batch.id);
        await repo.updateBatch(tx, batch.id, { status: 'interrupted', owner: null, error: e.message, updatedAt: deps.clock.now() });
      });
      return;
    }
    const message = e instanceof ServiceError ? e.message : '检查时出错，请联系管理员';
    await deps.db.tx(async (tx) => {
      await repo.clearWork(tx, batch.id);
      await repo.updateBatch(tx, batch.id, { status: 'failed', owner: null, error: message, updatedAt: deps.clock.now() });
    });
    if (!(e instanceof ServiceError)) throw e;
  }
}

/**
 * Moves the staged rows into the ledger (a roster: writes the cadres) in one transaction. Strict mode:
 * nothing if any row was rejected. A roster's counts of created and updated cadres come back too.
 */
export async function commit(deps: ImportDeps, actor: Actor, id: string): Promise<repo.BatchRow & { created?: number; updated?: number; tenures?: number; reevaluation?: RuleJobView | null }> {
  const batch = await mustFind(deps, actor, id);
  // An import interrupted while committing still has all its checked rows staged (the commit is one
  // transaction); one interrupted while checking must be checked again.
  const resumableCommit = batch.status === 'interrupted' && batch.valid > 0 && batch.progress === 100;
  if (batch.status !== 'checked' && !resumableCommit) {
    throw new ServiceError('conflict', batch.status === 'done' ? '该导入已完成' : batch.status === 'interrupted' ? '检查被中断，请重新检查' : '请先完成检查再导入', 'not_checked');
  }
  if (batch.strict && batch.rejected > 0) {
    throw new ServiceError('conflict', `严格模式：有 ${batch.rejected} 行存在问题，未导入任何记录。请修改后重新上传，或关闭严格模式`, 'strict_rejected');
  }
  await deps.db.tx((tx) => repo.updateBatch(tx, id, { status: 'committing', updatedAt: deps.clock.now(), owner: PROCESS_ID, heartbeatAt: deps.clock.now() }));
  let done: KindCommit | null = null;
  const release = holdHeartbeat(deps);
  await startJob(id, async () => {
    await deps.db.tx(async (tx) => {
      const at = deps.clock.now();
      const staged = await repo.stagedCount(tx, id);
      done = await importKindOf(batch.kind).commit(tx, deps, actor, batch, at);
      const { imported, failed } = done;
      const duplicates = batch.duplicates + (staged - imported - failed);
      await repo.dropFile(tx, id);
      await repo.updateBatch(tx, id, {
        status: 'done', owner: null, imported, duplicates, rejected: batch.rejected + failed, progress: 100, updatedAt: at, finishedAt: at,
      });
      await recordAudit(tx, actor, {
        action: 'import.commit', objectType: 'import', objectId: id,
        details: { kind: batch.kind, sourceDept: batch.sourceDept, imported, duplicates, rejected: batch.rejected + failed },
      }, deps.clock);
    });
  }).catch(async (e: unknown) => {
    // The commit's one transaction rolled back: the staged rows are intact, the import can be resumed.
    await deps.db.tx((tx) => repo.updateBatch(tx, id, { status: 'interrupted', owner: null, error: '导入未完成（已回滚），可再次导入', updatedAt: deps.clock.now() }));
    throw e;
  }).finally(release);
  const result = await withReevaluation(deps, { ...(await deps.db.tx((tx) => repo.findBatch(tx, id)))!, ...((done as KindCommit | null)?.counts ?? {}) });
  // Read first: on PGlite (one connection) a read queued behind the job's batches would wait for them.
  (done as KindCommit | null)?.afterCommit?.();
  return result;
}

/** The upload's inspection again (title, mapping with the stored overrides, samples), for a wizard reopened later. */
export async function preview(deps: ImportDeps, actor: Actor, id: string, overrides?: HeaderOverrides) {
  const batch = await mustFind(deps, actor, id);
  const specs = await specsOf(deps, batch.kind);
  const inspection = await withFile(deps, batch, null, (p) =>
    inspectSheet(p, specs, { fileName: batch.fileName, overrides: { ...(batch.mapping ?? {}), ...(overrides ?? {}) }, maxBytes: maxFile() }).catch(fileError));
  const previous = (await deps.db.tx((tx) => repo.listBatchesByFile(tx, batch.fileSm3, batch.kind, batch.sourceDept))).find((b) => b.id !== id) ?? null;
  return { batch, inspection, previous, specs };
}

export async function cancel(deps: ImportDeps, actor: Actor, id: string): Promise<void> {
  const batch = await mustFind(deps, actor, id);
  const waiting = batch.status === 'queued' && dequeue(id);
  if (!waiting && ['queued', 'checking', 'committing'].includes(batch.status)) throw new ServiceError('conflict', '导入正在进行中，请等待其结束', 'busy');
  if (batch.status === 'done') throw new ServiceError('conflict', '已完成的导入不能取消；如需撤回请逐条撤销', 'finished');
  await deps.db.tx(async (tx) => {
    // DATA-05: the upload, the staged rows and the rejected rows go with the cancel.
    await repo.clearWork(tx, id);
    await repo.clearRejects(tx, id);
    await repo.dropFile(tx, id);
    await repo.updateBatch(tx, id, { status: 'cancelled', owner: null, updatedAt: deps.clock.now(), finishedAt: deps.clock.now() });
    await recordAudit(tx, actor, { action: 'import.cancel', objectType: 'import', objectId: id }, deps.clock);
  });
}

export async function issues(deps: ImportDeps, actor: Actor, id: string, afterRow: number, limit: number) {
  await mustFind(deps, actor, id);
  return deps.db.tx((tx) => repo.issuesOf(tx, id, afterRow, limit));
}

/** A roster import's rows to create or update with their differences (empty for a kind that shows none: the ledger). */
export async function changes(deps: ImportDeps, actor: Actor, id: string, afterRow: number, limit: number) {
  const batch = await mustFind(deps, actor, id);
  const kind = importKindOf(batch.kind);
  if (!kind.changes) return { counts: { create: 0, update: 0 }, items: [] };
  return deps.db.tx((tx) => kind.changes!(tx, id, afterRow, limit));
}

export async function allIssues(deps: ImportDeps, id: string) {
  return deps.db.tx((tx) => repo.allIssues(tx, id));
}

/** The rejected rows as an annotated .xlsx (original header and cells, problems in a column and on the cells). */
export async function rejectsFile(deps: ImportDeps, actor: Actor, id: string, out: string | import('node:stream').Writable): Promise<number> {
  const batch = await mustFind(deps, actor, id);
  const specs = await specsOf(deps, batch.kind);
  const { legacy, sealed, problems } = await deps.db.tx(async (tx) => ({
    legacy: await repo.rejectsOf(tx, id), sealed: await repo.rejectChunksOf(tx, id), problems: await repo.allIssues(tx, id),
  }));
  const rejects = [...legacy, ...sealed.flatMap((c) => JSON.parse(deps.crypto.decryptBytes(c.data, `import-reject:${id}:${c.firstRow}`).toString('utf8')) as Array<{ row: number; cells: unknown[] }>)]
    .sort((a, b) => a.row - b.row);
  const mapping = batch.sheetMapping ?? { headerRow: 1, headerRows: 1 as const, columns: specs.map((sp, i) => ({ index: i, header: sp.label, key: sp.key, match: 'label' as const })) };
  const byRow = new Map<number, typeof problems>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const colOf = (header: string) => {
    const c = mapping.columns.find((x) => x.header === header);
    return c ? c.index + 1 : undefined;
  };
  const r = await writeRejects(out, mapping, rejects.map((x) => ({
    row: x.row, cells: x.cells as never,
    errors: (byRow.get(x.row) ?? []).map((p) => ({ row: p.row, column: p.column, message: p.message, ...(colOf(p.column) ? { col: colOf(p.column)! } : {}) })),
  })));
  await deps.db.tx((tx) => recordAudit(tx, actor, { action: 'import.rejects', objectType: 'import', objectId: id, details: { rows: r.rows } }, deps.clock));
  return r.rows;
}
