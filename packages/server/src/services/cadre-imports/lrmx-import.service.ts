/**
 * 干部任免审批表 import as a job: upload (one .lrmx/.lrm or a .zip of them; kept until commit or cancel) →
 * preview (every file parsed, matched and compared; a per-file report with each update's differences;
 * nothing written) → commit (every file that is not an error, in ONE transaction) → done.
 *
 * Commit re-reads the upload and re-checks each file against the database: a cadre changed since the
 * preview (its version moved), or a new cadre that somebody entered meanwhile, fails that file with a
 * clear message while the other files are still written (each file in its own savepoint). One bad file
 * never stops the others, at preview or at commit.
 *
 * Family members' names appear in the report's differences; the stored report keeps them SM4-encrypted
 * (AAD `cadre-import:<id>:report`) and they are decrypted only when the report is read (audited).
 *
 * The upload (身份证号, family, photos) is scanned by clamd when configured, stored SM4-encrypted
 * (crypto/blob.ts, AAD `cadre-import:<id>:data`), deleted at commit and cancel, and deleted by the
 * housekeeping sweep after `stagedRetentionDays` (services/housekeeping.ts).
 */
import crypto from 'node:crypto';
import {
  birthOf, fieldPolicyOf, type CadreImportFileReport, type CadreImportSummary, type CadreImportView, type CadrePlan, type FamilyChange,
} from '@jiandu/domain';
import type { Database, Tx } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { isEncryptedBlob } from '../../crypto/blob.ts';
import { sm3 } from '../../crypto/sm.ts';
import { LrmxFileError, parseLrm, parseLrmx, type LrmxParseResult } from '../../intake/lrmx/index.ts';
import { sanitizeFileName } from '../../lib/file-name.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as recs from '../../repositories/cadre-records.repository.ts';
import { findOrgInScope } from '../../repositories/orgs.repository.ts';
import type { Actor, Clock } from '../../context.ts';
import { ServiceError, notFound, pgErrorOf } from '../../errors.ts';
import { JobStopped, shouldStop, startJob } from '../jobs.ts';
import {
  ApplyConflict, applyCadre, bidxOf, incomingFromLrmx, loadStates, matchCadres, planCadre, type CadreState, type IncomingCadre,
} from '../cadre-upsert.ts';
import { expandUpload, MAX_UPLOAD, type FormFile } from './files.ts';
import { loadPlacement, placeNew } from './placement.ts';
import { countsOf, emptyReport, errorFile, reportAad, reportOf, storeDiff, type StoredFile, type StoredReport } from './lrmx-report.ts';
import { scanUploadAudited, type ScanConfig } from '../virus-scan.ts';
import { PROCESS_ID, holdHeartbeat } from '../imports/keeper.ts';

export interface CadreImportDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  config?: Partial<ScanConfig>;
}

export const importDataAad = (id: string) => `cadre-import:${id}:data`;

/** The stored upload: decrypted, or as stored for an upload kept from before encryption. */
export function openImportData(box: FieldCrypto, id: string, stored: Buffer): Buffer {
  return isEncryptedBlob(stored) ? box.decryptBytes(stored, importDataAad(id)) : stored;
}

const CHUNK = 50;

function requireWriter(actor: Actor): void {
  if (!actor.permissions.has('cadre:write')) throw new ServiceError('forbidden', '没有导入干部信息的权限（成员单位不能导入干部）');
}

async function mustFind(deps: CadreImportDeps, actor: Actor, id: string, tx?: Tx) {
  const find = (t: Tx) => recs.findImport(t, id);
  const row = tx ? await find(tx) : await deps.db.tx(find);
  // A user sees their own imports; a CLI actor (no user) the ones made without a user.
  if (!row || row.createdBy !== actor.userId) throw notFound('导入');
  return row;
}

// ── upload and preview ───────────────────────────────────────────────────────

export interface UploadInput {
  fileName: string;
  data: Buffer;
  /** Default unit of new cadres. */
  orgId?: string | null;
}

