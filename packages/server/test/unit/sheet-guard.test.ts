import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openSheet, readSheet, SheetFileError, type SheetFileErrorCode } from '../../src/intake/sheet/index.ts';
import { minimalXlsxParts, sheetXml, tempDir, writeXlsx, writeZip, type ZipPart } from './sheet-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Opens and reads the whole file; resolves to the error code, the message, the time taken and the RSS growth. */
async function refusal(path: string, opts: Parameters<typeof openSheet>[1] = {}) {
  const rss = process.memoryUsage().rss;
  const t0 = performance.now();
  try {
    for await (const _ of readSheet(path, opts)) { /* drain */ }
  } catch (e) {
    if (!(e instanceof SheetFileError)) throw e;
    return { code: e.code as SheetFileErrorCode, message: e.message, ms: performance.now() - t0, rssGrowth: process.memoryUsage().rss - rss };
  }
  throw new Error('expected a SheetFileError');
}

const ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>';

describe('upload guard (FILE-01, FILE-02)', () => {
  it('refuses a zip bomb by its declared size, before inflating anything, in well under a second', async () => {
    // 1 KiB of deflate claiming to be 4 GB: the directory alone gives it away.
    writeZip(tmp.file('bomb.xlsx'), minimalXlsxParts(sheetXml(ROW), [], { declaredSize: 0xfffffff0 }));
    const r = await refusal(tmp.file('bomb.xlsx'));
    expect(r.code).toBe('zip-bomb');
    expect(r.message).toContain('压缩炸弹');
    expect(r.ms).toBeLessThan(5000); // inflating 4 GB would take far longer; 5 s holds at load 8
  });

  it('stops a bomb that lies about its size as soon as it inflates past the declared size', async () => {
    // 64 MB of zeros (≈64 KB compressed) declared as 2 MB: ratio looks plausible, the data does not.
    const huge = Buffer.concat([Buffer.from(sheetXml(ROW).replace('</sheetData>', '')), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')]);
    writeZip(tmp.file('liar.xlsx'), minimalXlsxParts('', [], { data: huge, declaredSize: 2 * 1024 * 1024 }));
    const r = await refusal(tmp.file('liar.xlsx'));
    expect(r.code).toBe('zip-bomb');
    expect(r.ms).toBeLessThan(5000); // inflating 4 GB would take far longer; 5 s holds at load 8
    expect(r.rssGrowth).toBeLessThan(100 * 1024 * 1024);
    // The same lie in a part read whole (the workbook) is caught by the inflate limit.
    const parts = minimalXlsxParts(sheetXml(ROW));
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    wb.data = `${wb.data as string}${' '.repeat(1_000_000)}`;
    wb.declaredSize = 1000;
    writeZip(tmp.file('liar2.xlsx'), parts);
    expect((await refusal(tmp.file('liar2.xlsx'))).code).toBe('bad-zip');
  });

  it('refuses a macro workbook (vbaProject.bin)', async () => {
    writeZip(tmp.file('macro.xlsm'), minimalXlsxParts(sheetXml(ROW), [{ name: 'xl/vbaProject.bin', data: Buffer.alloc(512, 1) }]));
    const r = await refusal(tmp.file('macro.xlsm'));
    expect(r.code).toBe('macro');
    expect(r.message).toContain('宏');
  });

  it('refuses more than 10,000 entries without reading them', async () => {
    const many: ZipPart[] = Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/media/i${i}.txt`, data: '', stored: true }));
    writeZip(tmp.file('many.xlsx'), minimalXlsxParts(sheetXml(ROW), many));
    const r = await refusal(tmp.file('many.xlsx'));
    expect(r.code).toBe('bad-zip');
    expect(r.message).toContain('超过上限10000');
    expect(r.ms).toBeLessThan(5000); // inflating 4 GB would take far longer; 5 s holds at load 8
  });

  it('refuses an .exe renamed .xlsx, an old .xls, a PDF, text named .xlsx, an empty file, a Word file, and a size over the cap', async () => {
    const cases: Array<[string, Buffer, SheetFileErrorCode, string]> = [
      ['tool.xlsx', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 0x90)]), 'not-a-sheet', '可执行程序'],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'old-xls', '另存为'],
      ['doc.xlsx', Buffer.from('%PDF-1.7\n…'), 'not-a-sheet', 'PDF'],
      ['fake.xlsx', Buffer.from('姓名,身份证号\n'), 'not-a-sheet', '内容不是 Excel 文件'],
      ['empty.csv', Buffer.alloc(0), 'not-a-sheet', '空的'],
    ];
    for (const [name, bytes, code, fragment] of cases) {
      writeFileSync(tmp.file(name), bytes);
      const r = await refusal(tmp.file(name));
      expect(r.code, name).toBe(code);
      expect(r.message, name).toContain(fragment);
      expect(r.ms).toBeLessThan(5000); // inflating 4 GB would take far longer; 5 s holds at load 8
    }
    writeZip(tmp.file('word.xlsx'), [{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect((await refusal(tmp.file('word.xlsx'))).message).toContain('不是Excel工作簿');
    writeFileSync(tmp.file('big.csv'), Buffer.alloc(2048, 0x41));
    const big = await refusal(tmp.file('big.csv'), { maxBytes: 1024 });
    expect(big.code).toBe('too-large');
    expect(big.message).toContain('超过上限');
    writeFileSync(tmp.file('data.bin'), '姓名\n张三\n');
    expect((await refusal(tmp.file('data.bin'), { fileName: 'report.docx' })).message).toContain('不支持 .docx 文件');
  });

  it('refuses a DTD in any part it reads (no entity expansion, nothing external)', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>${sheetXml(ROW).replace(/^<\?xml[^>]*>/u, '')}`;
    writeZip(tmp.file('xxe.xlsx'), minimalXlsxParts(xxe));
    const r = await refusal(tmp.file('xxe.xlsx'));
    expect(r.code).toBe('bad-xml');
    expect(r.message).toContain('DTD');
    const parts = minimalXlsxParts(sheetXml(ROW));
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    wb.data = (wb.data as string).replace('<workbook', '<!DOCTYPE lol [<!ENTITY lol "lol">]><workbook');
    writeZip(tmp.file('lol.xlsx'), parts);
    expect((await refusal(tmp.file('lol.xlsx'))).code).toBe('bad-xml');
  });

  it('a normal workbook passes, whatever extension it was uploaded under', async () => {
    await writeXlsx(tmp.file('ok.xlsx'), [{ rows: [['姓名'], ['张三']] }]);
    const source = await openSheet(tmp.file('ok.xlsx'), { fileName: '导入.XLSX' });
    expect(source.info.format).toBe('xlsx');
    await source.close();
  });
});
