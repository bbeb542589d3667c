import { describe, expect, it } from 'vitest';
import { LrmxFileError, parseLrm, parseLrmx, splitLrmRecord } from '../../src/intake/lrmx/index.ts';
import { SAMPLE_RESUME, gbkEncode, jpegBytes, lrmText, sampleLrmFields, sampleXml } from './lrmx-fixtures.ts';

const lrm = (fields: string[]) => gbkEncode(lrmText(fields));
const withField = (i: number, v: string) => { const f = sampleLrmFields(); f[i] = v; return f; };

describe('parseLrm (legacy .lrm + .pic)', () => {
  it('reads the GBK record with its .pic photo, giving the same form as the .lrmx sample', () => {
    const r = parseLrm(lrm(sampleLrmFields()), jpegBytes());
    expect(r.format).toBe('lrm');
    expect(r.encoding).toBe('gb18030');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const x = parseLrmx(Buffer.from(sampleXml()));
    expect(r.person.name).toEqual(x.person.name);
    expect(r.person.birth).toEqual({ text: '1978.03', value: '1978-03' });
    expect(r.person.partyDate.value).toBe('2001-06');
    expect(r.person.fullTimeEducation).toEqual(x.person.fullTimeEducation);
    expect(r.person.fullTimeDegree).toEqual(x.person.fullTimeDegree);
    expect(r.person.inServiceEducation).toEqual(x.person.inServiceEducation);
    expect(r.person.inServiceDegree).toEqual(x.person.inServiceDegree);
    expect(r.person.fullTimeEducationSchool).toEqual(x.person.fullTimeEducationSchool);
    expect(r.person.fullTimeDegreeSchool).toEqual({ text: '' });
    expect(r.person.inServiceEducationSchool).toEqual(x.person.inServiceEducationSchool);
    expect(r.person.currentPost).toEqual(x.person.currentPost);
    expect(r.person.reportingUnit).toEqual(x.person.reportingUnit);
    expect(r.person.ageReferenceDate).toEqual(x.person.ageReferenceDate);
    expect(r.person.filler.text).toBe('王某');
    expect(r.person.idNumber).toEqual({ text: '', value: null });
    expect(r.person.version).toEqual({ text: '' });
    expect(r.person.resumeText.text).toBe(SAMPLE_RESUME.replace(/\n/gu, '\r\n'));
    expect(r.resume.periods.map((p) => [p.start, p.end, p.main])).toEqual(x.resume.periods.map((p) => [p.start, p.end, p.main]));
    expect(r.family.map((m) => [m.relation.code, m.name.value, m.birth.value, m.politicalStatus.code, m.deceased]))
      .toEqual([['13', '周雨岚', '1980-11', '01', false], ['10', '林国平', '1950-06', '13', true]]);
    expect(r.photo?.type).toBe('jpeg');
    expect(r.photo?.bytes.equals(jpegBytes())).toBe(true);
  });

  it('values may contain commas and quotes; only "," separates fields', () => {
    const r = parseLrm(lrm(withField(18, '2018年获"优秀党务工作者",2019年获嘉奖')));
    expect(r.person.rewards.text).toBe('2018年获"优秀党务工作者",2019年获嘉奖');
  });

  it('packing: missing parts are empty; extra @/# go into the last part with a warning, nothing is lost', () => {
    expect(parseLrm(lrm(withField(9, '大学'))).person.fullTimeDegree.text).toBe('');
    const r1 = parseLrm(lrm(withField(9, '大学#经济学学士')));
    expect([r1.person.fullTimeEducation.text, r1.person.inServiceEducation.text]).toEqual(['大学', '']);
    const r2 = parseLrm(lrm(withField(9, '大学#经济学学士@研究生#公共管理硕士@多余')));
    expect(r2.person.inServiceDegree.text).toBe('公共管理硕士@多余');
    expect(r2.warnings.some((w) => w.message.includes('多余'))).toBe(true);
  });

  it('family columns: uneven member counts and @ padding', () => {
    const f = sampleLrmFields();
    f[20] = '妻子@儿子@@'; f[21] = '周某@林某'; f[22] = '1980.11'; f[23] = '@共青团员@@@@@@'; f[24] = '';
    const r = parseLrm(lrm(f));
    expect(r.family.map((m) => [m.relation.text, m.name.text, m.birth.text, m.politicalStatus.text]))
      .toEqual([['妻子', '周某', '1980.11', ''], ['儿子', '林某', '', '共青团员']]);
  });

  it('unused fields 12–15 are kept aside when not empty', () => {
    const r = parseLrm(lrm(withField(13, '某值')));
    expect(r.unknown).toEqual([{ path: 'lrm[13]', text: '某值', raw: '某值' }]);
  });

  it('a UTF-8 .lrm (with or without BOM) is read too', () => {
    const text = lrmText(sampleLrmFields());
    const a = parseLrm(Buffer.from(text, 'utf8'));
    expect(a.encoding).toBe('utf-8');
    expect(a.person.name.value).toBe('林晓舟');
    const b = parseLrm(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(b.person.name.value).toBe('林晓舟');
  });

  it('a .pic that is not an image is a field error; the rest is read', () => {
    const r = parseLrm(lrm(sampleLrmFields()), Buffer.from('not an image at all'));
    expect(r.photo).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ field: 'photo' })]);
    expect(r.person.name.value).toBe('林晓舟');
    expect(parseLrm(lrm(sampleLrmFields()), Buffer.alloc(0)).photo).toBeNull();
  });

  it('field errors as in .lrmx: bad dates', () => {
    const r = parseLrm(lrm(withField(8, '2000.13')));
    expect(r.errors.map((e) => e.field)).toEqual(['person.workDate']);
  });

  it.each([
    ['32 fields', () => lrm(sampleLrmFields().slice(0, 32)), /应有33个字段，实际为32个/u],
    ['34 fields', () => lrm([...sampleLrmFields(), 'x']), /实际为34个/u],
    ['no quotes', () => gbkEncode('林晓舟,男,1978.03'), /双引号/u],
    ['an .lrmx file', () => Buffer.from(sampleXml()), /双引号/u],
  ])('not a .lrm record (%s) → one clear file-level error', (_name, bytes, message) => {
    expect(() => parseLrm(bytes())).toThrow(LrmxFileError);
    expect(() => parseLrm(bytes())).toThrow(message);
  });

  it('size caps apply to the .lrm and the .pic', () => {
    expect(() => parseLrm(Buffer.alloc(0))).toThrow(/空文件/u);
    expect(() => parseLrm(lrm(sampleLrmFields()), Buffer.alloc(6 * 1024 * 1024))).toThrow(/照片文件过大/u);
    expect(() => parseLrm(lrm(sampleLrmFields()), null, { maxBytes: 100 })).toThrow(/过大/u);
  });

  it('splitLrmRecord strips the outer quotes and trailing line break', () => {
    expect(splitLrmRecord(`"${Array.from({ length: 33 }, (_, i) => String(i)).join('","')}"\r\n`)[32]).toBe('32');
  });
});
