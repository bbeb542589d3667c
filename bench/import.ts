/**
 * Import benchmark: `npm run bench:import [-- --rows N] [--keep]` (default 100,000 rows).
 *
 * In one process, on fresh databases holding the demo city (3,000 cadres; PGlite in a temp dir, or — when
 * DATABASE_URL is set — scratch databases created next to it on that PostgreSQL and dropped afterwards):
 *   1. generates N realistic 经济责任审计 rows from the seeded cadres (by 身份证号 + 姓名 + 单位, by 姓名 + 单位,
 *      班子 by 单位; dates in several forms; a few invalid and a few repeated rows) as .xlsx (ExcelJS
 *      streaming writer, shared strings, date cells) and as UTF-8 .csv;
 *   2. imports the CSV through the real path (createBatch → startCheck → commit, as `jiandu import entries`
 *      does) into database A, and the .xlsx the same way into database B (a copy of A before the import:
 *      the ledger is append-only, so it cannot be cleared);
 *   3. COPYs the same CSV (same columns, all text) into a plain table of database A — the floor.
 * Seeding and writing the files happen in a child process first, so that the measured process's RSS is the
 * imports' own. RSS is sampled every 50 ms from a worker thread (PGlite runs statements on the main thread,
 * so a sampler there would miss the peaks of long statements); each phase opens its database afresh. Prints a table; the last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { idNumberCheckChar } from '@jiandu/domain';
import { loadConfig, type Config } from '../packages/server/src/config.ts';
import { rows as sqlRows } from '../packages/server/src/db/client.ts';
import { openRuntime, type Runtime } from '../packages/server/src/runtime.ts';
import { DEFAULT_SEED, DEFAULT_CADRES, generateSeedData, type SeedData } from '../packages/server/src/seed/generator.ts';
import { insertSeedData } from '../packages/server/src/seed/insert.ts';
import * as imports from '../packages/server/src/services/imports/imports.service.ts';
import { waitForImportJob } from '../packages/server/src/services/supervision/import-jobs.ts';
import { systemActor, type Actor } from '../packages/server/src/context.ts';

// ---------- arguments ----------

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ROWS = Number((arg('--rows') ?? '100000').replace(/[_,]/gu, ''));
if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error('--rows takes an integer ≥ 100');
const KEEP = process.argv.includes('--keep');
/** `--only csv,copy`: run only these phases (for profiling); the JSON then has null for the others. */
const ONLY = new Set((arg('--only') ?? 'csv,xlsx,copy').split(','));
/** `--no-reevaluation`: do not wait for the re-evaluation job after a large commit (for profiling check and commit). */
const NO_REEVALUATION = process.argv.includes('--no-reevaluation');
/**
 * `--from DIR`: reuse the files and the seeded database of an earlier PGlite run kept with `--keep` (its setup.json and
 * its database B, which a csv-only run leaves as seeded); give the same `--rows`.
 */
const FROM = arg('--from');
const DATABASE_URL = process.env.DATABASE_URL?.trim() || null;
const log = (s: string) => process.stderr.write(s + '\n');

// ---------- RSS sampler (worker thread: keeps sampling while the main thread runs a long statement) ----------

const PHASES = ['setup', 'csv', 'xlsx', 'copy'] as const;
type Phase = (typeof PHASES)[number];
const shared = new SharedArrayBuffer(8 * (PHASES.length + 2));
const peaks = new Float64Array(shared); // [0..n) peak RSS per phase, [n] current phase, [n+1] stop flag
const sampler = new Worker(`
  const { workerData } = require('node:worker_threads');
  const a = new Float64Array(workerData);
  const n = a.length - 2;
  const tick = () => {
    const rss = process.memoryUsage.rss();
    const p = a[n];
    if (rss > a[p]) a[p] = rss;
    if (a[n + 1] === 0) setTimeout(tick, 50);
  };
  tick();
`, { eval: true, workerData: shared });
sampler.unref();
const setPhase = (p: Phase) => { peaks[PHASES.length] = PHASES.indexOf(p); };
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// ---------- the rows ----------

