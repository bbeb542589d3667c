import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrmxFileError, parseLrm, parseLrmx, writeLrmx, type LrmxParseResult } from '../../src/intake/lrmx/index.ts';
import { gbkEncode, jpegBytes, lrmText, sampleLrmFields, sampleXml, utf16 } from './lrmx-fixtures.ts';

/** Valid files to start from: the sample as UTF-8, GBK-declared, UTF-16, and as our writer writes it. */
const XML_BASES: Buffer[] = [
  Buffer.from(sampleXml()),
  gbkEncode(sampleXml({ declaration: '<?xml version="1.0" encoding="gbk"?>' })),
  utf16(sampleXml({ declaration: '<?xml version="1.0" encoding="utf-16"?>' }), 'le', true),
  writeLrmx(parseLrmx(Buffer.from(sampleXml()))),
];
const LRM_BASE = gbkEncode(lrmText(sampleLrmFields()));

const INSERTS = ['<', '&', '>', '\u0000', '\u0001', '\u001f', '\r', '"', ']]>', '<![CDATA[', '<!--', '-->', '<?', '</', '<a>', '</Person>', '<Person>',
  '<!DOCTYPE x>', '<!ENTITY e "x">', '&#x0;', '&#xD;', '&#1114112;', '&lol;', '\uFEFF', '\uFFFF', '\uD800', '","', '@', '#'];

type Mutation =
  | { kind: 'flip'; pos: number; value: number }
  | { kind: 'truncate'; pos: number }
  | { kind: 'duplicate'; from: number; length: number; to: number }
  | { kind: 'insert'; pos: number; text: string }
  | { kind: 'delete'; pos: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), pos: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 400 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), pos: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), pos: fc.nat(), length: fc.integer({ min: 1, max: 50 }) }),
);

function apply(base: Buffer, mutations: Mutation[]): Buffer {
  let b = Buffer.from(base);
  for (const m of mutations) {
    const at = (n: number) => (b.length === 0 ? 0 : n % (b.length + 1));
    switch (m.kind) {
      case 'flip':
        if (b.length > 0) b[m.pos % b.length] = m.value;
        break;
      case 'truncate':
        b = b.subarray(0, at(m.pos));
        break;
      case 'duplicate': {
        const from = at(m.from);
        const slice = b.subarray(from, from + m.length);
        const to = at(m.to);
        b = Buffer.concat([b.subarray(0, to), slice, b.subarray(to)]);
        break;
      }
      case 'insert': {
        const to = at(m.pos);
        b = Buffer.concat([b.subarray(0, to), Buffer.from(m.text, 'utf8'), b.subarray(to)]);
        break;
      }
      case 'delete': {
        const from = at(m.pos);
        b = Buffer.concat([b.subarray(0, from), b.subarray(from + m.length)]);
        break;
      }
    }
  }
  return b;
}

/** The parser must return a well-formed result or throw the typed error — nothing else — and quickly. */
function expectResultOrTypedError(run: () => LrmxParseResult): void {
  const t0 = performance.now();
  try {
    const r = run();
    expect(Array.isArray(r.errors) && Array.isArray(r.warnings) && Array.isArray(r.family) && Array.isArray(r.unknown)).toBe(true);
    for (const i of [...r.errors, ...r.warnings]) expect(typeof i.message === 'string' && i.message.length > 0).toBe(true);
    expect(typeof r.person.name.text).toBe('string');
  } catch (e) {
    if (!(e instanceof LrmxFileError)) throw e;
    expect(e.message).toMatch(/[\u4e00-\u9fff]/u);
  }
  expect(performance.now() - t0).toBeLessThan(5000); // a hang or a blow-up takes far longer; 5 s holds at load 8
}

describe('robustness: random mutations of valid files', () => {
  it('property: .lrmx — always a result or LrmxFileError, never another exception, never a hang', () => {
    fc.assert(fc.property(fc.nat(XML_BASES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, ms) => {
      const bytes = apply(XML_BASES[which]!, ms);
      expectResultOrTypedError(() => parseLrmx(bytes));
    }), { numRuns: 300 });
  });

  it('property: .lrm + .pic — always a result or LrmxFileError', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.array(mutation, { maxLength: 3 }), (ms, picMs) => {
      const lrm = apply(LRM_BASE, ms);
      const pic = apply(jpegBytes(), picMs);
      expectResultOrTypedError(() => parseLrm(lrm, pic));
    }), { numRuns: 300 });
  });

  it('property: arbitrary bytes — always a result or LrmxFileError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      expectResultOrTypedError(() => parseLrmx(Buffer.from(bytes)));
      expectResultOrTypedError(() => parseLrm(Buffer.from(bytes)));
    }), { numRuns: 300 });
  });

  it('a single damaged byte in a value does not lose the other fields', () => {
    const bytes = Buffer.from(sampleXml());
    bytes[bytes.indexOf(Buffer.from('浙江宁海'))] = 0x80;
    const r = parseLrmx(bytes);
    expect(r.person.name.value).toBe('林晓舟');
    expect(r.family).toHaveLength(2);
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});
