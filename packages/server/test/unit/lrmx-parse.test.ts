import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrmxFileError, parseLrmx, type LrmxParseResult } from '../../src/intake/lrmx/index.ts';
import {
  SAMPLE_ID, SAMPLE_RESUME, buildXml, gbkEncode, jpegBytes, pngBytes, sampleFields, sampleXml, setField, utf16, validId, withoutField,
  type Fields,
} from './lrmx-fixtures.ts';

const parse = (xml: string | Buffer) => parseLrmx(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);
const messages = (r: LrmxParseResult) => [...r.errors, ...r.warnings].map((i) => i.message).join('\n');

function expectSample(r: LrmxParseResult): void {
  expect(r.errors).toEqual([]);
  expect(r.person.name).toEqual({ text: '林晓舟', value: '林晓舟' });
  expect(r.person.gender).toEqual({ text: '男', code: '1', name: '男' });
  expect(r.person.birth).toEqual({ text: '197803', value: '1978-03' });
  expect(r.person.ethnicity).toEqual({ text: '汉族', code: '01', name: '汉族' });
  expect(r.person.partyDate).toEqual({ text: '200106', value: '2001-06' });
  expect(r.person.workDate).toEqual({ text: '200007', value: '2000-07' });
  expect(r.person.health).toEqual({ text: '健康', code: '1', name: '健康' });
  expect(r.person.fullTimeEducation).toEqual({ text: '大学', code: '21', name: '大学' });
  expect(r.person.fullTimeDegree).toEqual({ text: '经济学学士', code: '402', name: '经济学学士' });
  expect(r.person.inServiceDegree).toEqual({ text: '公共管理硕士', code: '349', name: '公共管理硕士' });
  expect(r.person.fullTimeDegreeSchool).toEqual({ text: '' });
  expect(r.person.proposedPost).toEqual({ text: '' });
  expect(r.person.currentPost.text).toBe('某某县委常委、组织部部长');
  expect(r.person.resumeText.text).toBe(SAMPLE_RESUME);
  expect(r.person.ageReferenceDate).toEqual({ text: '20250601', value: '2025-06-01' });
  expect(r.person.idNumber).toEqual({ text: SAMPLE_ID, value: SAMPLE_ID });
  expect(r.person.retirementMonth).toEqual({ text: '', value: null });
  expect(r.family).toHaveLength(2);
  expect(r.family[0]).toEqual({
    relation: { text: '妻子', code: '13', name: '妻子' }, name: { text: '周雨岚', value: '周雨岚' },
    birth: { text: '198011', value: '1980-11' }, politicalStatus: { text: '中共党员', code: '01', name: '中共党员' },
    workUnit: { text: '某某县人民医院护士长' }, deceased: false,
  });
  expect(r.family[1]!.deceased).toBe(true);
  expect(r.photo?.type).toBe('jpeg');
  expect(r.photo?.bytes.equals(jpegBytes())).toBe(true);
  expect(r.resume.periods).toHaveLength(5);
  expect(r.resume.periods[2]!.sub[0]).toMatchObject({ start: '2009-09', end: '2012-06' });
  expect(r.resume.periods[4]).toMatchObject({ start: '2019-11', end: null, endKind: 'open', main: '某某县委常委、组织部部长' });
}

/** The parts of a result that describe the person (not where they came from). */
const content = (r: LrmxParseResult) => ({ person: r.person, family: r.family, photo: r.photo, resume: r.resume });

