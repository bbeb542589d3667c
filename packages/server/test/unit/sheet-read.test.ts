import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, isDateFormat, openSheet, readSheet, type RawRow } from '../../src/intake/sheet/index.ts';
import { scanSheetXml } from '../../src/intake/sheet/xlsx-reader.ts';
import { encodeGbk, minimalXlsxParts, sheetXml, tempDir, writeXlsx, writeZip } from './sheet-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function all(path: string, opts: Parameters<typeof readSheet>[1] = {}): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of readSheet(path, opts)) rows.push(r);
  return rows;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('xlsx reader', () => {
  it('reads shared and inline strings, numbers, booleans, dates, formulas and errors, with Excel row numbers', async () => {
    const path = tmp.file('types.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.getCell('A1').value = '姓名';
    ws.getCell('B1').value = { richText: [{ text: '身份' }, { text: '证号', font: { bold: true } }] };
    ws.getCell('A3').value = '王五 & <赵六>';
    ws.getCell('B3').value = 12.5;
    ws.getCell('C3').value = true;
    ws.getCell('D3').value = utc(2025, 3, 15);
    ws.getCell('E3').value = { formula: 'B3*2', result: 25 };
    ws.getCell('F3').value = { formula: 'A3&"x"', result: '王五x' };
    ws.getCell('G3').value = 45731;
    ws.getCell('G3').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('H3').value = 45731;
    ws.getCell('J3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('K3').value = '第一行\r\n第二行';
    await wb.xlsx.writeFile(path);

    const rows = await all(path);
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    expect(rows[0]!.cells).toEqual(['姓名', '身份证号']);
    const c = rows[1]!.cells;
    expect(c.slice(0, 3)).toEqual(['王五 & <赵六>', 12.5, true]);
    expect((c[3] as Date).toISOString()).toBe('2025-03-15T00:00:00.000Z');
    expect(c[4]).toBe(25);
    expect(c[5]).toBe('王五x');
    expect((c[6] as Date).toISOString()).toBe('2025-03-15T00:00:00.000Z');
    expect(c[7]).toBe(45731);
    expect(c[8]).toBeNull();
    expect(c[9]).toBe('#N/A');
    expect(c[10]).toBe('第一行\r\n第二行');
  });

  it('reads the first visible sheet, or one named or numbered; lists the sheets; reports a missing one', async () => {
    const path = tmp.file('sheets.xlsx');
    await writeXlsx(path, [
      { name: '隐藏', rows: [['hidden']], state: 'hidden' },
      { name: '汇总', rows: [['first']] },
      { name: '明细', rows: [['second']] },
    ]);
    const source = await openSheet(path);
    expect(source.info.sheetNames).toEqual(['隐藏', '汇总', '明细']);
    expect(source.info.sheetName).toBe('汇总');
    await source.close();
    expect((await all(path))[0]!.cells).toEqual(['first']);
    expect((await all(path, { sheet: '明细' }))[0]!.cells).toEqual(['second']);
    expect((await all(path, { sheet: 1 }))[0]!.cells).toEqual(['hidden']);
    await expect(all(path, { sheet: '不存在' })).rejects.toThrow('文件中没有工作表“不存在”；现有工作表：隐藏、汇总、明细');
  });

  it('handles the 1904 date system', async () => {
    const path = tmp.file('1904.xlsx');
    await writeXlsx(path, [{ rows: [[utc(2025, 3, 15)]], numFmts: { A1: 'yyyy-mm-dd' } }], { date1904: true });
    const [row] = await all(path);
    expect((row!.cells[0] as Date).toISOString()).toBe('2025-03-15T00:00:00.000Z');
  });

  it('reads hand-written sheet XML: namespace prefixes, missing r attributes, phonetic runs, entities, self-closing rows', async () => {
    const xml = sheetXml(
      '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve">乙 </x:t></x:r>'
      + '<x:rPh sb="0" eb="1"><x:t>yi</x:t></x:rPh><x:r><x:t>丙</x:t></x:r></x:is></x:c><x:c><x:v>1e3</x:v></x:c></x:row>'
      + '<x:row r="2" spans="1:3"/><x:row><x:c r="C3" t="str"><x:v>&#20013;&amp;&quot;</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>'
      + '<x:row r="9"><x:c r="A9" t="d"><x:v>2025-03-15T00:00:00</x:v></x:c>'
      + '<x:c r="B9" t="inlineStr"><x:is><x:t>a_x000D_b _x005F_x000D_</x:t></x:is></x:c></x:row>',
      'x',
    );
    const path = tmp.file('prefixed.xlsx');
    writeZip(path, minimalXlsxParts(xml));
    const rows = await all(path);
    expect(rows).toEqual([
      { row: 1, cells: ['甲', '乙 丙', 1000] },
      { row: 3, cells: [null, null, '中&"', false] },
      { row: 9, cells: [new Date('2025-03-15T00:00:00Z'), 'a\rb _x000D_'] },
    ]);
  });

  it('property: the sheet XML split anywhere (even inside a UTF-8 sequence or a tag) gives the same rows', async () => {
    const xml = Buffer.from(sheetXml(
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>身份证号&amp;</t></is></c></row><row r="2"/>'
      + '<row r="3" spans="1:3"><c r="A3" s="1"><v>45731</v></c><c r="C3" t="b"><v>1</v></c></row>'
      + '<row r="4"><c r="B4"><v>-1.5</v></c></row><rowBreaks count="0"/>',
    ));
    const opts = { shared: ['零', '姓名'], isDate: [false, true] };
    const collect = async (parts: Buffer[]) => {
      const out: RawRow[] = [];
      for await (const batch of scanSheetXml((async function* () { yield* parts; })(), opts)) out.push(...batch);
      return out;
    };
    const whole = await collect([xml]);
    expect(whole).toEqual([
      { row: 1, cells: ['姓名', '身份证号&'] },
      { row: 3, cells: [new Date('2025-03-15T00:00:00Z'), null, true] },
      { row: 4, cells: [null, -1.5] },
    ]);
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 12 }), async (cuts) => {
      const points = [0, ...new Set(cuts)].sort((a, b) => a - b);
      const parts = points.map((p, i) => xml.subarray(p, points[i + 1] ?? xml.length));
      expect(await collect(parts)).toEqual(whole);
    }), { numRuns: 300 });
    // Every single cut point, once.
    for (let p = 1; p < xml.length; p++) expect(await collect([xml.subarray(0, p), xml.subarray(p)])).toEqual(whole);
  });

  it('agrees with ExcelJS’s own reader on a generated sheet', async () => {
    const path = tmp.file('agree.xlsx');
    const rows: unknown[][] = [['序号', '姓名', '金额', '日期', '备注']];
    for (let i = 1; i <= 3000; i++) rows.push([i, `干部${i}`, i / 8, utc(2020, 1 + (i % 12), 1 + (i % 28)), i % 7 === 0 ? null : `备注&<${i}>`]);
    await writeXlsx(path, [{ rows, numFmts: Object.fromEntries(rows.map((_, i) => [`D${i + 1}`, 'yyyy-mm-dd'])) }]);
    const mine = await all(path);
    const theirs: RawRow[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      for await (const row of ws) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === undefined ? null : v));
        theirs.push({ row: row.number, cells: values as RawRow['cells'] });
      }
    }
    expect(mine).toEqual(theirs);
  });
});

