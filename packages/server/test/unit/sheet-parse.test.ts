import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSheet, parseSheet, SheetFileError, type ParsedRow, type SheetInspection } from '../../src/intake/sheet/index.ts';
import { FingerprintIndex } from '../../src/intake/sheet/fingerprint-index.ts';
import { encodeGbk, idFor, SPECS, tempDir, writeXlsx } from './sheet-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const wrongCheck = (id: string) => id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * A sheet as they come from the counties: a merged title, a 填报单位 line, a two-row header with a parent
 * over 数量/金额, synonyms for headers, every date form, IDs typed as numbers, full-width digits, padded
 * names, lower-case x, an empty row, duplicates (one only equal after normalization), 合计 and a footer.
 */
const TITLE = '2025年度经济责任审计结果汇总表';
const HEAD1 = ['序号', '干部姓名', '公民身份号码', '单位', '审计类型', '审计日期', '报告年月', '年度', '审计发现问题', null, '是否整改', '问题类别', '备注'];
const HEAD2 = [null, null, null, null, null, null, null, null, '数量', '金额（万元）', null, null, null];
const DATA: unknown[][] = [
  /* 5 */ [1, '张  三', '11010519491231002x', '青川市财政局', '离任', utc(2025, 3, 15), '2025.3', 2025, 3, 12.5, '是', '违反廉洁纪律、违反工作纪律', null],
  /* 6 */ [2, '\u3000李四\u3000', Number(idFor(2)), '青川市交通局', '任中', '2025-03-15', '2025年3月', '2025年', 0, 0, '否', null, '身份证号被存成了数字'],
  /* 7 */ [3, ' 王五 ', fullWidth(idFor(3)), '青川市教育局', '任中', 45731, '202503', '２０２５', '２', '1,234.5', 'Y', '违反组织纪律', null],
  /* 8 */ [],
  /* 9 */ [4, '阿依古丽 • 买买提', idFor(4), '青川市民宗局', '离任', '2025/3/15', 2025.3, 2025, 1, 0.5, '√', '违反群众纪律;违反工作纪律', null],
  /* 10 */ [5, '赵六', idFor(5), '青川市水利局', '离任', '2025年3月15日', '2025-03', 2025, 0, 0, '否', null, null],
  /* 11 */ [6, '钱七', idFor(6), '青川市林业局', '离任', '20250315', '2025年03月', 2025, 0, 0, '否', null, null],
  /* 12 */ [7, '孙八', idFor(7), '青川市商务局', '任中', '2025.3', '2025.3', 2025, 0, 0, '否', null, null],
  /* 13 */ [8, '周九', wrongCheck(idFor(18)), '青川市审计局', '离职', '2025-02-30', '2025.13', 25, 1.5, 'abc', '也许', '违反财经纪律', null],
  /* 14 */ [9, '赵六', idFor(5), '青川市水利局', '离任', '2025年3月15日', '2025-03', 2025, 0, 0, '否', null, null],
  /* 15 */ [10, '张三', '11010519491231002X', '青川市财政局', '离任', '2025.3.15', '2025年3月', '2025', '3', '12.50', '有', '违反廉洁纪律，违反工作纪律', null],
  /* 16 */ [],
  /* 17 */ ['合计', null, null, null, null, null, null, null, 7, 1247.5, null, null, null],
  /* 18 */ ['填表人：刘某', null, null, null, '审核人：陈某'],
  /* 19 */ ['填表说明：'],
  /* 20 */ ['1. 审计日期填写审计报告的出具日期。'],
];

async function writeMessy(path: string): Promise<void> {
  const rows = [[TITLE], ['填报单位：青川市审计局（盖章）', null, null, null, null, null, null, null, null, null, '填报日期：2025年12月'], HEAD1, HEAD2, ...DATA];
  const merges = ['A1:M1', 'I3:J3', ...'ABCDEFGHKLM'.split('').map((c) => `${c}3:${c}4`)];
  await writeXlsx(path, [{ name: '汇总表', rows, merges, numFmts: { F5: 'yyyy"年"m"月"d"日"' } }]);
}

async function collect(path: string, look: SheetInspection, fileName?: string) {
  const parse = await parseSheet(path, SPECS, look.mapping, { fileName });
  const rows: ParsedRow[] = [];
  for await (const r of parse) rows.push(r);
  return { rows, summary: parse.summary, byRow: new Map(rows.map((r) => [r.row, r])) };
}