const HEADER = ['姓名', '身份证号', '单位', '审计报告日期', '文号', '审计类型', '审计期间起', '审计期间止', '发现问题数', '问题金额（万元）', '审计评价', '存在严重问题', '整改状态'];
type Cell = string | number | Date | null;
type Expect = 'valid' | 'invalid' | 'duplicate';

interface Subjects {
  byId: Array<{ name: string; idNumber: string; orgName: string }>;
  byName: Array<{ name: string; orgName: string }>;
  teams: string[];
}

/** Cadres and units of the seed that a sheet can name unambiguously. */
function subjectsOf(data: SeedData): Subjects {
  const orgName = new Map(data.orgs.map((o) => [o.id, o.name]));
  const nameUses = new Map<string, number>(); // an org is found by name or short name: both must be unique
  for (const o of data.orgs) {
    for (const n of new Set([o.name, o.shortName].filter((x): x is string => !!x))) nameUses.set(n, (nameUses.get(n) ?? 0) + 1);
  }
  const uniqueOrg = (id: string) => nameUses.get(orgName.get(id)!) === 1;
  const pairUses = new Map<string, number>();
  for (const c of data.cadres) pairUses.set(`${c.name}|${c.orgId}`, (pairUses.get(`${c.name}|${c.orgId}`) ?? 0) + 1);
  return {
    byId: data.cadres.map((c) => ({ name: c.name, idNumber: c.idNumber, orgName: orgName.get(c.orgId)! })),
    byName: data.cadres.filter((c) => uniqueOrg(c.orgId) && pairUses.get(`${c.name}|${c.orgId}`) === 1).map((c) => ({ name: c.name, orgName: orgName.get(c.orgId)! })),
    teams: data.teams.filter((t) => uniqueOrg(t.orgId)).map((t) => orgName.get(t.orgId)!),
  };
}

