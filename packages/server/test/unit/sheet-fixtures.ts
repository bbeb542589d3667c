/** Fixtures for the sheet tests, generated (ExcelJS for workbooks, a tiny zip writer for hostile files). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { idNumberCheckChar, type ColumnSpec } from '@jiandu/domain';

export const CATEGORIES = ['违反政治纪律', '违反组织纪律', '违反廉洁纪律', '违反群众纪律', '违反工作纪律', '违反生活纪律'] as const;

/** A ledger-like kind: 经济责任审计, with a column of every type. */
export const SPECS: ColumnSpec[] = [
  { key: 'name', label: '姓名', synonyms: ['干部姓名'], type: 'name', required: true, example: '张三' },
  { key: 'idNumber', label: '身份证号', synonyms: ['公民身份号码', '身份证', '证件号码'], type: 'idNumber', required: true, example: '11010519491231002X' },
  { key: 'org', label: '工作单位', synonyms: ['单位', '所在单位'], type: 'text', maxLength: 100, example: '青川市财政局' },
  { key: 'auditType', label: '审计类型', type: 'enum', options: ['任中', '离任'], required: true, example: '离任' },
  { key: 'auditedOn', label: '审计日期', synonyms: ['发生日期'], type: 'date', required: true, example: '2025-03-15' },
  { key: 'reportMonth', label: '报告年月', type: 'month', example: '2025-04' },
  { key: 'year', label: '年度', type: 'year', example: '2025' },
  { key: 'findingsCount', label: '发现问题数量', synonyms: ['审计发现问题·数量', '问题数量'], type: 'integer', example: '3' },
  { key: 'findingsAmount', label: '发现问题金额', synonyms: ['审计发现问题·金额'], type: 'decimal', help: '单位：万元', example: '12.5' },
  { key: 'rectified', label: '是否整改', type: 'boolean', example: '是' },
  { key: 'categories', label: '问题类别', type: 'list', options: CATEGORIES, example: '违反廉洁纪律、违反工作纪律' },
  { key: 'remark', label: '备注', type: 'text', example: '' },
];

/** A valid 身份证号 for a sequence number (born 1975-06-1x, check digit computed); unique for seq < 10,000. */
export function idFor(seq: number): string {
  const first17 = `330106197506${10 + (seq % 10)}${String(Math.floor(seq / 10) % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function tempDir(prefix = 'jiandu-sheet-'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SheetSpec {
  name?: string;
  rows: unknown[][];
  merges?: string[];
  /** Number formats by cell address, e.g. { E5: 'yyyy-mm-dd' }. */
  numFmts?: Record<string, string>;
  state?: 'visible' | 'hidden';
}

/** Writes a workbook with ExcelJS (in-memory writer: shared strings, styles, merges as Excel does). */
export async function writeXlsx(path: string, sheets: SheetSpec[], opts: { date1904?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name ?? `Sheet${wb.worksheets.length + 1}`, { state: s.state ?? 'visible' });
    for (const r of s.rows) ws.addRow(r as ExcelJS.CellValue[]);
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [addr, fmt] of Object.entries(s.numFmts ?? {})) ws.getCell(addr).numFmt = fmt;
  }
  await wb.xlsx.writeFile(path);
}

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Store instead of deflate. */
  stored?: boolean;
  /** Uncompressed size to declare instead of the real one (a lying zip bomb). */
  declaredSize?: number;
}

/** A minimal zip writer (CRC left 0: the reader does not check it), to build hostile archives. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8');
    const data = p.stored ? raw : deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.stored ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet workbook around a given sheet XML (for hand-made sheets). */
export function minimalXlsxParts(sheetXml: string, extra: ZipPart[] = [], sheetPart: Partial<ZipPart> = {}): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...sheetPart },
    ...extra,
  ];
}

export function sheetXml(rowsXml: string, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`;
  return `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${xmlns}><${p}sheetData>${rowsXml}</${p}sheetData></${p}worksheet>`;
}

export function writeZip(path: string, parts: ZipPart[]): void {
  writeFileSync(path, buildZip(parts));
}

/** GBK encoding of the characters used above, via the decoder: search the two-byte space once per character. */
export function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  const wanted = new Set([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
  for (let hi = 0x81; hi <= 0xfe && table.size < wanted.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (wanted.has(ch) && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0) <= 0x7f ? [ch.charCodeAt(0)] : table.get(ch);
    if (!code) throw new Error(`“${ch}” has no two-byte GBK code`);
    bytes.push(...code);
  }
  return Buffer.from(bytes);
}
