import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSheet, parseSheet } from '../../src/intake/sheet/index.ts';
import { idFor, SPECS, tempDir } from './sheet-fixtures.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ROWS = 200_000;
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const nameOf = (i: number) => SURNAMES[i % 16]! + GIVEN[Math.floor(i / 16) % 20]! + GIVEN[Math.floor(i / 320) % 20]!;
const tmp = tempDir();
const path = tmp.file('big.xlsx');
afterAll(() => tmp.cleanup());

/** Live memory after a full collection: the JS heap plus ArrayBuffers (the fingerprint index lives there). */
function liveHeap(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('streaming', () => {
  beforeAll(async () => {
    // Written with ExcelJS's streaming writer, row by row, so the test itself stays small too.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('数据');
    ws.addRow(['序号', '姓名', '身份证号', '工作单位', '审计类型', '审计日期', '报告年月', '发现问题数量', '发现问题金额', '备注']).commit();
    for (let i = 1; i <= ROWS; i++) {
      const row = ws.addRow([i, nameOf(i), idFor(i % 10_000), `青川市第${i % 97}局`, i % 2 ? '任中' : '离任',
        new Date(Date.UTC(2020 + (i % 5), i % 12, 1 + (i % 28))), `${2020 + (i % 5)}.${1 + (i % 12)}`, i % 9, (i % 1000) / 10, `第${i}条记录`]);
      row.getCell(6).numFmt = 'yyyy-mm-dd';
      row.commit();
    }
    ws.commit();
    await wb.commit();
  }, 120_000);

  it(`parses ${ROWS.toLocaleString()} rows with a flat heap`, async () => {
    const look = await inspectSheet(path, SPECS);
    expect(look.missing).toEqual([]);
    const parse = await parseSheet(path, SPECS, look.mapping, { dedupe: false });
    const before = liveHeap();
    let peak = before;
    let n = 0;
    for await (const row of parse) {
      n++;
      if (n % 25_000 === 0) peak = Math.max(peak, liveHeap());
      if (n === 1) expect(row.errors).toEqual([]);
    }
    const growth = peak - before;
    expect(n).toBe(ROWS);
    expect(parse.summary.validRows).toBe(ROWS);
    // A whole-workbook reader would hold hundreds of MB here; streaming keeps one chunk of XML.
    expect(growth).toBeLessThan(24 * 1024 * 1024);
  }, 120_000);

  it('duplicate detection costs about 40 bytes a row (a 96-bit fingerprint and the row number, half-full table)', async () => {
    const look = await inspectSheet(path, SPECS);
    const parse = await parseSheet(path, SPECS, look.mapping);
    const before = liveHeap();
    let n = 0;
    for await (const _ of parse) n++;
    const perRow = (liveHeap() - before) / n;
    expect(parse.summary.duplicateRows).toBe(0);
    expect(perRow).toBeLessThan(100);
  }, 120_000);
});
