/**
 * `jiandu import lrmx PATH... [--org 单位] [--dry-run] [--json]` — 干部任免审批表 files, folders (walked,
 * .lrm paired with its .pic) and .zip archives, as ONE import (one preview, one transaction);
 * `jiandu import roster FILE [--org 单位] [--tenures] [--dry-run] [--strict] [--json]` — a 干部名册 through the import job
 * (kind roster): a new cadre goes to the 单位 column's unit, else the unit 现任职务 names, else `--org`;
 * `--tenures` also creates each cadre's tenure in that unit's team (`"tenures":N` in the JSON).
 *
 * `--json` prints one object: `{"files":N,"created":N,"updated":N,"unchanged":N,"errors":[{"file","row"?,"field","message"}]}`
 * (`row` for rosters only; a roster adds `"ignoredColumns":[…]`, the columns it did not import, and `--strict`
 * refuses it while there are any). With --dry-run the counts are what an import would do; nothing is written.
 * Exit status 0 when the import ran, even with bad files; non-zero when it could not run.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import type { Permission } from '@jiandu/domain';
import type { Config } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { resolveOrgRef } from './org-ref.ts';
import { expandUpload, MAX_UPLOAD } from '../services/cadre-imports/files.ts';
import * as lrmxImport from '../services/cadre-imports/lrmx-import.service.ts';
import * as imports from '../services/imports/imports.service.ts';
import { systemActor, type Actor } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { ignoredColumnsLine, ignoredColumnsOf, refuseIgnoredColumns } from './ignored-columns.ts';

const LRMX_USAGE = '用法：jiandu import lrmx 文件或文件夹… [--org 新干部的单位] [--dry-run] [--json]';
const ROSTER_USAGE = '用法：jiandu import roster 名册.xlsx|.csv [--org 新干部的默认单位] [--tenures 同时建立任职] [--dry-run] [--strict] [--json]';

interface JsonError { file: string; row?: number; field: string; message: string }
interface Outcome { files: number; created: number; updated: number; unchanged: number; tenures?: number; errors: JsonError[]; ignoredColumns?: string[] }

function cliActor(): Actor {
  const permissions: Permission[] = ['cadre:read', 'cadre:write', 'entry:write', 'entry:import'];
  return { ...systemActor(`cli:${os.userInfo().username}:import`), permissions: new Set(permissions) };
}

// ── collecting the files ─────────────────────────────────────────────────────

const FORM = /\.(lrmx|lrm|pic|zip)$/iu;

async function walk(dir: string, out: string[]): Promise<void> {
  for (const e of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && FORM.test(e.name)) out.push(p);
  }
}

/** A zip of stored (uncompressed) entries with UTF-8 names: the CLI's files become one upload. */
export function storedZip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** The paths given → one upload: a single file as it is; several files, folders and zips as one zip. */
async function collect(paths: string[]): Promise<{ fileName: string; data: Buffer }> {
  const files: Array<{ abs: string; name: string }> = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const st = await fs.stat(abs).catch(() => null);
    if (!st) throw new ServiceError('invalid', `找不到文件或文件夹：${p}`);
    if (st.isDirectory()) {
      const found: string[] = [];
      await walk(abs, found);
      for (const f of found) files.push({ abs: f, name: path.join(path.basename(abs), path.relative(abs, f)).split(path.sep).join('/') });
    } else {
      files.push({ abs, name: path.basename(abs) });
      // A .lrm's photo is the .pic of the same name beside it.
      if (/\.lrm$/iu.test(abs)) {
        const stem = path.basename(abs).replace(/\.lrm$/iu, '').toLowerCase();
        const pic = (await fs.readdir(path.dirname(abs))).find((n) => n.toLowerCase() === `${stem}.pic`);
        if (pic && !paths.some((q) => path.resolve(q) === path.join(path.dirname(abs), pic))) files.push({ abs: path.join(path.dirname(abs), pic), name: pic });
      }
    }
  }
  if (files.length === 0) throw new ServiceError('invalid', '没有找到 .lrmx、.lrm 或 .zip 文件');
  if (files.length === 1 && !/\.pic$/iu.test(files[0]!.abs)) return { fileName: files[0]!.name, data: await fs.readFile(files[0]!.abs) };
  const entries: Array<{ name: string; data: Buffer }> = [];
  const used = new Set<string>();
  const add = (name: string, data: Buffer) => {
    let n = name;
    for (let i = 2; used.has(n.toLowerCase()); i++) n = name.replace(/(\.[^./]+)?$/u, `(${i})$1`);
    used.add(n.toLowerCase());
    entries.push({ name: n, data });
  };
  let bytes = 0;
  for (const f of files) {
    const data = await fs.readFile(f.abs);
    bytes += data.length;
    if (bytes > MAX_UPLOAD) throw new ServiceError('invalid', `文件合计超过 ${MAX_UPLOAD / 1024 / 1024} MB，请分批导入`);
    if (/\.zip$/iu.test(f.abs)) {
      // A zip's forms (guarded like an upload) go in under the zip's name.
      const inner = await expandUpload(f.name, data);
      const base = f.name.replace(/\.zip$/iu, '');
      for (const form of inner.forms) {
        if (form.data) add(`${base}/${form.file}`, form.data);
        if (form.pic) add(`${base}/${form.file.replace(/\.lrm$/iu, '.pic')}`, form.pic);
      }
      for (const s of inner.skipped) add(`${base}/${s.file}`, Buffer.alloc(0));
    } else add(f.name, data);
  }
  return { fileName: `${path.basename(files[0]!.abs).replace(/\.[^.]+$/u, '')}等${files.length}个文件.zip`, data: storedZip(entries) };
}

