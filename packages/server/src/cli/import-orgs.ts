/**
 * `jiandu import orgs FILE [--dry-run] [--json]` — an 组织机构 sheet (the org tree: 单位名称, 上级单位, 简称,
 * 单位类别, 层级, 行政区划代码, 是否设领导班子, 排序) through the import job (kind `orgs`).
 *
 * `--json` prints one object: `{"file","rows","created","updated","unchanged","errors":[{"row","column","message"}]}`.
 * With --dry-run the counts are what an import would do; nothing is written. Exit status 0 when the import
 * ran, even with bad rows; non-zero when it could not run.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatSheetIssue, type OrgImportChange, type Permission } from '@jiandu/domain';
import type { Config } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import * as imports from '../services/imports/imports.service.ts';
import { systemActor, type Actor } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { ignoredColumnsLine, ignoredColumnsOf, refuseIgnoredColumns } from './ignored-columns.ts';

const USAGE = '用法：jiandu import orgs 组织机构.xlsx|.csv [--dry-run] [--strict] [--json]\n　　--strict：有未识别的列时不导入';

interface Outcome {
  file: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number; column: string; message: string }>;
  /** The file's columns no field takes (not imported); `--strict` refuses the import while there is one. */
  ignoredColumns: string[];
}

function cliActor(): Actor {
  const permissions: Permission[] = ['org:read', 'org:write', 'entry:import'];
  return { ...systemActor(`cli:${os.userInfo().username}:import`), permissions: new Set(permissions) };
}

export async function importOrgsCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, strict: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new ServiceError('invalid', USAGE);
  const localPath = path.resolve(file);
  if (!(await fs.stat(localPath).catch(() => null))?.isFile()) throw new ServiceError('invalid', `找不到文件：${file}`);
  const actor = cliActor();
  const rt = await openRuntime(config);
  try {
    const deps = { db: rt.db, clock: rt.clock, crypto: rt.crypto };
    const target = await imports.resolveTarget(deps, actor, 'orgs', null);
    const created = await imports.createBatch(deps, actor, { fileName: path.basename(localPath), localPath, kind: target.kind, sourceDept: target.sourceDept, strict: false });
    const ignored = ignoredColumnsOf(created.batch);
    if (values.strict) await refuseIgnoredColumns(ignored, () => imports.cancel(deps, actor, created.batch.id));
    if (!values.json) process.stderr.write(`正在检查组织机构表 ${path.basename(localPath)}……\n`);
    const { done } = await imports.startCheck(deps, actor, created.batch.id, { localPath });
    await done;
    let batch = await imports.getBatch(deps, actor, created.batch.id);
    if (batch.status === 'failed') throw new ServiceError('invalid', batch.error ?? '检查失败');
    let counts: { created: number; updated: number };
    let tree: OrgImportChange[] = [];
    let problems = await imports.allIssues(deps, batch.id);
    if (values['dry-run']) {
      const first = await imports.changes(deps, actor, batch.id, 0, 500);
      counts = { created: first.counts.create, updated: first.counts.update };
      tree = first.items as OrgImportChange[];
      await imports.cancel(deps, actor, batch.id);
    } else {
      const r = await imports.commit(deps, actor, batch.id);
      counts = { created: r.created ?? 0, updated: r.updated ?? 0 };
      batch = r;
      problems = await imports.allIssues(deps, batch.id); // with the rows that failed at the commit
    }
    const o: Outcome = {
      file: localPath, rows: batch.rows, ...counts, unchanged: batch.duplicates,
      errors: problems.map((p) => ({ row: p.row, column: p.column, message: p.message })), ignoredColumns: ignored,
    };
    if (values.json) console.log(JSON.stringify(o));
    else {
      const verb = values['dry-run'] ? '将' : '已';
      console.log([
        `${values['dry-run'] ? '试运行（未写入）' : '导入完成'}：${path.basename(localPath)}（组织机构）`,
        `  数据行 ${o.rows}：${verb}新增 ${o.created}，${verb}更新 ${o.updated}，无变化 ${o.unchanged}，有问题 ${batch.rejected}`,
        ...ignoredColumnsLine(ignored),
        ...treeLines(tree).slice(0, 60),
        ...o.errors.slice(0, 30).map((e) => `  × ${formatSheetIssue(e)}`),
        ...(o.errors.length > 30 ? [`  ……共 ${o.errors.length} 个问题`] : []),
      ].join('\n'));
    }
    return 0;
  } finally {
    await rt.close();
  }
}

/** The units to create or update as an indented tree (a dry run shows what would be built). */
function treeLines(items: OrgImportChange[]): string[] {
  const ids = new Set(items.map((i) => i.org.id));
  const under = new Map<string, OrgImportChange[]>();
  const tops: OrgImportChange[] = [];
  for (const i of items) {
    if (i.parent.id && ids.has(i.parent.id)) under.set(i.parent.id, [...(under.get(i.parent.id) ?? []), i]);
    else tops.push(i);
  }
  const out: string[] = [];
  const walk = (i: OrgImportChange, depth: number) => {
    const mark = i.status === 'create' ? '新增' : `更新 ${i.diff.map((d) => d.label).join('、')}`;
    out.push(`  ${'  '.repeat(depth)}${depth ? '└ ' : ''}${i.org.name}（${mark}；${i.type}，${i.level}）`);
    for (const c of under.get(i.org.id) ?? []) walk(c, depth + 1);
  };
  for (const t of tops) {
    if (t.parent.name) out.push(`  ${t.parent.name}（已有）`);
    walk(t, t.parent.name ? 1 : 0);
  }
  return out;
}