const messages = (r: ParsedRow | undefined) => r?.errors.map((e) => `${e.column}：${e.message}`) ?? [];

describe('a real-world sheet, end to end', () => {
  const path = tmp.file('汇总表.xlsx');
  let look: SheetInspection;
  let result: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    await writeMessy(path);
    look = await inspectSheet(path, SPECS, { fileName: '汇总表.xlsx' });
    result = await collect(path, look);
  });

  it('inspect: finds the two-row header under the title, maps synonyms, lists samples', () => {
    expect(look.info.format).toBe('xlsx');
    expect(look.info.sheetName).toBe('汇总表');
    expect(look.title).toBe(TITLE);
    expect(look.preamble[1]).toContain('填报单位：青川市审计局');
    expect(look.headerRow).toBe(3);
    expect(look.mapping.headerRows).toBe(2);
    expect(look.mapping.columns.map((c) => `${c.header}=${c.key}`)).toEqual([
      '序号=null', '干部姓名=name', '公民身份号码=idNumber', '单位=org', '审计类型=auditType', '审计日期=auditedOn', '报告年月=reportMonth',
      '年度=year', '审计发现问题·数量=findingsCount', '审计发现问题·金额（万元）=findingsAmount', '是否整改=rectified', '问题类别=categories', '备注=remark',
    ]);
    expect(look.unmapped).toEqual(['序号']);
    expect(look.missing).toEqual([]);
    expect(look.sampleRows.map((r) => r.row)).toEqual([5, 6, 7, 9, 10]);
  });

  it('normalizes every form: dates, months, years, numbers, names, IDs, booleans, lists', () => {
    const { byRow } = result;
    expect(byRow.get(5)!.values).toEqual({
      name: '张三', idNumber: '11010519491231002X', org: '青川市财政局', auditType: '离任', auditedOn: '2025-03-15', reportMonth: '2025-03',
      year: 2025, findingsCount: 3, findingsAmount: 12.5, rectified: true, categories: ['违反廉洁纪律', '违反工作纪律'], remark: null,
    });
    expect(byRow.get(5)!.errors).toEqual([]);
    const v7 = byRow.get(7)!.values;
    expect([v7.name, v7.idNumber, v7.auditedOn, v7.reportMonth, v7.year, v7.findingsCount, v7.findingsAmount, v7.rectified])
      .toEqual(['王五', idFor(3), '2025-03-15', '2025-03', 2025, 2, 1234.5, true]);
    expect(byRow.get(9)!.values.name).toBe('阿依古丽·买买提');
    expect(byRow.get(9)!.values.reportMonth).toBe('2025-03');
    expect(byRow.get(9)!.values.categories).toEqual(['违反群众纪律', '违反工作纪律']);
    for (const r of [10, 11]) expect(byRow.get(r)!.values.auditedOn).toBe('2025-03-15');
    expect(byRow.get(11)!.values.reportMonth).toBe('2025-03');
  });

  it('an ID typed as a number lost its digits: rejected with the reason, never guessed', () => {
    const r = result.byRow.get(6)!;
    expect(r.values.idNumber).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 6, column: '公民身份号码', col: 3 });
    expect(r.errors[0]!.message).toContain('在Excel中被保存为数字，末尾的数字已丢失');
    expect(r.values.name).toBe('李四');
  });

  it('lists every problem by row and column, in Chinese', () => {
    expect(messages(result.byRow.get(12))).toEqual(['审计日期：日期“2025.3”只有年月，缺少日（本列需要具体日期，如2025-03-01）']);
    const m13 = messages(result.byRow.get(13));
    expect(m13).toHaveLength(9);
    expect(m13[0]).toBe('公民身份号码：身份证号校验位不正确（可能有数字录错或丢失）');
    expect(m13[1]).toBe('审计类型：“离职”不是有效的选项，应为：任中、离任');
    expect(m13[2]).toContain('审计日期：日期“2025-02-30”不存在');
    expect(m13[3]).toBe('报告年月：日期“2025.13”的月份13无效，应为01至12');
    expect(m13[4]).toBe('年度：年份25超出合理范围（1800—2199）');
    expect(m13[5]).toBe('审计发现问题·数量：“1.5”不是整数');
    expect(m13[6]).toBe('审计发现问题·金额（万元）：“abc”不是数字');
    expect(m13[7]).toBe('是否整改：“也许”无法识别，应填“是”或“否”');
    expect(m13[8]).toMatch(/^问题类别：“违反财经纪律”不是有效的选项，应为：违反政治纪律、/u);
    expect(result.byRow.get(13)!.errors.map((e) => e.col)).toEqual([3, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('marks duplicates — also one that only equals after normalization — and keeps the first', () => {
    expect(messages(result.byRow.get(14))).toEqual(['：与第10行重复']);
    expect(result.byRow.get(14)!.duplicateOf).toBe(10);
    expect(messages(result.byRow.get(15))).toEqual(['：与第5行重复']);
    expect(result.byRow.get(15)!.fingerprint).toBe(result.byRow.get(5)!.fingerprint);
    expect(result.byRow.get(10)!.errors).toEqual([]);
  });

  it('skips empty rows, the 合计 row and the footer, with notes; counts add up', () => {
    const { summary, rows } = result;
    expect(rows.map((r) => r.row)).toEqual([5, 6, 7, 9, 10, 11, 12, 13, 14, 15]);
    expect(summary.skipped.map((s) => [s.row, s.reason])).toEqual([[17, 'total'], [18, 'footer'], [19, 'footer'], [20, 'footer']]);
    expect(summary.notes).toContain('第17行是合计行，已跳过');
    expect(summary).toMatchObject({ dataRows: 10, validRows: 5, errorRows: 5, duplicateRows: 2 });
  });

  it('the same file parsed again gives the same fingerprints (re-import adds nothing)', async () => {
    const again = await collect(path, look);
    expect(again.rows.map((r) => r.fingerprint)).toEqual(result.rows.map((r) => r.fingerprint));
  });

  it('the same sheet saved as a GBK CSV reads the same', async () => {
    const csvCell = (v: unknown) => {
      if (v === null || v === undefined) return '';
      // As Excel saves a CSV: dates as shown, a long number in General format as 3.30106E+17.
      const s = v instanceof Date ? v.toISOString().slice(0, 10)
        : typeof v === 'number' && v >= 1e11 ? v.toExponential(5).toUpperCase() : String(v);
      return /[",\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
    };
    // GBK has no “•”: a GBK file would carry “·”.
    const lines = [[TITLE], ['填报单位：青川市审计局（盖章）'], HEAD1, HEAD2, ...DATA].map((r) => r.map(csvCell).join(',').replace('•', '·'));
    const csvPath = tmp.file('汇总表.csv');
    writeFileSync(csvPath, encodeGbk(lines.join('\r\n')));
    const csvLook = await inspectSheet(csvPath, SPECS);
    expect(csvLook.info.encoding).toBe('gb18030');
    expect(csvLook.mapping).toEqual(look.mapping);
    const fromCsv = await collect(csvPath, csvLook);
    const strip = (rows: ParsedRow[]) => rows.map((r) => ({ row: r.row, values: r.values, errors: r.errors.map((e) => e.column) }));
    expect(strip(fromCsv.rows)).toEqual(strip(result.rows));
    expect(fromCsv.byRow.get(6)!.errors[0]!.message).toContain('被保存为数字');
  });

  it('refuses to parse when a required column has no column, naming it', async () => {
    const partial = { ...look.mapping, columns: look.mapping.columns.map((c) => (c.key === 'idNumber' ? { ...c, key: null, match: null } : c)) };
    await expect(parseSheet(path, SPECS, partial)).rejects.toThrow(SheetFileError);
    await expect(parseSheet(path, SPECS, partial)).rejects.toThrow('缺少必填列：身份证号');
  });
});

describe('fingerprint index', () => {
  it('property: behaves like a Map from digest to first row, through collisions and growth', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })), { maxLength: 400 }), (keys) => {
      const index = new FingerprintIndex(4);
      const model = new Map<string, number>();
      keys.forEach(([k, low], i) => {
        // Equal low words (same start slot) for different keys force probing; 96 bits compared.
        const digest = new Uint8Array(16);
        new DataView(digest.buffer).setUint32(0, low);
        new DataView(digest.buffer).setUint32(8, k);
        const id = `${low}/${k}`;
        const expected = model.get(id) ?? 0;
        if (!model.has(id)) model.set(id, i + 1);
        expect(index.claim(digest, i + 1)).toBe(expected);
      });
      expect(index.size).toBe(model.size);
    }));
  });
});