const AUDIT_TYPES = ['任中审计', '离任审计'];
const CONCLUSIONS = ['好', '较好', '一般', '较差'];
const RECTIFICATION = ['未整改', '整改中', '已整改'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A date in one of the forms people type (or, in .xlsx, a real date cell for some rows). */
function dateCell(y: number, m: number, d: number, i: number, xlsx: boolean): Cell {
  switch (i % 5) {
    case 0: return `${y}-${pad(m)}-${pad(d)}`;
    case 1: return `${y}/${m}/${d}`;
    case 2: return `${y}年${m}月${d}日`;
    case 3: return xlsx ? new Date(Date.UTC(y, m - 1, d)) : `${y}.${m}.${d}`;
    default: return xlsx ? new Date(Date.UTC(y, m - 1, d)) : `${y}${pad(m)}${pad(d)}`;
  }
}

/** Row i of the sheet (cells in HEADER order) and what the import must make of it. */
function rowOf(i: number, s: Subjects, xlsx: boolean): { cells: Cell[]; expect: Expect } {
  const y = 2018 + (i % 8);
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  const k = Math.floor(i / 7);
  let name: string | null = null;
  let idNumber: string | null = null;
  let org: string | null = null;
  const pick = i % 25;
  if (pick < 22) {
    const c = s.byId[(i * 7919) % s.byId.length]!;
    [name, idNumber, org] = [c.name, c.idNumber, c.orgName];
  } else if (pick < 24) {
    const c = s.byName[(i * 104729) % s.byName.length]!;
    [name, org] = [c.name, c.orgName];
  } else {
    org = s.teams[i % s.teams.length]!;
  }
  const cells: Cell[] = [
    name, idNumber, org, dateCell(y, m, d, i, xlsx), `青审〔${y}〕${i + 1}号`, AUDIT_TYPES[k % 2]!,
    dateCell(y - 3, 1, 1, i + 1, xlsx), dateCell(y - 1, 12, 31, i + 2, xlsx), i % 9, i % 3 === 0 ? null : (i % 10_000) / 100,
    CONCLUSIONS[k % 4]!, i % 11 === 0 ? '是' : '否', RECTIFICATION[i % 3]!,
  ];
  // About 1 row in 500 is wrong, in the ways real sheets are.
  if (i % 500 === 499) {
    switch (Math.floor(i / 500) % 6) {
      case 0: if (cells[1]) cells[1] = String(cells[1]).slice(0, 17) + (String(cells[1]).endsWith('0') ? '1' : '0'); else cells[8] = '若干'; break; // bad check digit
      case 1: { const f = `11010119${60 + (i % 30)}0101${String(i % 1000).padStart(3, '0')}`; cells[1] = f + idNumberCheckChar(f); cells[0] = '查无此人'; cells[2] = null; break; } // unknown cadre
      case 2: cells[5] = '专项审计'; break; // not a 审计类型
      case 3: cells[7] = dateCell(y - 4, 1, 1, i, xlsx); break; // 审计期间止 before 起
      case 4: cells[3] = '2099-01-01'; break; // in the future
      default: cells[8] = null; break; // required 发现问题数 missing
    }
    return { cells, expect: 'invalid' };
  }
  return { cells, expect: 'valid' };
}

/** The rows in file order: every 1,000th row is repeated right after itself (a pasted-twice line). */
function* sheetRows(n: number, s: Subjects, xlsx: boolean): Generator<{ cells: Cell[]; expect: Expect }> {
  let emitted = 0;
  for (let i = 0; emitted < n; i++) {
    const r = rowOf(i, s, xlsx);
    yield r;
    emitted++;
    if (i % 1000 === 500 && r.expect === 'valid' && emitted < n) {
      yield { cells: r.cells, expect: 'duplicate' };
      emitted++;
    }
  }
}

const csvField = (v: Cell) => {
  if (v === null) return '';
  const t = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/u.test(t) ? `"${t.replace(/"/gu, '""')}"` : t;
};

async function writeFiles(dir: string, n: number, s: Subjects) {
  const csv = join(dir, 'ledger.csv');
  const xlsx = join(dir, 'ledger.xlsx');
  const expected = { valid: 0, invalid: 0, duplicate: 0 };
  async function* csvText() {
    yield `\uFEFF${HEADER.join(',')}\r\n`;
    let buf = '';
    for (const r of sheetRows(n, s, false)) {
      expected[r.expect]++;
      buf += r.cells.map(csvField).join(',') + '\r\n';
      if (buf.length > 1 << 16) { yield buf; buf = ''; }
    }
    yield buf;
  }
  await pipeline(Readable.from(csvText()), createWriteStream(csv));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('经济责任审计');
  ws.addRow(['2025年度经济责任审计结果汇总表']).commit();
  ws.addRow(HEADER).commit();
  let written = 0;
  for (const r of sheetRows(n, s, true)) {
    const row = ws.addRow(r.cells);
    r.cells.forEach((c, j) => { if (c instanceof Date) row.getCell(j + 1).numFmt = 'yyyy-mm-dd'; });
    row.commit();
    // ExcelJS pipes into its zip without backpressure: let the zip drain now and then.
    if (++written % 5000 === 0) await new Promise((res) => setImmediate(res));
  }
  ws.commit();
  await wb.commit();
  return { csv, xlsx, expected };
}

// ---------- databases ----------

interface Target { name: string; config: Config }

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { await c.query(text); } finally { await c.end(); }
}
const withDb = (url: string, db: string) => { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); };

// ---------- phases ----------

interface ImportResult {
  seconds: number; cpu: number; checkSeconds: number; commitSeconds: number;
  /** The import's warnings re-evaluated after the commit (a background job; inline for a small import: 0). */
  reevalSeconds: number; subjects: number;
  /** CPU seconds of this process by step (PGlite runs in it): what a loaded machine does not inflate. */
  cpuSteps: { check: number; commit: number; reevaluation: number };
  imported: number; rows: number; valid: number; rejected: number; duplicates: number }

