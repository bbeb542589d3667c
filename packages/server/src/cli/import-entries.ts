/** `jiandu import entries FILE [--kind KIND] [--source DEPT] [--dry-run] [--strict] [--json] [--rejects OUT.xlsx]` */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENTRY_KINDS, formatSheetIssue, kindColumns } from '@jiandu/domain';
import type { Config } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { inspectSheet } from '../intake/sheet/index.ts';
import * as imports from '../services/imports/imports.service.ts';
import { loadDictionaries } from '../services/settings.ts';
import { waitForImportJob } from '../services/supervision/import-jobs.ts';
import { systemActor, type Actor } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { ignoredColumnsLine, ignoredColumnsOf, refuseIgnoredColumns } from './ignored-columns.ts';
import os from 'node:os';

const USAGE = '用法：jiandu import entries 文件.xlsx|.csv [--kind 类别] [--source 来源单位] [--dry-run] [--strict] [--json] [--rejects 未导入行.xlsx]\n　　--strict：有问题行、或有未识别的列时，不导入任何记录';

/** Without --kind: the kind whose columns the file's header matches best (the sheet title helps too). */
async function guessKind(file: string, rt: Awaited<ReturnType<typeof openRuntime>>): Promise<string> {
  const dicts = await rt.db.tx((tx) => loadDictionaries(tx));
  const scored: Array<{ code: string; score: number }> = [];
  for (const k of ENTRY_KINDS) {
    const specs = kindColumns(k.code, dicts);
    const look = await inspectSheet(file, specs, { fileName: file });
    const details = look.mapping.columns.filter((c) => c.key?.startsWith('d.')).length;
    const titled = (look.title ?? '').includes(k.name) ? 5 : 0;
    scored.push({ code: k.code, score: look.missing.length === 0 ? details * 2 + titled + 1 : titled - 10 });
  }
  scored.sort((a, b) => b.score - a.score);
  if (!scored[0] || scored[0].score <= 0 || scored[0].score === scored[1]?.score) {
    throw new ServiceError('invalid', `无法从表头判断台账类别，请用 --kind 指定（${ENTRY_KINDS.map((k) => k.name).join('、')}）`);
  }
  return scored[0].code;
}

export async function importEntriesCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      kind: { type: 'string' }, source: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, rejects: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new ServiceError('invalid', USAGE);
  const localPath = path.resolve(file);
  const actor: Actor = { ...systemActor(`cli:${os.userInfo().username}:import`), permissions: new Set(['entry:write', 'entry:import']) };
  const rt = await openRuntime(config);
  try {
    const deps = { db: rt.db, clock: rt.clock, crypto: rt.crypto };
    const kindRef = values.kind ?? await guessKind(localPath, rt);
    const target = await imports.resolveTarget(deps, actor, kindRef, values.source);
    const created = await imports.createBatch(deps, actor, { fileName: path.basename(localPath), localPath, kind: target.kind, sourceDept: target.sourceDept, strict: values.strict });
    const ignored = ignoredColumnsOf(created.batch);
    const dropBatch = () => imports.cancel(deps, actor, created.batch.id);
    if (values.strict) await refuseIgnoredColumns(ignored, dropBatch);
    const progress = (msg: string) => { if (!values.json) process.stderr.write(msg); };
    progress(`正在检查 ${path.basename(localPath)}（${ENTRY_KINDS.find((k) => k.code === target.kind)?.name}，来源：${target.sourceName}）……\n`);
    const { done } = await imports.startCheck(deps, actor, created.batch.id, { localPath, strict: values.strict })
      .catch(async (e: unknown) => { await dropBatch(); throw e; });
    await done;
    let batch = await imports.getBatch(deps, actor, created.batch.id);
    if (batch.status === 'failed') throw new ServiceError('invalid', batch.error ?? '检查失败');
    const problems = await imports.allIssues(deps, batch.id);
    if (values.rejects && batch.rejected > 0) await imports.rejectsFile(deps, actor, batch.id, path.resolve(values.rejects));
    let imported = 0;
    let duplicates = batch.duplicates;
    let strictRefused = false;
    if (values['dry-run']) {
      imported = batch.valid; // what a real run would write (the ledger is left untouched)
      await imports.cancel(deps, actor, batch.id);
    } else if (batch.strict && batch.rejected > 0) {
      strictRefused = true;
      await imports.cancel(deps, actor, batch.id);
    } else {
      progress(`正在写入 ${batch.valid} 行……\n`);
      batch = await imports.commit(deps, actor, batch.id);
      imported = batch.imported;
      duplicates = batch.duplicates;
      // A large import's warnings are re-evaluated after the commit: wait, so that a script sees them current.
      if (batch.reevaluation?.status === 'running') {
        batch.reevaluation = await waitForImportJob(deps, batch.id, (j) => progress(`预警重算中 ${j.progress}/${j.total}……\n`));
      }
    }
    const rejob = batch.reevaluation ?? null;
    const kindLabel = ENTRY_KINDS.find((k) => k.code === target.kind)!.name;
    if (values.json) {
      console.log(JSON.stringify({
        file: localPath, kind: kindLabel, rows: batch.rows, imported, duplicates,
        errors: problems.map((p) => ({ row: p.row, column: p.column, message: p.message })), ignoredColumns: ignored,
        ...(rejob ? { reevaluation: { status: rejob.status, subjects: rejob.total, warningsChanged: rejob.warningsChanged, error: rejob.error } } : {}),
        ...(batch.sheetMapping?.notes?.length ? { notes: batch.sheetMapping.notes } : {}),
      }));
    } else {
      const lines = [
        `${values['dry-run'] ? '试运行（未写入）' : strictRefused ? '严格模式：存在问题行，未导入任何记录' : '导入完成'}：${path.basename(localPath)}`,
        `  类别：${kindLabel}，来源：${target.sourceName}`,
        `  数据行 ${batch.rows}，${values['dry-run'] ? '可导入' : '已导入'} ${imported}，重复 ${duplicates}，有问题 ${batch.rejected}`,
        ...(rejob ? [rejob.status === 'done'
          ? `  预警已更新：重算 ${rejob.total} 个对象，预警变化 ${rejob.warningsChanged} 条`
          : `  预警重算未完成：${rejob.error ?? rejob.status}（已导入的记录不受影响）`] : []),
        ...ignoredColumnsLine(ignored),
        ...(batch.sheetMapping?.notes ?? []).map((n) => `  ${n}`),
        ...problems.slice(0, 30).map((p) => `  · ${formatSheetIssue({ row: p.row, column: p.column, message: p.message })}`),
        ...(problems.length > 30 ? [`  ……共 ${problems.length} 个问题${values.rejects ? '' : '；用 --rejects 文件.xlsx 导出全部问题行'}`] : []),
        ...(values.rejects && batch.rejected > 0 ? [`  问题行已写入 ${path.resolve(values.rejects)}`] : []),
      ];
      console.log(lines.join('\n'));
    }
    return 0;
  } finally {
    await rt.close();
  }
}