/** Stores the upload and starts its preview; `done` resolves when the preview has finished. */
export async function uploadCadreImport(deps: CadreImportDeps, actor: Actor, input: UploadInput): Promise<{ id: string; done: Promise<void> }> {
  requireWriter(actor);
  if (input.data.length > MAX_UPLOAD) throw new ServiceError('invalid', `文件不能超过 ${MAX_UPLOAD / 1024 / 1024} MB`);
  const fileName = sanitizeFileName(input.fileName) || 'upload.lrmx';
  await scanUploadAudited(deps, actor, { objectType: 'cadre_import', fileName, bytes: input.data.length }, input.data);
  const expanded = await expandUpload(fileName, input.data);
  const id = crypto.randomUUID();
  const sealed = deps.crypto.encryptBytes(input.data, importDataAad(id));
  await deps.db.tx(async (tx) => {
    if (input.orgId && !(await findOrgInScope(tx, input.orgId, actor.scope))) {
      throw new ServiceError('invalid', '所选单位不存在或不在管辖范围内', 'invalid', [{ path: 'orgId', message: '单位不存在或不在管辖范围内' }]);
    }
    await recs.insertImport(tx, {
      id, format: 'lrmx', status: 'checking', fileName, fileSm3: sm3(input.data).toString('hex'), data: sealed, orgId: input.orgId ?? null,
      owner: PROCESS_ID, heartbeatAt: deps.clock.now(),
      report: { ...emptyReport(), total: expanded.forms.length, skipped: expanded.skipped }, files: expanded.forms.length,
      createdBy: actor.userId, createdByLogin: actor.login, createdAt: deps.clock.now(),
    });
    await recordAudit(tx, actor, {
      action: 'cadre-import.upload', objectType: 'cadre_import', objectId: id,
      details: { fileName, bytes: input.data.length, files: expanded.forms.length, skipped: expanded.skipped.length },
    }, deps.clock);
  });
  return { id, done: previewJob(deps, actor, id) };
}

/** Runs the preview again (after an interruption, or with another default unit for new cadres). */
export async function repreview(deps: CadreImportDeps, actor: Actor, id: string, orgId?: string | null): Promise<{ done: Promise<void> }> {
  requireWriter(actor);
  const row = await mustFind(deps, actor, id);
  if (row.status === 'checking') throw new ServiceError('conflict', '正在预览中', 'busy');
  if (row.status === 'done' || row.status === 'cancelled') throw new ServiceError('conflict', '该导入已结束', 'finished');
  await deps.db.tx(async (tx) => {
    if (orgId && !(await findOrgInScope(tx, orgId, actor.scope))) {
      throw new ServiceError('invalid', '所选单位不存在或不在管辖范围内', 'invalid', [{ path: 'orgId', message: '单位不存在或不在管辖范围内' }]);
    }
    const report = reportOf(row.report);
    await recs.updateImport(tx, id, {
      status: 'checking', owner: PROCESS_ID, heartbeatAt: deps.clock.now(), ...(orgId !== undefined ? { orgId } : {}), created: 0, updated: 0, unchanged: 0, failed: 0,
      report: { ...report, done: 0, error: null, files: [] },
    });
  });
  return { done: previewJob(deps, actor, id) };
}

function previewJob(deps: CadreImportDeps, actor: Actor, id: string): Promise<void> {
  const release = holdHeartbeat(deps);
  return startJob(id, () => runPreview(deps, actor, id)).finally(release);
}

function parseForm(f: FormFile): LrmxParseResult {
  return f.format === 'lrm' ? parseLrm(f.data!, f.pic) : parseLrmx(f.data!);
}

interface Evaluated {
  report: StoredFile;
  incoming: IncomingCadre | null;
  plan: CadrePlan | null;
  state: CadreState | null;
}

/**
 * Parses, matches and plans a chunk of forms in one transaction (a few queries for the chunk).
 * `seen` carries the cadres met earlier in the upload: a second file of the same person is an error.
 */