// ── commands ─────────────────────────────────────────────────────────────────

function print(json: boolean, o: Outcome, lines: string[]): void {
  if (json) console.log(JSON.stringify(o));
  else console.log(lines.join('\n'));
}

export async function importLrmxCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { org: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new ServiceError('invalid', LRMX_USAGE);
  const upload = await collect(positionals);
  const actor = cliActor();
  const rt = await openRuntime(config);
  try {
    const deps = { db: rt.db, clock: rt.clock, crypto: rt.crypto };
    const orgId = values.org ? await resolveOrgRef(rt.db, values.org) : null;
    const progress = (m: string) => { if (!values.json) process.stderr.write(m); };
    progress(`正在预览 ${upload.fileName}……\n`);
    const { id, done } = await lrmxImport.uploadCadreImport(deps, actor, { fileName: upload.fileName, data: upload.data, orgId });
    await done;
    let view = await lrmxImport.getCadreImport(deps, actor, id);
    if (view.status !== 'checked') throw new ServiceError('invalid', view.error ?? '预览失败');
    if (values['dry-run']) await lrmxImport.cancelCadreImport(deps, actor, id);
    else {
      progress(`正在写入 ${view.created + view.updated} 名干部……\n`);
      await lrmxImport.commitCadreImport(deps, actor, id);
      view = await lrmxImport.getCadreImport(deps, actor, id);
    }
    const errors: JsonError[] = [
      ...view.report.flatMap((f) => (f.status === 'error' ? f.errors.map((e) => ({ file: f.file, field: e.field, message: e.message })) : [])),
      ...view.skipped.map((s) => ({ file: s.file, field: '文件', message: s.message })),
    ];
    const o: Outcome = { files: view.report.length, created: view.created, updated: view.updated, unchanged: view.unchanged, errors };
    const verb = values['dry-run'] ? '将' : '已';
    print(values.json, o, [
      `${values['dry-run'] ? '试运行（未写入）' : '导入完成'}：${upload.fileName}`,
      `  任免审批表 ${o.files} 份：${verb}新增 ${o.created}，${verb}更新 ${o.updated}，无变化 ${o.unchanged}，有问题 ${view.failed}${view.orgName ? `（新干部单位：${view.orgName}）` : ''}`,
      ...view.report.filter((f) => f.status === 'update').slice(0, 20).map((f) => `  · ${f.file}：${f.cadre.name} 更新 ${f.diff.map((d) => d.label).join('、')}`),
      ...errors.slice(0, 30).map((e) => `  × ${e.file}${e.field ? ` ${e.field}` : ''}：${e.message}`),
      ...(errors.length > 30 ? [`  ……共 ${errors.length} 个问题`] : []),
    ]);
    return 0;
  } finally {
    await rt.close();
  }
}