async function timedImport(rt: Runtime, file: string, expected: { valid: number; invalid: number; duplicate: number }): Promise<ImportResult> {
  const actor: Actor = { ...systemActor('bench:import'), permissions: new Set(['entry:write', 'entry:import']) };
  const deps = { db: rt.db, clock: rt.clock, crypto: rt.crypto };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const target = await imports.resolveTarget(deps, actor, 'jjzrsj', 'sj');
  const created = await imports.createBatch(deps, actor, { fileName: file.split('/').pop()!, localPath: file, kind: target.kind, sourceDept: target.sourceDept, strict: false });
  const { done } = await imports.startCheck(deps, actor, created.batch.id, { localPath: file, strict: false });
  await done;
  const t1 = performance.now();
  const cpu1 = process.cpuUsage(cpu0);
  const checked = await imports.getBatch(deps, actor, created.batch.id);
  if (checked.status !== 'checked') throw new Error(`check ended ${checked.status}: ${checked.error}`);
  const batch = await imports.commit(deps, actor, created.batch.id);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  // The warnings are current once the import's re-evaluation job has ended (the report shows it running until then).
  const job = NO_REEVALUATION ? null : batch.reevaluation?.status === 'running' ? await waitForImportJob(deps, batch.id) : batch.reevaluation ?? null;
  if (job && job.status !== 'done') throw new Error(`re-evaluation ended ${job.status}: ${job.error}`);
  const t3 = performance.now();
  const cpu3 = process.cpuUsage(cpu0);
  const cs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
  const [n] = await rt.db.tx((tx) => sqlRows<{ e: number | string; h: number | string }>(tx, sql`
    select (select count(*) from entry where batch_id = ${batch.id}::uuid) as e,
           (select count(*) from entry_head h join entry e on e.id = h.version_id where e.batch_id = ${batch.id}::uuid) as h`));
  const got = { rows: batch.rows, valid: checked.valid, rejected: batch.rejected, duplicates: batch.duplicates, imported: batch.imported, entries: Number(n!.e), heads: Number(n!.h) };
  const want = { rows: ROWS, valid: expected.valid, rejected: expected.invalid, duplicates: expected.duplicate, imported: expected.valid, entries: expected.valid, heads: expected.valid };
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    const problems = await imports.allIssues(deps, batch.id);
    throw new Error(`${file}: counts ${JSON.stringify(got)} ≠ expected ${JSON.stringify(want)}; first problems: ${JSON.stringify(problems.slice(0, 8))}`);
  }
  return {
    seconds: (t2 - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, checkSeconds: (t1 - t0) / 1000, commitSeconds: (t2 - t1) / 1000,
    reevalSeconds: (t3 - t2) / 1000, subjects: job?.total ?? 0,
    cpuSteps: { check: cs(cpu1), commit: cs(cpu) - cs(cpu1), reevaluation: cs(cpu3) - cs(cpu) },
    imported: batch.imported, rows: batch.rows, valid: checked.valid, rejected: batch.rejected, duplicates: batch.duplicates,
  };
}