async function evaluate(
  tx: Tx, deps: CadreImportDeps, actor: Actor, importRow: { id: string; orgId: string | null }, forms: FormFile[], seen: Map<string, string>,
): Promise<Evaluated[]> {
  const placement = await loadPlacement(tx, actor, importRow.orgId);
  const out: Evaluated[] = [];
  const parsed: Array<{ i: number; incoming: IncomingCadre; result: LrmxParseResult }> = [];
  for (const f of forms) {
    if (!f.data) {
      out.push({ report: errorFile(f, f.error ?? '无法读取文件'), incoming: null, plan: null, state: null });
      continue;
    }
    let result: LrmxParseResult;
    try {
      result = parseForm(f);
    } catch (e) {
      if (e instanceof LrmxFileError) {
        out.push({ report: errorFile(f, e.message), incoming: null, plan: null, state: null });
        continue;
      }
      throw e;
    }
    const incoming = incomingFromLrmx(result, { name: f.file, sm3: sm3(f.data).toString('hex') });
    const blocking = result.errors.filter((x) => x.field !== 'photo');
    const report: StoredFile = {
      file: f.file, format: result.format, status: 'error', cadre: { id: null, name: incoming.name }, match: 'none', diff: [], version: null,
      errors: blocking.map((x) => ({ field: x.label, message: x.message })),
      warnings: [...f.warnings.map((m) => ({ field: '文件', message: m })), ...result.errors.filter((x) => x.field === 'photo').map((x) => ({ field: x.label, message: x.message })),
        ...result.warnings.map((x) => ({ field: x.label, message: x.message }))],
    };
    out.push({ report, incoming: blocking.length === 0 ? incoming : null, plan: null, state: null });
    if (blocking.length === 0) parsed.push({ i: out.length - 1, incoming, result });
  }

  const matches = await matchCadres(tx, deps.crypto, actor, parsed.map((p) => p.incoming));
  const states = await loadStates(tx, deps.crypto, matches.map((m) => m.cadreId).filter((x): x is string => x !== null), actor);
  parsed.forEach((p, k) => {
    const m = matches[k]!;
    const e = out[p.i]!;
    e.report.match = m.match;
    e.report.warnings.push(...m.warnings.map((message) => ({ field: '姓名', message })));
    if (m.error) {
      e.report.errors.push({ field: m.match === 'id' ? '身份证号' : '姓名', message: m.error });
      e.incoming = null;
      return;
    }
    const state = m.cadreId ? states.get(m.cadreId) ?? null : null;
    // A new cadre's unit: the one 工作单位及职务 names, else the default unit (placement.ts).
    const placed = state ? null : placeNew(placement, null, p.incoming.fields.XianRenZhiWu ?? null);
    p.incoming.org = placed?.org ?? null;
    e.report.org = placed?.org && placed.how ? { name: placed.org.name, how: placed.how } : null;
    if (placed?.error) e.report.errors.push({ field: '现任职务', message: placed.error.message });
    const bidx = bidxOf(deps.crypto, p.incoming.idNumber);
    const plan = planCadre(p.incoming, state, bidx);
    e.plan = plan;
    e.state = state;
    e.report.cadre = { id: plan.cadreId, name: plan.name };
    e.report.version = plan.version;
    e.report.status = plan.status;
    e.report.errors.push(...plan.errors.filter((x) => !placed?.error || !x.includes('单位')).map((message) => ({ field: message.includes('单位') ? '所在单位' : '文件', message })));
    e.report.diff = storeDiff(deps.crypto, importRow.id, plan.diff);
    // The same person twice in one upload: the later file is not imported.
    const keys = [
      plan.cadreId ? `c:${plan.cadreId}` : null, bidx ? `i:${bidx.toString('hex')}` : null,
      !plan.cadreId && !bidx ? `n:${plan.name}|${birthOf(p.incoming) ?? ''}` : null,
    ].filter((x): x is string => x !== null);
    const first = keys.map((k2) => seen.get(k2)).find((x) => x !== undefined);
    if (first !== undefined && plan.status !== 'error') {
      e.report.status = 'error';
      e.report.diff = [];
      e.report.errors.push({ field: '文件', message: `与本次上传的“${first}”是同一名干部，只能导入其中一个文件` });
    }
    if (plan.status !== 'error') for (const k2 of keys) if (!seen.has(k2)) seen.set(k2, e.report.file);
  });
  return out;
}

