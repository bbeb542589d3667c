/** `jiandu import entries` as a user runs it — including being killed in the middle. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.ts';
import { cliPlace } from '../support/place.ts';
import { BIN, onText, runCli } from '../support/process.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

async function place(): Promise<Record<string, string>> {
  const env = await cliPlace('jiandu-imp-', cleanup);
  const seeded = await runCli(['seed', '--cadres', '300', '--seed', '11'], env, 120_000);
  expect(seeded.code, seeded.stderr).toBe(0);
  return env;
}

/** Entries written by imports (the seed's own ledger is not counted). */
async function count(env: Record<string, string>, query = sql`select count(*)::int as n from entry where batch_id is not null`): Promise<number> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
  try {
    return (await db.tx((tx) => rows<{ n: number }>(tx, query)))[0]!.n;
  } finally {
    await db.close();
  }
}

async function teamOrgs(env: Record<string, string>): Promise<string[]> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.JIANDU_DATA_DIR! });
  try {
    return (await db.tx((tx) => rows<{ name: string }>(tx, sql`select o.name from org o join team t on t.org_id = o.id
      where o.name in (select name from org group by name having count(*) = 1) order by o.name`))).map((r) => r.name);
  } finally {
    await db.close();
  }
}

/** 党风廉政建设考核 of teams: `n` distinct rows, plus optional bad ones. */
async function sheet(file: string, orgs: string[], n: number, bad = false, tag = ''): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('考核');
  ws.addRow(['单位', '年度', '考核等次', '发生日期', '摘要']).commit();
  for (let i = 0; i < n; i++) ws.addRow([orgs[i % orgs.length], 2000 + (i % 25), ['好', '较好', '一般', '差'][i % 4], '2025-01-15', `考核记录${tag}第${i + 1}条`]).commit();
  if (bad) {
    ws.addRow(['不存在的单位', 2024, '好', '2025-01-15', '坏行一']).commit(); // row n+2
    ws.addRow([orgs[0], 2024, '优良', '2025-01-15', '坏行二']).commit(); // row n+3
  }
  await wb.commit();
}

let env: Record<string, string>;
let orgs: string[];
beforeAll(async () => {
  env = await place();
  orgs = await teamOrgs(env);
}, 180_000);

