/**
 * Sheet reader benchmark: `npx tsx bench/read-sheet.ts [--rows N] [--inline-strings] [--keep]`.
 *
 * Generates N rows (default 100,000) of a realistic 10-column 经济责任审计 sheet as .xlsx (ExcelJS
 * streaming writer; shared strings as Excel writes them, unless --inline-strings) and as UTF-8 .csv in a
 * temp dir, then times inspect + parse (every cell normalized, duplicates checked) of each, each in its own
 * process, sampling RSS every 50 ms. Baselines in the same run: ExcelJS's streaming WorkbookReader merely
 * iterating the rows, and a bare line split of the CSV.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { idNumberCheckChar, type ColumnSpec } from '@jiandu/domain';
import { inspectSheet, parseSheet } from '../packages/server/src/intake/sheet/index.ts';

const SPECS: ColumnSpec[] = [
  { key: 'name', label: '姓名', type: 'name', required: true },
  { key: 'idNumber', label: '身份证号', synonyms: ['公民身份号码'], type: 'idNumber', required: true },
  { key: 'org', label: '工作单位', type: 'text', maxLength: 100 },
  { key: 'auditType', label: '审计类型', type: 'enum', options: ['任中', '离任'], required: true },
  { key: 'auditedOn', label: '审计日期', type: 'date', required: true },
  { key: 'reportMonth', label: '报告年月', type: 'month' },
  { key: 'findingsCount', label: '发现问题数量', type: 'integer' },
  { key: 'findingsAmount', label: '发现问题金额', type: 'decimal' },
  { key: 'rectified', label: '是否整改', type: 'boolean' },
  { key: 'remark', label: '备注', type: 'text' },
];
const HEADER = SPECS.map((s) => s.label);
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

function rowOf(i: number): [string, string, string, string, Date, string, number, number, string, string] {
  const first17 = `330106${1960 + (i % 40)}${String(1 + (i % 12)).padStart(2, '0')}${String(10 + (i % 19))}${String(i % 1000).padStart(3, '0')}`;
  return [
    SURNAMES[i % 24]! + GIVEN[Math.floor(i / 24) % 24]! + GIVEN[Math.floor(i / 576) % 24]!,
    first17 + idNumberCheckChar(first17),
    `青川市第${i % 211}局`,
    i % 3 ? '任中' : '离任',
    new Date(Date.UTC(2018 + (i % 8), i % 12, 1 + (i % 28))),
    `${2018 + (i % 8)}.${1 + (i % 12)}`,
    i % 9,
    (i % 10_000) / 100,
    i % 4 ? '是' : '否',
    i % 5 ? '' : `第${i}条：整改中，预计${1 + (i % 12)}月完成`,
  ];
}

async function generate(dir: string, rows: number, sharedStrings: boolean): Promise<{ xlsx: string; csv: string }> {
  const xlsx = join(dir, 'bench.xlsx');
  const csv = join(dir, 'bench.csv');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: sharedStrings, useStyles: true });
  const ws = wb.addWorksheet('汇总表');
  ws.addRow(['2025年度经济责任审计结果汇总表']).commit();
  ws.addRow(HEADER).commit();
  const out = createWriteStream(csv);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`2025年度经济责任审计结果汇总表\r\n${HEADER.join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i);
    const row = ws.addRow(r);
    row.getCell(5).numFmt = 'yyyy-mm-dd';
    row.commit();
    await write(`${r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : /[,"\n]/u.test(String(v)) ? `"${String(v).replace(/"/gu, '""')}"` : String(v))).join(',')}\r\n`);
  }
  ws.commit();
  await wb.commit();
  await new Promise<void>((r) => out.end(() => r()));
  return { xlsx, csv };
}

type Mode = 'parse' | 'exceljs' | 'lines';

/** Runs in a child process: one measurement, printed as JSON. */
async function measure(mode: Mode, path: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  let valid = 0;
  if (mode === 'parse') {
    const look = await inspectSheet(path, SPECS);
    if (look.missing.length > 0) throw new Error(`missing columns: ${JSON.stringify(look.missing)}`);
    const parse = await parseSheet(path, SPECS, look.mapping);
    for await (const r of parse) {
      rows++;
      if (r.errors.length === 0) valid++;
    }
  } else if (mode === 'exceljs') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) for await (const _ of ws) rows++;
  } else {
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.split(',').length > 1) rows++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ rows, valid, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRss: peak }));
}

function child(mode: Mode, path: string): { rows: number; valid: number; seconds: number; cpuSeconds: number; peakRss: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', mode, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const measureMode = arg('--measure') as Mode | undefined;
  if (measureMode) return measure(measureMode, process.argv[process.argv.indexOf('--measure') + 2]!);

  const rows = Number(arg('--rows') ?? 100_000);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows takes a positive integer');
  const shared = !process.argv.includes('--inline-strings');
  const dir = mkdtempSync(join(tmpdir(), 'jiandu-bench-sheet-'));
  try {
    const t0 = performance.now();
    const files = await generate(dir, rows, shared);
    const mb = (p: string) => (statSync(p).size / 1024 / 1024).toFixed(1);
    console.log(`${rows.toLocaleString()} rows generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: `
      + `.xlsx ${mb(files.xlsx)} MB (${shared ? 'shared strings' : 'inline strings'}), .csv ${mb(files.csv)} MB`);
    const [load] = loadavg();
    console.log(`load average ${load!.toFixed(1)} on ${availableParallelism()} CPUs (wall-clock figures suffer when it exceeds the CPU count)`);
    const fmt = (label: string, m: ReturnType<typeof child>, base?: ReturnType<typeof child>) => {
      const rate = m.rows / m.seconds;
      const ratio = base ? `  (${(rate / (base.rows / base.seconds)).toFixed(2)}× the baseline)` : '';
      console.log(`${label.padEnd(38)} ${m.rows.toLocaleString().padStart(10)} rows  ${m.seconds.toFixed(2).padStart(6)} s `
        + `(CPU ${m.cpuSeconds.toFixed(2)} s)  ${Math.round(rate).toLocaleString().padStart(9)} rows/s  `
        + `peak RSS ${(m.peakRss / 1024 / 1024).toFixed(0).padStart(4)} MB${ratio}`);
    };
    const xlsxBase = child('exceljs', files.xlsx);
    fmt('baseline: ExcelJS WorkbookReader, rows', xlsxBase);
    const xlsx = child('parse', files.xlsx);
    fmt('.xlsx inspect + parse (normalized)', xlsx, xlsxBase);
    const csvBase = child('lines', files.csv);
    fmt('baseline: CSV line split', csvBase);
    const csv = child('parse', files.csv);
    fmt('.csv inspect + parse (normalized)', csv, csvBase);
    for (const [name, m] of [['xlsx', xlsx], ['csv', csv]] as const) {
      if (m.valid !== rows) throw new Error(`${name}: ${m.valid} of ${rows} rows valid`);
    }
  } finally {
    if (process.argv.includes('--keep')) console.log(`files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