async function runPreview(deps: CadreImportDeps, actor: Actor, id: string): Promise<void> {
  try {
    const { row, data } = await deps.db.tx(async (tx) => ({ row: await recs.findImport(tx, id), data: await recs.importData(tx, id) }));
    if (!row || !data) throw new ServiceError('conflict', '上传的文件已清除，请重新上传', 'file_gone');
    const expanded = await expandUpload(row.fileName, openImportData(deps.crypto, id, data));
    const report: StoredReport = { ...reportOf(row.report), total: expanded.forms.length, done: 0, files: [], skipped: expanded.skipped, error: null };
    const seen = new Map<string, string>();
    for (let i = 0; i < expanded.forms.length; i += CHUNK) {
      const chunk = expanded.forms.slice(i, i + CHUNK);
      await deps.db.tx(async (tx) => {
        const evaluated = await evaluate(tx, deps, actor, { id, orgId: row.orgId }, chunk, seen);
        report.files.push(...evaluated.map((e) => e.report));
        report.done = report.files.length;
        await recs.updateImport(tx, id, { report: { ...report, files: [] } });
      });
      if (shouldStop()) throw new JobStopped();
    }
    await deps.db.tx(async (tx) => {
      const counts = countsOf(report.files);
      await recs.updateImport(tx, id, { status: 'checked', owner: null, report, files: report.files.length, ...counts });
      await recordAudit(tx, actor, { action: 'cadre-import.preview', objectType: 'cadre_import', objectId: id, details: { files: report.files.length, ...counts } }, deps.clock);
    });
  } catch (e) {
    const interrupted = e instanceof JobStopped;
    const message = interrupted ? e.message : e instanceof ServiceError ? e.message : '预览时出错，请联系管理员';
    await deps.db.tx(async (tx) => {
      const row = await recs.findImport(tx, id);
      await recs.updateImport(tx, id, { status: interrupted ? 'interrupted' : 'failed', owner: null, report: { ...reportOf(row?.report), error: message } });
    });
    if (!interrupted && !(e instanceof ServiceError)) throw e;
  }
}

// ── commit ───────────────────────────────────────────────────────────────────

/**
 * Writes every file of the preview that is not an error, in one transaction. Each file is re-checked:
 * a conflict (the cadre changed since the preview, or somebody entered the new cadre meanwhile) fails
 * that file only, with a message; the others are written.
 */
export async function commitCadreImport(deps: CadreImportDeps, actor: Actor, id: string): Promise<void> {
  requireWriter(actor);
  await mustFind(deps, actor, id);
  await deps.db.tx(async (tx) => {
    const row = (await recs.findImport(tx, id, true))!;
    if (row.status !== 'checked') {
      throw new ServiceError('conflict', row.status === 'done' ? '该导入已完成' : row.status === 'checking' ? '正在预览中，请等待预览完成' : '请先完成预览再导入', 'not_checked');
    }
    const data = await recs.importData(tx, id);
    if (!data) throw new ServiceError('conflict', '上传的文件已清除，请重新上传', 'file_gone');
    const report = reportOf(row.report);
    const expanded = await expandUpload(row.fileName, openImportData(deps.crypto, id, data));
    const byFile = new Map(expanded.forms.map((f) => [f.file, f]));
    const todo = report.files.filter((f) => f.status === 'create' || f.status === 'update');
    for (let i = 0; i < todo.length; i += CHUNK) {
      const chunk = todo.slice(i, i + CHUNK);
      const evaluated = await evaluate(tx, deps, actor, { id, orgId: row.orgId }, chunk.map((f) => byFile.get(f.file)!), new Map());
      for (let k = 0; k < chunk.length; k++) {
        const stored = chunk[k]!;
        const now = evaluated[k]!;
        const fail = (message: string) => {
          stored.status = 'error';
          stored.written = false;
          stored.errors.push({ field: '文件', message });
        };
        if (!now.plan || !now.incoming || now.report.status === 'error') {
          fail(now.report.errors.map((x) => x.message).join('；') || '导入时检查未通过，请重新预览');
          continue;
        }
        if (stored.status === 'create' && now.plan.status !== 'create') {
          fail('预览之后系统中已录入了该干部，请重新预览后再导入');
          continue;
        }
        if (stored.status === 'update' && (now.plan.cadreId !== stored.cadre.id || now.plan.version !== stored.version)) {
          fail('预览之后该干部的信息已被修改，请重新预览后再导入');
          continue;
        }
        if (now.plan.status === 'unchanged') {
          stored.status = 'unchanged';
          stored.written = false;
          continue;
        }
        try {
          // A savepoint per file: a file that fails leaves the transaction usable for the others.
          const r = await tx.transaction((sp) => applyCadre(sp, deps, actor, now.incoming!, now.plan!, now.state, { importId: id }));
          stored.written = true;
          if (r) stored.cadre = { id: r.cadreId, name: now.plan.name };
        } catch (e) {
          if (e instanceof ApplyConflict) fail(e.message);
          else if (pgErrorOf(e)?.code === '23505') fail('导入时发现系统中已有此身份证号的干部，请重新预览后再导入');
          else throw e;
        }
      }
    }
    for (const f of report.files) if (f.written === undefined) f.written = false;
    const written = report.files.filter((f) => f.written);
    const counts = {
      created: written.filter((f) => f.status === 'create').length, updated: written.filter((f) => f.status === 'update').length,
      unchanged: report.files.filter((f) => f.status === 'unchanged').length, failed: report.files.filter((f) => f.status === 'error').length,
    };
    const at = deps.clock.now();
    await recs.updateImport(tx, id, { status: 'done', data: null, report, ...counts, finishedAt: at });
    await recordAudit(tx, actor, { action: 'cadre-import.commit', objectType: 'cadre_import', objectId: id, details: { files: report.files.length, ...counts } }, deps.clock);
  });
}

