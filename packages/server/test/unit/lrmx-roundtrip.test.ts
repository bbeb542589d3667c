import fc from 'fast-check';
import {
  DEGREE_TABLE, EDUCATION_TABLE, ETHNICITY_TABLE, GENDER_TABLE, HEALTH_TABLE, KINSHIP_TABLE, POLITICAL_STATUS_TABLE, type CodeTable,
} from '@jiandu/domain';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERSION, FAMILY_FIELDS, PERSON_FIELDS, normalizeTexts, parseLrmx, writeLrmx, type LrmxDocument, type LrmxTexts,
} from '../../src/intake/lrmx/index.ts';
import { SAMPLE_RESUME, jpegBytes, pngBytes, sampleXml, validId } from './lrmx-fixtures.ts';

const names = (t: CodeTable) => t.entries.flatMap((e) => [e.name, ...(e.aliases ?? [])]);

const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'某县委组织部林晓舟王　 \n'), maxLength: 16 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', '   ', '\n  ', '<&>"\'', ']]>', 'a\r\nb', 'a\rb', '&#xD;', '&amp;', '<![CDATA[x]]>', '<!DOCTYPE x>',
      '\u3000王\u3000某\u3000', 'x\u0001y', '\ufeffz', '\u2028', 'R&D'),
  },
);
const dateText = fc.oneof(
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
    fc.constantFrom('YYYYMM', 'YYYYMMDD', 'YYYY.MM', 'YYYY.MM.DD', 'YYYY-MM', 'YYYY'))
    .map(([y, m, d, f]) => f.replace('YYYY', String(y)).replace('MM', String(m).padStart(2, '0')).replace('DD', String(d).padStart(2, '0'))),
  fc.constantFrom('197313', '20230230', '中共党员', ''),
  anyText,
);
const codeText = (t: CodeTable) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names(t)) }, { weight: 1, arbitrary: anyText });
const idText = fc.oneof(
  fc.tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1940-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('plain', 'lower', 'wide'))
    .map(([area, d, seq, form]) => {
      const id = validId(`${area}${d.toISOString().slice(0, 10).replace(/-/gu, '')}${String(seq).padStart(3, '0')}`);
      return form === 'lower' ? id.toLowerCase() : form === 'wide' ? id.replace(/[0-9X]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : id;
    }),
  fc.constantFrom('', '330226197803150000', '1101051949123100'),
  anyText,
);
const resumeText = fc.oneof(
  fc.constant(SAMPLE_RESUME),
  fc.tuple(
    fc.array(fc.tuple(fc.integer({ min: 1960, max: 2024 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('--', '—', '至', '-'), fc.constantFrom('至今', '', '2025.01'), anyText), { maxLength: 6 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  ).map(([ps, br]) => ps.map(([y, m, sep, end, t]) => `${y}.${String(m).padStart(2, '0')}${sep}${end}  ${t}`).join(br)),
  anyText,
);

const TABLE_OF: Record<string, CodeTable> = {
  XingBie: GENDER_TABLE, MinZu: ETHNICITY_TABLE, JianKangZhuangKuang: HEALTH_TABLE, QuanRiZhiJiaoYu_XueLi: EDUCATION_TABLE,
  QuanRiZhiJiaoYu_XueWei: DEGREE_TABLE, ZaiZhiJiaoYu_XueLi: EDUCATION_TABLE, ZaiZhiJiaoYu_XueWei: DEGREE_TABLE,
};

function arbitraryFor(element: string, kind: string): fc.Arbitrary<string> {
  if (element === 'JianLi') return resumeText;
  if (kind === 'id') return idText;
  if (kind === 'date' || kind === 'day' || kind === 'party') return dateText;
  const t = TABLE_OF[element];
  return t ? codeText(t) : anyText;
}

const personTexts = fc.record(Object.fromEntries(PERSON_FIELDS.map((f) => [f.element, fc.option(arbitraryFor(f.element, f.kind), { nil: undefined })])));
const member = fc.record({
  ChengWei: codeText(KINSHIP_TABLE), XingMing: anyText, ChuShengRiQi: dateText, ZhengZhiMianMao: codeText(POLITICAL_STATUS_TABLE), GongZuoDanWeiJiZhiWu: anyText,
});
const photo = fc.option(fc.oneof(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }).map((t) => jpegBytes(t)), fc.constant(pngBytes())), { nil: null });

describe('writeLrmx', () => {
  it('writes the reference template order, UTF-8 with declaration, family Items, base64 photo and Version last', () => {
    const parsed = parseLrmx(Buffer.from(sampleXml()));
    const out = writeLrmx(parsed).toString('utf8');
    expect(out.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n<Person>\r\n')).toBe(true);
    const order = [...out.matchAll(/^ {2}<(\w+)/gmu)].map((m) => m[1]);
    const template = PERSON_FIELDS.filter((f) => !f.optional).map((f) => f.element);
    template.splice(template.indexOf('ChengBaoDanWei'), 0, 'JiaTingChengYuan');
    template.splice(template.indexOf('Version'), 0, 'ZhaoPian');
    expect(order).toEqual(template);
    expect(out).toContain('    <Item>\r\n      <ChengWei>妻子</ChengWei>\r\n      <XingMing>周雨岚</XingMing>');
    expect(out).toContain(`<ZhaoPian>${jpegBytes().toString('base64')}</ZhaoPian>\r\n  <Version>3.2.1.6</Version>\r\n</Person>`);
    expect(parseLrmx(Buffer.from(out))).toEqual(parsed);
  });

  it('places the 2025 fields where the editor does, only when they have a value; Version defaults to 3.2.1.6', () => {
    const texts: LrmxTexts = { person: { XingMing: '张三', DaoLingNianYue: '203806', GaiGeQianRenZhiNianLingJieXian: '60岁' }, family: [] };
    const n = normalizeTexts(texts);
    const out = writeLrmx({ person: n.person, family: n.family, photo: null }, { newline: '\n' }).toString('utf8');
    expect(out).toMatch(/<CanJiaGongZuoShiJian \/>\n {2}<DaoLingNianYue>203806<\/DaoLingNianYue>\n {2}<JianKangZhuangKuang \/>/u);
    expect(out).toMatch(/<ChengBaoDanWei \/>\n {2}<GaiGeQianRenZhiNianLingJieXian>60岁<\/GaiGeQianRenZhiNianLingJieXian>\n {2}<JiSuanNianLingShiJian \/>/u);
    expect(out).toContain('<ZhaoPian />\n  <Version>3.2.1.6</Version>');
    expect(out).toContain('<JiaTingChengYuan>\n  </JiaTingChengYuan>');
    const none = writeLrmx(parseLrmx(Buffer.from(sampleXml())), { version: '9.9' }).toString('utf8');
    expect(none).not.toContain('DaoLingNianYue');
    expect(none).toContain('<Version>3.2.1.6</Version>');
    expect(writeLrmx({ person: n.person, family: [], photo: null }, { version: '3.2.1.16' }).toString()).toContain('<Version>3.2.1.16</Version>');
  });

  it('escapes markup, keeps CR as &#xD;, drops characters XML cannot carry, and can write a BOM', () => {
    const n = normalizeTexts({ person: { XingMing: '王某', JianLi: '1990.09--1994.07  学习\r\n1994.07--  <工作> & ]]>\u0001' }, family: [] });
    const out = writeLrmx({ person: n.person, family: [], photo: null }, { bom: true });
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.toString('utf8')).toContain('<JianLi>1990.09--1994.07  学习&#xD;\n1994.07--  &lt;工作&gt; &amp; ]]&gt;</JianLi>');
    expect(parseLrmx(out).person.resumeText.text).toBe('1990.09--1994.07  学习\r\n1994.07--  <工作> & ]]>');
  });

  it('property: parse(write(x)) gives back every field of generated persons (empty fields, 0–10 family members, photos)', () => {
    fc.assert(fc.property(personTexts, fc.array(member, { maxLength: 10 }), photo, (person, family, pic) => {
      const texts: LrmxTexts = {
        person: Object.fromEntries(Object.entries(person).filter(([, v]) => v !== undefined)) as Record<string, string>,
        family,
      };
      const n = normalizeTexts(texts);
      const doc: LrmxDocument = { person: n.person, family: n.family, photo: pic ? { bytes: pic, type: pic[0] === 0xff ? 'jpeg' : 'png', mime: pic[0] === 0xff ? 'image/jpeg' : 'image/png' } : null };
      const r = parseLrmx(writeLrmx(doc));
      const expectedPerson = { ...n.person, version: n.person.version.text === '' ? { text: DEFAULT_VERSION } : n.person.version };
      expect(r.person).toEqual(expectedPerson);
      expect(r.family).toEqual(n.family);
      expect(r.family.length).toBeLessThanOrEqual(10);
      expect(r.photo).toEqual(doc.photo);
      expect(r.resume).toEqual(n.resume);
      expect(r.errors).toEqual(n.errors);
      expect(r.unknown).toEqual([]);
      for (const m of r.family) expect(FAMILY_FIELDS.some((f) => m[f.key].text !== '')).toBe(true);
    }), { numRuns: 300 });
  });
});