export async function importRosterCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      org: { type: 'string' }, tenures: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new ServiceError('invalid', ROSTER_USAGE);
  const localPath = path.resolve(file);
  if (!(await fs.stat(localPath).catch(() => null))?.isFile()) throw new ServiceError('invalid', `找不到文件：${file}`);
  const actor = cliActor();
  const rt = await openRuntime(config);
  try {
    const deps = { db: rt.db, clock: rt.clock, crypto: rt.crypto };
    const target = await imports.resolveTarget(deps, actor, 'roster', null);
    const options = { orgId: values.org ? await resolveOrgRef(rt.db, values.org) : null, tenures: values.tenures };
    const created = await imports.createBatch(deps, actor, { fileName: path.basename(localPath), localPath, kind: target.kind, sourceDept: target.sourceDept, strict: false, options });
    const ignored = ignoredColumnsOf(created.batch);
    const dropBatch = () => imports.cancel(deps, actor, created.batch.id);
    if (values.strict) await refuseIgnoredColumns(ignored, dropBatch);
    if (!values.json) process.stderr.write(`正在检查干部名册 ${path.basename(localPath)}……\n`);
    const { done } = await imports.startCheck(deps, actor, created.batch.id, { localPath }).catch(async (e: unknown) => { await dropBatch(); throw e; });
    await done;
    let batch = await imports.getBatch(deps, actor, created.batch.id);
    if (batch.status === 'failed') throw new ServiceError('invalid', batch.error ?? '检查失败');
    let counts: { created: number; updated: number; tenures?: number };
    let problems = await imports.allIssues(deps, batch.id);
    if (values['dry-run']) {
      const c = (await imports.changes(deps, actor, batch.id, 0, 1)).counts;
      counts = { created: c.create, updated: c.update, ...(values.tenures ? { tenures: await plannedTenures(deps, actor, batch.id) } : {}) };
      await imports.cancel(deps, actor, batch.id);
    } else {
      const r = await imports.commit(deps, actor, batch.id);
      counts = { created: r.created ?? 0, updated: r.updated ?? 0, ...(values.tenures ? { tenures: r.tenures ?? 0 } : {}) };
      batch = r;
      problems = await imports.allIssues(deps, batch.id); // with the rows that conflicted at the commit
    }
    const errors: JsonError[] = problems.map((p) => ({ file: localPath, row: p.row, field: p.column, message: p.message }));
    const o: Outcome = { files: 1, ...counts, unchanged: batch.duplicates, errors, ignoredColumns: ignored };
    const verb = values['dry-run'] ? '将' : '已';
    print(values.json, o, [
      `${values['dry-run'] ? '试运行（未写入）' : '导入完成'}：${path.basename(localPath)}（干部名册）`,
      `  数据行 ${batch.rows}：${verb}新增 ${o.created}，${verb}更新 ${o.updated}，无变化或重复 ${o.unchanged}，有问题 ${batch.rejected}${o.tenures !== undefined ? `；${verb}建立任职 ${o.tenures}` : ''}`,
      ...ignoredColumnsLine(ignored),
      ...errors.slice(0, 30).map((e) => `  × 第${e.row}行${e.field ? `“${e.field}”` : ''}：${e.message}`),
      ...(errors.length > 30 ? [`  ……共 ${errors.length} 个问题`] : []),
    ]);
    return 0;
  } finally {
    await rt.close();
  }
}

/** The tenures a checked roster would create (its staged rows that carry one). */
async function plannedTenures(deps: Parameters<typeof imports.changes>[0], actor: Actor, id: string): Promise<number> {
  let n = 0;
  for (let after = 0; ;) {
    const page = await imports.changes(deps, actor, id, after, 500);
    n += page.items.filter((c) => 'tenure' in c && c.tenure).length;
    if (page.items.length < 500) return n;
    after = page.items.at(-1)!.row;
  }
}