export async function cancelCadreImport(deps: CadreImportDeps, actor: Actor, id: string): Promise<void> {
  const row = await mustFind(deps, actor, id);
  if (row.status === 'checking') throw new ServiceError('conflict', '正在预览中，请等待预览完成后再取消', 'busy');
  if (row.status === 'done') throw new ServiceError('conflict', '已完成的导入不能取消', 'finished');
  if (row.status === 'cancelled') return;
  await deps.db.tx(async (tx) => {
    await recs.updateImport(tx, id, { status: 'cancelled', data: null, finishedAt: deps.clock.now() });
    await recordAudit(tx, actor, { action: 'cadre-import.cancel', objectType: 'cadre_import', objectId: id }, deps.clock);
  });
}

// ── reading ──────────────────────────────────────────────────────────────────

function summaryOf(row: Omit<recs.ImportRow, 'data' | 'report' | 'owner' | 'heartbeatAt'>, orgName: string | null, report: StoredReport): CadreImportSummary {
  const status = (['checking', 'checked', 'done', 'failed', 'interrupted', 'cancelled'] as const).find((s) => s === row.status) ?? 'failed';
  return {
    id: row.id, fileName: row.fileName, status, orgId: row.orgId, orgName, progress: { done: report.done, total: report.total },
    files: row.files, created: row.created, updated: row.updated, unchanged: row.unchanged, failed: row.failed, error: report.error,
    createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The import with its per-file report; family names in the differences are decrypted (an audited read). */
export async function getCadreImport(deps: CadreImportDeps, actor: Actor, id: string): Promise<CadreImportView & { skipped: StoredReport['skipped'] }> {
  return deps.db.tx(async (tx) => {
    const row = await mustFind(deps, actor, id, tx);
    const report = reportOf(row.report);
    let decrypted = 0;
    // Field policy: family names only for who may read the family (the import itself needs cadre:write).
    const mayReadFamily = fieldPolicyOf(actor).family;
    const files: CadreImportFileReport[] = report.files.map(({ version: _v, diff, ...f }) => ({
      ...f,
      diff: diff.map(({ membersEnc, ...d }) => {
        if (!membersEnc || !mayReadFamily) return d;
        decrypted++;
        return { ...d, members: JSON.parse(deps.crypto.decrypt(Buffer.from(membersEnc, 'base64'), reportAad(id))) as FamilyChange[] };
      }),
    }));
    if (decrypted > 0) {
      await recordAudit(tx, actor, { action: 'cadre-import.read', objectType: 'cadre_import', objectId: id, details: { familyChanges: decrypted } }, deps.clock);
    }
    return { ...summaryOf(row, await recs.orgNameOf(tx, row.orgId), report), report: files, skipped: report.skipped };
  });
}

export async function listCadreImports(deps: CadreImportDeps, actor: Actor): Promise<CadreImportSummary[]> {
  return deps.db.tx(async (tx) => {
    const list = await recs.listImports(tx, actor.userId, 30);
    const out: CadreImportSummary[] = [];
    for (const r of list) out.push(summaryOf(r, r.orgName, { ...emptyReport(), done: r.done, total: r.total, error: r.error }));
    return out;
  });
}