describe('parseLrmx: the reference sample and its variants', () => {
  it('reads the reference sample (§5)', () => {
    const r = parse(sampleXml());
    expectSample(r);
    expect(r.format).toBe('lrmx');
    expect(r.encoding).toBe('utf-8');
    expect(r.unknown).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('property: element order does not matter (Person children and Item children shuffled)', () => {
    const base = content(parse(sampleXml()));
    fc.assert(fc.property(fc.shuffledSubarray(sampleFields(), { minLength: sampleFields().length }), (fields) => {
      expect(content(parse(buildXml(fields)))).toEqual(base);
    }), { numRuns: 50 });
    const items = sampleXml().replace(/<ChengWei>妻子<\/ChengWei>([\s\S]*?)(<GongZuoDanWeiJiZhiWu>某某县人民医院护士长<\/GongZuoDanWeiJiZhiWu>)/u, '$2$1<ChengWei>妻子</ChengWei>');
    expect(content(parse(items))).toEqual(base);
  });

  it('a JAXB-style file: another order, no Version, CRLF, no declaration', () => {
    const fields = withoutField(sampleFields(), 'Version');
    const jaxb: Fields = [...fields.slice(20), ...fields.slice(0, 20)].reverse();
    const r = parse(buildXml(jaxb, { declaration: null, newline: '\r\n' }));
    expectSample(r);
    expect(r.person.version).toEqual({ text: '' });
  });

  it('empty forms: <X/>, <X></X>, whitespace only, and missing elements are all empty', () => {
    const names = sampleFields().map(([n]) => n).filter((n) => n !== 'XingMing' && n !== 'JiaTingChengYuan');
    const variants: Array<(n: string) => string> = [(n) => `<${n}/>`, (n) => `<${n} />`, (n) => `<${n}></${n}>`, (n) => `<${n}>\n    \t\u3000</${n}>`, () => ''];
    for (const v of variants) {
      const xml = `<?xml version="1.0"?><Person><XingMing> 王\u3000某 </XingMing>${names.map(v).join('\n')}<JiaTingChengYuan/></Person>`;
      const r = parse(xml);
      expect(r.errors).toEqual([]);
      expect(r.person.name).toEqual({ text: '王\u3000某', value: '王某' });
      expect(r.person.birth).toEqual({ text: '', value: null });
      expect(r.person.gender).toEqual({ text: '', code: null, name: null });
      expect(r.person.resumeText.text).toBe('');
      expect(r.person.idNumber).toEqual({ text: '', value: null });
      expect(r.family).toEqual([]);
      expect(r.photo).toBeNull();
      expect(r.resume.periods).toEqual([]);
    }
  });

  it('a form without a name is a field error, not a file error', () => {
    const r = parse(buildXml(setField(sampleFields(), 'XingMing', '  ')));
    expect(r.errors.map((e) => e.field)).toEqual(['person.name']);
    expect(r.family).toHaveLength(2);
  });

  it.each([
    ['UTF-8 BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleXml())]), 'utf-8'],
    ['UTF-16LE BOM', () => utf16(sampleXml({ declaration: '<?xml version="1.0" encoding="utf-16"?>' }), 'le', true), 'utf-16le'],
    ['UTF-16BE BOM', () => utf16(sampleXml({ declaration: '<?xml version="1.0" encoding="UTF-16"?>' }), 'be', true), 'utf-16be'],
    ['UTF-16LE without BOM', () => utf16(sampleXml({ declaration: '<?xml version="1.0" encoding="utf-16"?>' }), 'le', false), 'utf-16le'],
    ['UTF-16BE without BOM', () => utf16(sampleXml({ declaration: '<?xml version="1.0" encoding="utf-16"?>' }), 'be', false), 'utf-16be'],
    ['declared GBK', () => gbkEncode(sampleXml({ declaration: '<?xml version="1.0" encoding="GBK"?>' })), 'gb18030'],
    ['declared gb2312', () => gbkEncode(sampleXml({ declaration: "<?xml version='1.0' encoding='gb2312'?>" })), 'gb18030'],
    ['declared GB18030', () => gbkEncode(sampleXml({ declaration: '<?xml version="1.0" encoding="GB18030" standalone="yes"?>' })), 'gb18030'],
  ] as const)('encoding: %s', (_name, bytes, encoding) => {
    const r = parse(bytes());
    expectSample(r);
    expect(r.encoding).toBe(encoding);
    expect(r.warnings).toEqual([]);
  });

  it('encoding: a GBK file declared (or defaulting to) UTF-8 is read as GBK with a warning', () => {
    const r = parse(gbkEncode(sampleXml()));
    expectSample(r);
    expect(r.encoding).toBe('gb18030');
    expect(messages(r)).toContain('按 GBK');
  });

  it('encoding: a few damaged UTF-8 bytes become U+FFFD with a warning; an unknown declared encoding is refused', () => {
    const bytes = Buffer.from(sampleXml());
    const at = bytes.indexOf(Buffer.from('某某县财政局'));
    bytes[at] = 0xff;
    const r = parse(bytes);
    expect(r.encoding).toBe('utf-8');
    expect(r.person.resumeText.text).toContain('\ufffd');
    expect(messages(r)).toContain('不符合 UTF-8');
    expect(() => parse(sampleXml({ declaration: '<?xml version="1.0" encoding="x-unknown-charset"?>' }))).toThrow(LrmxFileError);
  });

  it('unknown elements are kept aside with their text and raw XML, in Person and in Item', () => {
    const fields: Fields = [
      ...sampleFields(),
      ['RenXianZhiShiJian', '201911'],
      ['ZiDingYi', '<A>一</A><B>二&amp;三</B>'],
    ];
    const xml = buildXml(fields).replace('<ChengWei>妻子</ChengWei>', '<ChengWei>妻子</ChengWei><BeiZhu>备注</BeiZhu>')
      .replace('</JiaTingChengYuan>', '<Note>x</Note></JiaTingChengYuan>');
    const r = parse(xml);
    expectSample(r);
    expect(r.unknown).toEqual([
      { path: 'JiaTingChengYuan/Item[0]/BeiZhu', text: '备注', raw: '备注' },
      { path: 'JiaTingChengYuan/Note', text: 'x', raw: 'x' },
      { path: 'RenXianZhiShiJian', text: '201911', raw: '201911' },
      { path: 'ZiDingYi', text: '一二&三', raw: '<A>一</A><B>二&amp;三</B>' },
    ]);
  });

  it('duplicate elements: the first wins, the others are kept aside with a warning', () => {
    const r = parse(buildXml([...sampleFields(), ['XingMing', '另一个名字']]));
    expect(r.person.name.value).toBe('林晓舟');
    expect(r.unknown).toEqual([{ path: 'XingMing', text: '另一个名字', raw: '另一个名字' }]);
    expect(messages(r)).toContain('重复');
  });

  it('element names in another case are read, with a warning', () => {
    const r = parse(sampleXml().replace(/<(\/?)JianLi>/gu, '<$1Jianli>').replace(/<(\/?)Person>/gu, '<$1person>'));
    expect(r.person.resumeText.text).toBe(SAMPLE_RESUME);
    expect(messages(r)).toContain('大小写');
  });

  it('2025 fields are optional, and read when present (in any position)', () => {
    const fields: Fields = [['DaoLingNianYue', '203806'], ...sampleFields(), ['GaiGeQianRenZhiNianLingJieXian', '改革前任职年龄界限为60岁']];
    const r = parse(buildXml(fields));
    expect(r.person.retirementMonth).toEqual({ text: '203806', value: '2038-06' });
    expect(r.person.ageLimit).toEqual({ text: '改革前任职年龄界限为60岁', code: '60', name: '改革前任职年龄界限为60岁' });
    const old = parse(sampleXml());
    expect(old.person.ageLimit).toEqual({ text: '', code: null, name: null });
  });

  it('family: up to 10 Items, empty padding Items dropped, odd values reported per member', () => {
    const item = (c: string, n: string, b: string, z: string, g: string) =>
      `<Item><ChengWei>${c}</ChengWei><XingMing>${n}</XingMing><ChuShengRiQi>${b}</ChuShengRiQi><ZhengZhiMianMao>${z}</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>${g}</GongZuoDanWeiJiZhiWu></Item>`;
    const items = [
      item('妻子', '甲', '198011', '中共党员', '某单位'), item('', '', '', '', ''), item('儿子', '乙', '2008.05', '共青团员', '某中学学生'),
      item('爱人', '丙', '197513', '九三学社社员', '已故'), '<Item/>', '<Item>\n</Item>',
      ...Array.from({ length: 6 }, (_, i) => item('女儿', `丁${i}`, '20100101', '群众', '学生')),
    ];
    const r = parse(buildXml(setField(sampleFields(), 'JiaTingChengYuan', items.join(''))));
    expect(r.family).toHaveLength(9);
    expect(r.family[1]!.birth).toEqual({ text: '2008.05', value: '2008-05' });
    expect(r.family[2]!.relation).toEqual({ text: '爱人', code: null, name: null });
    expect(r.family[2]!.politicalStatus.code).toBe('10');
    expect(r.family[2]!.birth).toEqual({ text: '197513', value: null });
    expect(r.family[2]!.deceased).toBe(true);
    expect(r.errors.map((e) => e.field)).toEqual(['family[2].birth']);
    expect(r.warnings.map((w) => w.field)).toEqual(['family[2].relation']);
    expect(r.family[8]!.birth.value).toBe('2010-01');
  });

  it('photo: base64 with line breaks, PNG, data: prefix; bad base64 and non-images are field errors', () => {
    const b64 = jpegBytes(Array.from({ length: 200 }, (_, i) => i % 256)).toString('base64');
    const wrapped = b64.replace(/(.{76})/gu, '$1\r\n');
    expect(parse(buildXml(setField(sampleFields(), 'ZhaoPian', wrapped))).photo?.bytes.length).toBe(213);
    expect(parse(buildXml(setField(sampleFields(), 'ZhaoPian', pngBytes().toString('base64')))).photo?.type).toBe('png');
    expect(parse(buildXml(setField(sampleFields(), 'ZhaoPian', `data:image/jpeg;base64,${b64}`))).photo?.type).toBe('jpeg');
    for (const [bad, reason] of [['这不是base64!!', 'base64'], ['A', 'base64'], [Buffer.from('hello world, not an image').toString('base64'), '不是可识别的图片']] as const) {
      const r = parse(buildXml(setField(sampleFields(), 'ZhaoPian', bad)));
      expect(r.photo).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ field: 'photo', label: '照片' });
      expect(r.errors[0]!.message).toContain(reason);
      expect(r.person.name.value).toBe('林晓舟');
      expect(r.family).toHaveLength(2);
    }
  });

  it('身份证号: x → X and full-width digits normalized; invalid ones are field errors and never guessed', () => {
    const lower = validId('11010519491231002');
    expect(lower.endsWith('X')).toBe(true);
    const r1 = parse(buildXml(setField(setField(sampleFields(), 'ShenFenZheng', lower.toLowerCase()), 'ChuShengNianYue', '194912')));
    expect(r1.person.idNumber).toEqual({ text: lower.toLowerCase(), value: lower });
    const wide = SAMPLE_ID.replace(/\d/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(parse(buildXml(setField(sampleFields(), 'ShenFenZheng', wide))).person.idNumber.value).toBe(SAMPLE_ID);
    for (const bad of ['330226197803150000', '3302261978031500', '33022619781315001X']) {
      const r = parse(buildXml(setField(sampleFields(), 'ShenFenZheng', bad)));
      expect(r.person.idNumber).toEqual({ text: bad, value: null });
      expect(r.errors.map((e) => e.field)).toEqual(['person.idNumber']);
    }
  });

  it('cross-checks: birth derived from the ID when empty; mismatches of birth and gender are warnings', () => {
    const r = parse(buildXml(setField(sampleFields(), 'ChuShengNianYue', '')));
    expect(r.person.birth).toEqual({ text: '', value: '1978-03', derivedFrom: 'idNumber' });
    const m = parse(buildXml(setField(setField(sampleFields(), 'ChuShengNianYue', '197804'), 'XingBie', '女')));
    expect(m.errors).toEqual([]);
    expect(m.warnings.map((w) => w.field).sort()).toEqual(['person.birth', 'person.gender']);
  });

  it('dates: every accepted form; invalid ones are field errors; 入党时间 may be free text', () => {
    for (const [text, value] of [['1978.03', '1978-03'], ['1978-03', '1978-03'], ['1978', '1978'], ['19780315', '1978-03'], ['1978.03.15', '1978-03']] as const) {
      expect(parse(buildXml(setField(sampleFields(), 'ChuShengNianYue', text))).person.birth).toEqual({ text, value });
    }
    const bad = parse(buildXml(setField(sampleFields(), 'CanJiaGongZuoShiJian', '200013')));
    expect(bad.errors).toEqual([{ field: 'person.workDate', label: '参加工作时间', message: expect.stringContaining('月份13无效') }]);
    const party = parse(buildXml(setField(sampleFields(), 'RuDangShiJian', '民盟')));
    expect(party.person.partyDate).toEqual({ text: '民盟', value: null });
    expect(party.errors).toEqual([]);
    expect(parse(buildXml(setField(sampleFields(), 'TianBiaoShiJian', '202506'))).person.fillDate.value).toBe('2025-06');
  });

  it('JianLi line breaks: &#xD;, &#13;&#10;, CRLF, <br/> (escaped), CDATA and U+2002 all give the same periods', () => {
    const base = parse(sampleXml()).resume.periods.map((p) => [p.start, p.end, p.main]);
    const variants = [
      SAMPLE_RESUME.replace(/\n/gu, '&#xD;'),
      SAMPLE_RESUME.replace(/\n/gu, '&#13;&#10;'),
      SAMPLE_RESUME.replace(/\n/gu, '\r\n'),
      SAMPLE_RESUME.replace(/\n/gu, '&lt;br/&gt;'),
      `<![CDATA[${SAMPLE_RESUME.replace(/\n/gu, '<br>')}]]>`,
      SAMPLE_RESUME.replace(/ {2}/gu, '\u2002\u2002'),
      SAMPLE_RESUME.replace(/\n\s*/gu, ''),
    ];
    for (const v of variants) {
      const r = parse(buildXml(setField(sampleFields(), 'JianLi', v)));
      expect(r.resume.periods.map((p) => [p.start, p.end, p.main])).toEqual(base);
      expect(r.resume.unparsed).toEqual([]);
    }
  });

  it('comments, processing instructions, attributes and entity references are handled', () => {
    const xml = sampleXml()
      .replace('<Person>', '<!-- exported --><?editor x?>\n<Person xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" a=\'1\'>')
      .replace('<XingMing>林晓舟</XingMing>', '<XingMing><!-- n -->林&#26195;&#x821F;</XingMing>')
      .replace('<JiGuan>浙江宁海</JiGuan>', '<JiGuan>浙江&amp;宁海&lt;&gt;&quot;&apos;</JiGuan>');
    const r = parse(`${xml}<!-- end -->\n`);
    expect(r.person.name.value).toBe('林晓舟');
    expect(r.person.nativePlace.text).toBe('浙江&宁海<>"\'');
  });

  it('lenient about a bare & and undefined entities (kept as written, never expanded, with a warning)', () => {
    const r = parse(buildXml(setField(sampleFields(), 'JiangChengQingKuang', 'R&D 奖 &nbsp; &lol9; &#0; &constructor; &__proto__; &toString;')));
    expect(r.person.rewards.text).toBe('R&D 奖 &nbsp; &lol9; &#0; &constructor; &__proto__; &toString;');
    expect(r.warnings.filter((w) => w.field === 'file')).toHaveLength(7);
  });

  it('control characters are removed from values with a warning', () => {
    const r = parse(buildXml(setField(sampleFields(), 'XianRenZhiWu', '某某\u0001县委\u0007常委')));
    expect(r.person.currentPost.text).toBe('某某县委常委');
    expect(r.warnings.map((w) => w.field)).toContain('person.currentPost');
  });
});