/** COPY of the same CSV (header line skipped) into a plain all-text table, including reading the file. */
async function timedCopy(rt: Runtime, file: string): Promise<{ seconds: number; cpu: number; rows: number }> {
  const cols = HEADER.map((_, j) => `c${j + 1} text`).join(', ');
  const create = `create table bench_copy (${cols})`;
  const copy = `copy bench_copy from ${rt.db.pglite ? "'/dev/blob'" : 'stdin'} with (format csv, header true, encoding 'UTF8')`;
  let seconds: number;
  const cpu0 = process.cpuUsage();
  if (rt.db.pglite) {
    await rt.db.pglite.exec(create);
    const t0 = performance.now();
    const blob = new Blob([readFileSync(file)]);
    await rt.db.pglite.query(copy, [], { blob });
    seconds = (performance.now() - t0) / 1000;
  } else {
    const client = await rt.db.pool!.connect();
    try {
      await client.query(create);
      const { from } = await import('pg-copy-streams');
      const t0 = performance.now();
      const { createReadStream } = await import('node:fs');
      await pipeline(createReadStream(file), client.query(from(copy)));
      seconds = (performance.now() - t0) / 1000;
    } finally {
      client.release();
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const [r] = await rt.db.tx((tx) => sqlRows<{ n: number | string }>(tx, sql`select count(*) as n from bench_copy`));
  return { seconds, cpu: (cpu.user + cpu.system) / 1e6, rows: Number(r!.n) };
}

// ---------- main ----------

interface Setup { csv: string; xlsx: string; expected: { valid: number; invalid: number; duplicate: number } }

function targetsOf(dir: string, pid: number): { scratch: string[]; targets: Target[] } {
  const scratch = DATABASE_URL ? [`jiandu_bench_${pid}_a`, `jiandu_bench_${pid}_b`] : [];
  const keyFile = join(dir, 'jiandu.key');
  const targets: Target[] = DATABASE_URL
    ? scratch.map((db, i) => ({ name: i ? 'B' : 'A', config: loadConfig({}, { databaseUrl: withDb(DATABASE_URL, db), dataDir: join(dir, `data-${i}`), keyFile }) }))
    : ['A', 'B'].map((name) => ({ name, config: loadConfig({}, { databaseUrl: null, dataDir: join(dir, `db-${name}`), keyFile }) }));
  return { scratch, targets };
}

/** Seeds database A, copies it to B and writes the files. Runs in a child process (`--setup DIR PID`) so that its memory is not counted. */
async function setup(dir: string, pid: number): Promise<Setup> {
  const { scratch, targets } = targetsOf(dir, pid);
  let t = performance.now();
  const data = generateSeedData({ seed: DEFAULT_SEED, cadres: DEFAULT_CADRES, asOf: '2026-06-30' });
  if (DATABASE_URL) await adminQuery(DATABASE_URL, `create database ${scratch[0]}`);
  const rtA = await openRuntime(targets[0]!.config);
  await insertSeedData(rtA, data, { actor: systemActor('bench:seed') });
  await rtA.close();
  if (DATABASE_URL) await adminQuery(DATABASE_URL, `create database ${scratch[1]} template ${scratch[0]}`);
  else cpSync(targets[0]!.config.dataDir, targets[1]!.config.dataDir, { recursive: true });
  log(`demo city seeded (${data.cadres.length.toLocaleString()} cadres) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const files = await writeFiles(dir, ROWS, subjectsOf(data));
  const size = (p: string) => (statSync(p).size / 1024 / 1024).toFixed(1);
  log(`rows written in ${((performance.now() - t) / 1000).toFixed(1)} s: .csv ${size(files.csv)} MB, .xlsx ${size(files.xlsx)} MB; `
    + `expected ${files.expected.valid} valid, ${files.expected.invalid} invalid, ${files.expected.duplicate} repeated`);
  return files;
}

async function main(): Promise<void> {
  const setupDir = arg('--setup');
  if (setupDir) {
    process.stdout.write(JSON.stringify(await setup(setupDir, Number(process.argv[process.argv.indexOf('--setup') + 2]))) + '\n');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiandu-bench-import-'));
  const { scratch, targets } = targetsOf(dir, process.pid);
  const load0 = loadavg()[0]!;
  try {
    setPhase('setup');
    log(`${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ${ROWS.toLocaleString()} rows; load average ${load0.toFixed(1)} on ${availableParallelism()} CPUs, ${mb(totalmem())} MB RAM`);
    let files: Setup;
    if (FROM) {
      files = JSON.parse(readFileSync(join(FROM, 'setup.json'), 'utf8')) as Setup;
      for (const t of targets) cpSync(join(FROM, 'db-B'), t.config.dataDir, { recursive: true });
      cpSync(join(FROM, 'jiandu.key'), join(dir, 'jiandu.key'));
    } else {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--setup', dir, String(process.pid), '--rows', String(ROWS)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
      if (child.status !== 0) throw new Error(`setup failed (exit ${child.status})`);
      files = JSON.parse(child.stdout.trim().split('\n').pop()!) as Setup;
      if (KEEP) writeFileSync(join(dir, 'setup.json'), JSON.stringify(files));
    }

    const phase = async <T>(p: Phase, target: Target, fn: (rt: Runtime) => Promise<T>): Promise<T> => {
      global.gc?.();
      setPhase(p);
      peaks[PHASES.indexOf(p)] = 0;
      const rt = await openRuntime(target.config);
      try {
        return await fn(rt);
      } finally {
        await rt.close();
        setPhase('setup');
      }
    };
    let csv: ImportResult | null = null;
    let xlsx: ImportResult | null = null;
    let copy: { seconds: number; cpu: number; rows: number } | null = null;
    if (ONLY.has('csv')) {
      log('importing the .csv …');
      csv = await phase('csv', targets[0]!, (rt) => timedImport(rt, files.csv, files.expected));
    }
    if (ONLY.has('xlsx')) {
      log('importing the .xlsx …');
      xlsx = await phase('xlsx', targets[1]!, (rt) => timedImport(rt, files.xlsx, files.expected));
    }
    if (ONLY.has('copy')) {
      log('COPY …');
      copy = await phase('copy', targets[0]!, (rt) => timedCopy(rt, files.csv));
      if (copy.rows !== ROWS) throw new Error(`COPY loaded ${copy.rows} rows, not ${ROWS}`);
    }
    peaks[PHASES.length + 1] = 1;

    const rate = (s: number) => Math.round(ROWS / s);
    const peakOf = (p: Phase) => peaks[PHASES.indexOf(p)]!;
    const line = (label: string, s: number, cpu: number, peak: number, extra = '') =>
      console.log(`${label.padEnd(26)} ${s.toFixed(2).padStart(8)} s  (CPU ${cpu.toFixed(2).padStart(7)} s)  ${rate(s).toLocaleString().padStart(9)} rows/s  `
        + `${copy ? (copy.seconds / s).toFixed(3).padStart(6) + '× COPY' : ''}  peak RSS ${String(mb(peak)).padStart(4)} MB${extra}`);
    console.log(`\nImport of ${ROWS.toLocaleString()} 经济责任审计 rows (${files.expected.valid.toLocaleString()} imported, ${files.expected.invalid} rejected, ${files.expected.duplicate} repeated) `
      + `on ${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`);
    if (copy) line('COPY (plain text table)', copy.seconds, copy.cpu, peakOf('copy'));
    const parts = (r: ImportResult) => `  [check ${r.checkSeconds.toFixed(1)} s, commit ${r.commitSeconds.toFixed(1)} s; `
      + `then warnings of ${r.subjects.toLocaleString()} subjects re-evaluated in ${r.reevalSeconds.toFixed(1)} s; `
      + `CPU s: check ${r.cpuSteps.check.toFixed(1)}, commit ${r.cpuSteps.commit.toFixed(1)}, re-evaluation ${r.cpuSteps.reevaluation.toFixed(1)}]`;
    if (csv) line('import .csv', csv.seconds, csv.cpu, peakOf('csv'), parts(csv));
    if (xlsx) line('import .xlsx', xlsx.seconds, xlsx.cpu, peakOf('xlsx'), parts(xlsx));
    const ratio = (r: ImportResult | null) => (r && copy ? Number((copy.seconds / r.seconds).toFixed(3)) : null);
    const figures = {
      db: DATABASE_URL ? 'postgresql' : 'pglite',
      rows: ROWS,
      csv_rows_per_s: csv ? rate(csv.seconds) : null,
      xlsx_rows_per_s: xlsx ? rate(xlsx.seconds) : null,
      copy_rows_per_s: copy ? rate(copy.seconds) : null,
      csv_vs_copy: ratio(csv),
      xlsx_vs_copy: ratio(xlsx),
      peak_rss_mb: mb(Math.max(peakOf('csv'), peakOf('xlsx'))),
      copy_peak_rss_mb: mb(peakOf('copy')),
      cpu_s: { csv: csv ? Number(csv.cpu.toFixed(2)) : null, xlsx: xlsx ? Number(xlsx.cpu.toFixed(2)) : null, copy: copy ? Number(copy.cpu.toFixed(2)) : null },
      load_avg: Number(load0.toFixed(1)),
      check_s: { csv: csv ? Number(csv.checkSeconds.toFixed(2)) : null, xlsx: xlsx ? Number(xlsx.checkSeconds.toFixed(2)) : null },
      commit_s: { csv: csv ? Number(csv.commitSeconds.toFixed(2)) : null, xlsx: xlsx ? Number(xlsx.commitSeconds.toFixed(2)) : null },
      reevaluation_s: { csv: csv ? Number(csv.reevalSeconds.toFixed(2)) : null, xlsx: xlsx ? Number(xlsx.reevalSeconds.toFixed(2)) : null },
      cpu_steps_s: { csv: csv?.cpuSteps ?? null, xlsx: xlsx?.cpuSteps ?? null },
    };
    console.log(JSON.stringify(figures));
  } finally {
    peaks[PHASES.length + 1] = 1;
    if (DATABASE_URL) {
      for (const db of scratch.reverse()) await adminQuery(DATABASE_URL, `drop database if exists ${db}`).catch((e) => log(`could not drop ${db}: ${e.message}`));
    }
    if (KEEP) log(`files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