describe('jiandu import entries', () => {
  it('--json prints exactly one JSON object with rows, imported, duplicates and errors by Excel row', async () => {
    const file = path.join(env.JIANDU_DATA_DIR!, '党风廉政.xlsx');
    await sheet(file, orgs, 40, true);
    const dry = await runCli(['import', 'entries', file, '--kind', '党风廉政建设考核', '--source', '组织部', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(await count(env)).toBe(0);
    const r = await runCli(['import', 'entries', file, '--kind', '党风廉政建设考核', '--source', '组织部', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out).sort()).toEqual(['duplicates', 'errors', 'file', 'ignoredColumns', 'imported', 'kind', 'reevaluation', 'rows'].sort());
    // The subjects' warnings were re-evaluated before the command ended (here in the commit: a small import).
    expect(out.reevaluation).toMatchObject({ status: 'done', subjects: Math.min(40, orgs.length), error: null });
    expect(out.ignoredColumns).toEqual([]);
    expect(out).toMatchObject({ file, kind: '党风廉政建设考核', rows: 42, imported: 40, duplicates: 0 });
    expect(out.errors).toEqual([
      { row: 42, column: '单位', message: expect.stringContaining('不存在的单位') },
      { row: 43, column: '考核等次', message: expect.stringContaining('好、较好、一般、差') },
    ]);
    const { reevaluation: _r, ...written } = out;
    expect(JSON.parse(dry.stdout)).toEqual({ ...written, imported: 40 }); // a dry run tells what a real one does
    expect(await count(env)).toBe(40);
    const again = JSON.parse((await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb', '--json'], env)).stdout);
    expect(again).toMatchObject({ imported: 0, duplicates: 40 });
    expect(await count(env)).toBe(40);
    expect(await count(env, sql`select count(*)::int as n from audit_log where actor_login like 'cli:%' and action = 'import.commit'`)).toBe(2);
  }, 300_000);

  it('a large import waits for its re-evaluation job before exiting, and prints it', async () => {
    const file = path.join(env.JIANDU_DATA_DIR!, '党风廉政-大.xlsx');
    await sheet(file, orgs.slice(0, 6), 6, false, '（后台）');
    const big = { ...env, JIANDU_IMPORT_INLINE_SUBJECTS: '2' }; // 6 teams: more than 2, so a job after the commit
    const r = await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb'], big);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('导入完成');
    expect(r.stdout).toContain('预警已更新：重算 6 个对象');
    // The job ended before the process did: no subject of the import is left due.
    expect(await count(env, sql`select count(*)::int as n from rule_job where batch_id is not null and status <> 'done'`)).toBe(0);
    expect(await count(env, sql`select count(*)::int as n from rule_job j join import_batch b on b.id = j.batch_id
      where b.file_name = '党风廉政-大.xlsx' and j.reason like '%后台%' and j.progress = 6 and j.total = 6`)).toBe(1);
  }, 300_000);

  it('--strict imports nothing when a row is bad; a missing file or unknown kind fails with a Chinese message', async () => {
    const file = path.join(env.JIANDU_DATA_DIR!, 'strict.xlsx');
    await sheet(file, orgs.slice(1), 5, true);
    const before = await count(env);
    const r = await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb', '--strict', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 0, rows: 7 });
    expect(await count(env)).toBe(before);
    const missing = await runCli(['import', 'entries', '/nonexistent/x.xlsx', '--kind', 'dflz', '--json'], env);
    expect(missing.code).not.toBe(0);
    const kind = await runCli(['import', 'entries', file, '--kind', '不存在的类别'], env);
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toContain('不存在');
  }, 300_000);
});

describe('no column silently dropped', () => {
  it('--json names the columns it did not import; --strict refuses while there are any, and writes nothing', async () => {
    const file = path.join(env.JIANDU_DATA_DIR!, '带未识别列.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核');
    ws.addRow(['序号', '单位', '考核年份', '考核等级', '考核时间', '整改完成情况', '联系人']);
    ws.addRow([1, orgs[2], 2021, '好', '2025-02-15', '已完成', '张某']);
    await wb.xlsx.writeFile(file);
    const before = await count(env);
    const strict = await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb', '--strict', '--json'], env);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('未识别的列 “整改完成情况”、“联系人” 不能导入');
    expect(strict.stdout).toBe('');
    expect(await count(env)).toBe(before);
    expect(await count(env, sql`select count(*)::int as n from import_batch where file_name = '带未识别列.xlsx' and status <> 'cancelled'`)).toBe(0);
    const r = await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 1, ignoredColumns: ['整改完成情况', '联系人'] });
    const text = await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb', '--dry-run'], env);
    expect(text.stdout).toContain('未识别的列：整改完成情况、联系人，未导入');
  }, 300_000);

  it('jiandu import roster: the same ignoredColumns and --strict', async () => {
    const file = path.join(env.JIANDU_DATA_DIR!, '名册带未识别列.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['序号', '姓名', '性别', '出生年月', '现任职务', '家庭住址']);
    ws.addRow([1, '测试甲', '男', '1980.01', '科员', '某街道']);
    await wb.xlsx.writeFile(file);
    const strict = await runCli(['import', 'roster', file, '--strict', '--json'], env);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('“家庭住址”');
    const dry = await runCli(['import', 'roster', file, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).ignoredColumns).toEqual(['家庭住址']);
  }, 300_000);
});

describe('crash safety', () => {
  /** Starts the import and SIGKILLs it when its stderr shows `marker`; returns whether it was killed. */
  function importKilledAt(file: string, marker: RegExp, delayMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'import', 'entries', file, '--kind', 'dflz', '--source', 'zzb'], { env: { ...process.env, ...env } });
      let err = '';
      let killed = false;
      onText(child.stderr, (d) => {
        err += d;
        if (!killed && marker.test(err)) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'));
    });
  }

  it('killed while checking or while writing: the whole batch or none of it; importing again completes without duplicates', async () => {
    const n = 8_000;
    const file = path.join(env.JIANDU_DATA_DIR!, 'big.xlsx');
    await sheet(file, orgs, n, false, '（大批）');
    const base = await count(env);
    for (const [marker, delay] of [[/正在检查/u, 300], [/正在写入/u, 0]] as const) {
      expect(await importKilledAt(file, marker, delay), `killed at ${marker}`).toBe(true);
      const after = await count(env) - base;
      expect([0, n], `after a kill at ${marker}`).toContain(after);
      const heads = await count(env, sql`select count(*)::int as n from entry_head h join entry e on e.id = h.version_id where e.batch_id is not null`) - base;
      expect(heads).toBe(after);
    }
    const r = await runCli(['import', 'entries', file, '--kind', 'dflz', '--source', 'zzb', '--json'], env, 300_000);
    expect(r.code, r.stderr).toBe(0);
    expect(await count(env) - base).toBe(n);
    expect(await count(env, sql`select count(*)::int as n from (select natural_key from entry where natural_key is not null group by natural_key having count(*) > 1) d`)).toBe(0);
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.stdout).toMatch(/^OK/mu);
  }, 600_000);
});
