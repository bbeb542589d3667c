import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LrmxFileError, parseLrmx, parseXml, type LrmxFileErrorCode } from '../../src/intake/lrmx/index.ts';
import { sampleXml, utf16 } from './lrmx-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiandu-lrmx-'));
const SECRET = `jiandu-secret-${Math.random().toString(36).slice(2)}`;
const secretFile = join(dir, 'secret.txt');
writeFileSync(secretFile, SECRET);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the parser and returns the typed error it must throw. */
function rejection(input: Buffer | string, maxBytes?: number): LrmxFileError {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  try {
    const r = parseLrmx(bytes, maxBytes === undefined ? {} : { maxBytes });
    throw new Error(`expected a rejection, got a result: ${JSON.stringify(r).slice(0, 300)}`);
  } catch (e) {
    expect(e).toBeInstanceOf(LrmxFileError);
    return e as LrmxFileError;
  }
}

function expectRejected(input: Buffer | string, code: LrmxFileErrorCode, text: string | RegExp): LrmxFileError {
  const e = rejection(input);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(text);
  expect(e.message).not.toContain(SECRET);
  return e;
}

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  ' <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  '<Person><XingMing>&lol9;</XingMing></Person>',
].join('\n');

describe('parseLrmx: untrusted files (FILE-02)', () => {
  it.each([
    ['external entity (XXE)', `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file://${secretFile}">]>\n<Person><XingMing>&e;</XingMing></Person>`],
    ['XXE to /etc/passwd', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Person><XingMing>&e;</XingMing></Person>'],
    ['external DTD', `<?xml version="1.0"?><!DOCTYPE Person SYSTEM "file://${secretFile}"><Person/>`],
    ['parameter entity', `<!DOCTYPE x [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]><Person/>`],
    ['lower-case doctype after a comment', '<?xml version="1.0"?><!-- hi --><!doctype Person><Person/>'],
    ['ENTITY without DOCTYPE', '<Person><!ENTITY e "x"><XingMing>&e;</XingMing></Person>'],
    ['DOCTYPE inside the root', '<Person><!DOCTYPE y><XingMing>x</XingMing></Person>'],
    ['billion laughs', BILLION_LAUGHS],
  ])('%s → rejected before anything is expanded', (_name, xml) => {
    expectRejected(xml, 'dtd', /DTD 或实体声明/u);
  });

  it('a DTD in a UTF-16 or GBK-declared file is found as well', () => {
    const xml = `<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://${secretFile}">]><Person><XingMing>&e;</XingMing></Person>`;
    expectRejected(utf16(xml, 'le', true), 'dtd', /DTD/u);
    expectRejected(utf16(xml, 'be', false), 'dtd', /DTD/u);
    expectRejected(Buffer.from(xml.replace('utf-16', 'gbk')), 'dtd', /DTD/u);
  });

  it('billion laughs is rejected quickly, and its entity references alone expand to nothing', () => {
    const t0 = performance.now();
    rejection(BILLION_LAUGHS);
    expect(performance.now() - t0).toBeLessThan(2000); // an expanding parse takes minutes; 2 s holds on a loaded machine
    // Without the DTD, &lol9; is an undefined entity: kept as written with a warning, never expanded.
    const r = parseLrmx(Buffer.from(sampleXml().replace('林晓舟', '&lol9;&lol9;')));
    expect(r.person.name.text).toBe('&lol9;&lol9;');
    expect(r.warnings.some((w) => w.message.includes('不会展开'))).toBe(true);
  });

  it('oversized files are rejected before decoding (default 5 MB, configurable)', () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    const t0 = performance.now();
    expect(rejection(big).code).toBe('too_large');
    expect(rejection(big).message).toContain('上限为 5 MB');
    expect(performance.now() - t0).toBeLessThan(2000); // an expanding parse takes minutes; 2 s holds on a loaded machine
    const small = Buffer.from(sampleXml());
    expect(rejection(small, 1000).code).toBe('too_large');
    expect(parseLrmx(small, { maxBytes: small.length }).person.name.value).toBe('林晓舟');
  });

  it.each([
    ['empty file', Buffer.alloc(0), 'empty', /空文件/u],
    ['plain text', Buffer.from('姓名：林晓舟\n性别：男'), 'not_xml', /不是 XML/u],
    ['a zip (docx/xlsx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'not_xml', /压缩文件/u],
    ['an old Office file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'not_xml', /Office/u],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'not_xml', /图片/u],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'not_xml', /PDF/u],
    ['another root element', Buffer.from('<?xml version="1.0"?><Workbook><XingMing>x</XingMing></Workbook>'), 'not_lrmx', /根元素应为 <Person>/u],
    ['truncated file', Buffer.from(sampleXml().slice(0, 400)), 'not_xml', /没有结束|截断/u],
    ['mismatched tags', Buffer.from('<Person><XingMing>x</XingBie></Person>'), 'not_xml', /不匹配/u],
    ['bare < in text', Buffer.from('<Person><XingMing>a < b</XingMing></Person>'), 'not_xml', /&lt;/u],
    ['content after the root', Buffer.from('<Person/><Person/>'), 'not_xml', /多余/u],
    ['whitespace only', Buffer.from('  \n\t '), 'not_xml', /不是 XML/u],
    ['unclosed comment', Buffer.from('<Person><!-- x</Person>'), 'not_xml', /注释/u],
  ] as const)('%s → one clear file-level error', (_name, bytes, code, text) => {
    expectRejected(bytes, code, text);
  });

  it('deeply nested or huge element counts are refused without recursion', () => {
    const deep = `<Person>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</Person>`;
    expectRejected(deep, 'not_lrmx', /嵌套/u);
    const many = `<Person>${'<a/>'.repeat(60_000)}</Person>`;
    expectRejected(many, 'not_lrmx', /元素超过/u);
  });

  it.each([
    ['bare ampersands', '&'.repeat(4_000_000)],
    ['entity references', '&lt;'.repeat(1_000_000)],
    ['character references', '&#x41;'.repeat(700_000)],
    ['line breaks', '&lt;br&gt;'.repeat(400_000)],
    ['其间 entry starts', '其间：2003.06--'.repeat(200_000)],
  ])('near the size cap, adversarial content is parsed in linear time: %s', (_name, jianLi) => {
    const xml = `<Person><XingMing>x</XingMing><JianLi>${jianLi}</JianLi></Person>`;
    const t0 = performance.now();
    const r = parseLrmx(Buffer.from(xml));
    // Under a second on an idle machine; 15 s holds at load 8 on 2 cores, and a quadratic parse of this input takes far longer.
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(r.person.name.value).toBe('x');
  });

  it('the error is a typed class with a machine code and a Chinese message', () => {
    const e = rejection('<!DOCTYPE x><Person/>');
    expect(e.name).toBe('LrmxFileError');
    expect(e.code).toBe('dtd');
    expect(() => parseXml('<!DOCTYPE x><a/>')).toThrow(LrmxFileError);
  });
});
