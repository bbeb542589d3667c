import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { beijingTime, detailsText } from '../../src/exports/format.ts';
import { linesIn, safeCellValue, writeSheet, type CellInput } from '../../src/exports/xlsx.ts';
import { contentDisposition, sanitizeFileName } from '../../src/lib/file-name.ts';
import { readZip } from '../support/zip.ts';

async function sheetOf(values: CellInput[][]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((r) => out.on('end', r));
  async function* chunks() {
    yield values;
  }
  await writeSheet(out, { sheetName: '表', title: '标题', columns: values[0]!.map((_, i) => ({ header: `列${i + 1}`, width: 10 })), exporter: { who: '王敏（wangmin）', at: new Date('2025-03-15T06:05:09Z') } }, chunks());
  await done;
  return Buffer.concat(parts);
}

describe('xlsx writer', () => {
  it('writes text that looks like a formula as text, tabs and line breaks included; numbers stay numbers', async () => {
    const risky = ['=1+1', '+1', '-2', '@SUM(A1)', '\t=1+1', '\r=1+1', '\n@x', '=HYPERLINK("http://evil.example","点我")', 'a\u0000b\u0007c'];
    const buf = await sheetOf([[...risky, 42, null, '正常文本']]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').text).toBe('导出人：王敏（wangmin）　导出时间：2025-03-15 14:05:09（北京时间）　内部资料 注意保密');
    const row = ws.getRow(4);
    risky.slice(0, 8).forEach((s, i) => {
      const cell = row.getCell(i + 1);
      expect(cell.text, s).toBe(s.replace(/\r/gu, '\n')); // XML reads a bare CR as LF
      expect(cell.formula).toBeUndefined();
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.numFmt).toBe('@');
    });
    expect(row.getCell(9).text).toBe('abc');
    expect(row.getCell(10).value).toBe(42);
    expect(row.getCell(12).text).toBe('正常文本');
    const xml = readZip(buf).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(xml).not.toMatch(/<f[\s>]/u);
    expect(xml).toContain('t="inlineStr"');
    expect(xml).toContain('<autoFilter ref="A3:L3"/>');
    expect(xml).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/u);
    expect(safeCellValue(undefined).value).toBeNull();
    expect([linesIn('abc', 10), linesIn('一二三四五六七八九十', 10), linesIn('a\nb', 10), linesIn('a\r\nb', 10), linesIn('', 10)]).toEqual([1, 3, 2, 2, 1]);
  });

  it('keeps memory flat: 100k rows stream through without being held', async () => {
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (b: Buffer) => {
      bytes += b.length;
    });
    const done = new Promise((r) => out.on('end', r));
    const row = (i: number): CellInput[] => ['2025-03-15', '信访举报', `干部${i}`, '5199**********1234', '东平县委', '信访局', `青信〔2025〕${i}号`, `群众反映的第${i}件事项，内容较长`.repeat(3), '已核实', '来源渠道：12380；是否实名：是', null, '已采纳', 1, '表单录入', 'wangmin', '2025-03-15 14:05:09'];
    async function* chunks() {
      for (let c = 0; c < 100; c++) yield Array.from({ length: 1000 }, (_, i) => row(c * 1000 + i));
    }
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = used();
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, used());
    }, 10);
    const n = await writeSheet(out, { sheetName: '台账', title: '台账', columns: row(0).map((_, i) => ({ header: `c${i}`, width: 10 })), exporter: { who: 'x', at: new Date() } }, chunks());
    await done;
    clearInterval(timer);
    expect(n).toBe(100_000);
    expect(bytes).toBeGreaterThan(5_000_000);
    // The sheet is ~60 MB of XML; without backpressure on the zip it piled up (~130 MB), now ~45 MB at most.
    expect(peak - before).toBeLessThan(90 * 1024 * 1024);
  }, 120_000);
});

describe('file names', () => {
  it('strips path parts, control and invisible characters, reserved characters; keeps the extension within 200', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\x\\报告.pdf')).toBe('报告.pdf');
    expect(sanitizeFileName('a\r\nb\u0000c.txt')).toBe('abc.txt');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('  ..隐藏 . ')).toBe('隐藏');
    expect(sanitizeFileName('a<b>c:d|e?f*g".pdf')).toBe('a_b_c_d_e_f_g_.pdf');
    expect(sanitizeFileName('///')).toBe('');
    const long = sanitizeFileName(`${'𠀀'.repeat(250)}.docx`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('Content-Disposition: ASCII fallback and RFC 5987 UTF-8 name, one line whatever the name', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('干部名册_20250315.xlsx')).toBe(
      `attachment; filename="download_20250315.xlsx"; filename*=UTF-8''${encodeURIComponent('干部名册_20250315.xlsx')}`,
    );
    expect(contentDisposition('档案.docx')).toMatch(/^attachment; filename="download\.docx"; /u);
    expect(contentDisposition('说明.文档')).toBe(`attachment; filename="download"; filename*=UTF-8''${encodeURIComponent('说明.文档')}`);
    const evil = contentDisposition('a";\r\nSet-Cookie: x=1; (it\'s).pdf');
    expect(evil).not.toMatch(/[\r\n]/u);
    expect(evil).toBe(`attachment; filename="a_Set-Cookie_ x=1_ (it's).pdf"; filename*=UTF-8''a_%3BSet-Cookie_%20x%3D1%3B%20%28it%27s%29.pdf`);
  });
});

describe('formatting', () => {
  it('Beijing time and details as 标题：值', () => {
    expect(beijingTime(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01 00:30:00');
    expect(detailsText({ realName: true, channel: '12380', extra: ['a', 'b'], empty: '' }, new Map([['channel', '来源渠道'], ['realName', '是否实名']])))
      .toBe('来源渠道：12380；是否实名：是；extra：a、b');
  });
});