describe('CSV reader', () => {
  const csv = '标题,,\r\n姓名,身份证号,备注\r\n"张三","11010519491231002X","说明，含逗号"\r\n李四,110105194912310021,"第一行\n第二行 ""引号"""\r\n\r\n王五,x,末行无换行';

  it('UTF-8 without BOM: quoted fields, doubled quotes, line breaks inside quotes, blank records keep the numbering', async () => {
    const path = tmp.file('plain.csv');
    writeFileSync(path, csv, 'utf8');
    const source = await openSheet(path);
    expect(source.info.encoding).toBe('utf-8');
    await source.close();
    expect(await all(path)).toEqual([
      { row: 1, cells: ['标题', null, null] },
      { row: 2, cells: ['姓名', '身份证号', '备注'] },
      { row: 3, cells: ['张三', '11010519491231002X', '说明，含逗号'] },
      { row: 4, cells: ['李四', '110105194912310021', '第一行\n第二行 "引号"'] },
      { row: 6, cells: ['王五', 'x', '末行无换行'] },
    ]);
  });

  it('UTF-8 with BOM, GBK, and UTF-16LE (Excel’s “Unicode 文本”, tab-separated) read the same', async () => {
    const expected = await (async () => {
      writeFileSync(tmp.file('ref.csv'), csv, 'utf8');
      return all(tmp.file('ref.csv'));
    })();
    writeFileSync(tmp.file('bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    expect(await all(tmp.file('bom.csv'))).toEqual(expected);

    // GBK bytes of the same text (TextEncoder cannot write GBK: map each character through a decoder table).
    writeFileSync(tmp.file('gbk.csv'), encodeGbk(csv));
    const gbk = await openSheet(tmp.file('gbk.csv'));
    expect(gbk.info.encoding).toBe('gb18030');
    expect(gbk.info.warnings[0]).toContain('GBK');
    await gbk.close();
    expect(await all(tmp.file('gbk.csv'))).toEqual(expected);

    const tsv = csv.replace(/,/gu, '\t').replace('说明，含逗号', '说明，含逗号');
    writeFileSync(tmp.file('utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
    expect(await all(tmp.file('utf16.txt'))).toEqual(expected);
  });

  it('property: any split of the text into chunks gives the same records', () => {
    const whole = [...new CsvParser(',').push(csv, true)];
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: csv.length }), { maxLength: 8 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const parser = new CsvParser(',');
      const got: RawRow[] = [];
      let from = 0;
      for (const p of points) {
        got.push(...parser.push(csv.slice(from, p), false));
        from = p;
      }
      got.push(...parser.push(csv.slice(from), true));
      expect(got).toEqual(whole);
    }));
  });

  it('an unclosed quote is reported with its row', () => {
    expect(() => [...new CsvParser(',').push('a,b\n"c,d\n', true)]).toThrow('第2行的引号没有闭合');
  });
});

describe('number formats', () => {
  it.each([
    ['yyyy-mm-dd', true], ['yyyy"年"m"月"d"日"', true], ['[$-804]yyyy"年"m"月"', true], ['m/d/yy h:mm', true], ['[h]:mm:ss', true],
    ['General', false], ['0.00', false], ['#,##0.00"万元"', false], ['0.00E+00', false], ['@', false], ['0.00_);[Red](0.00)', false],
  ])('%s → date %s', (code, date) => expect(isDateFormat(code)).toBe(date));
});
