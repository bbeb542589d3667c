import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_LIMIT_TABLE, DEGREE_TABLE, EDUCATION_LEVEL_TABLE, EDUCATION_TABLE, ETHNICITY_TABLE, GENDER_TABLE, GRADE_NAMES, GRADE_TABLE,
  HEALTH_TABLE, KINSHIP_TABLE, POLITICAL_STATUS_TABLE, POST_LEVEL_TABLE, codeOf, defineCodeTable, gradeOrder, lookupCode,
  migratePostLevelCode, nameOf, type CodeTable,
} from '../src/index.ts';

const TABLES: CodeTable[] = [
  GENDER_TABLE, HEALTH_TABLE, ETHNICITY_TABLE, POLITICAL_STATUS_TABLE, EDUCATION_TABLE, EDUCATION_LEVEL_TABLE, DEGREE_TABLE,
  KINSHIP_TABLE, POST_LEVEL_TABLE, GRADE_TABLE, AGE_LIMIT_TABLE,
];

describe('GB/T code tables', () => {
  it.each(TABLES.map((t) => [t.id, t] as const))('%s: every name and alias maps to its code, and the code back to the name', (_id, table) => {
    for (const e of table.entries) {
      for (const text of [e.name, ...(e.aliases ?? [])]) {
        expect(lookupCode(table, text)).toEqual({ code: e.code, name: e.name, original: text });
      }
      if (e.code !== null) expect(nameOf(table, e.code)).toBe(e.name);
    }
  });

  it('民族: the 56 nationalities are 01–56, plus the editor extras 91/92/98/99', () => {
    const codes = ETHNICITY_TABLE.entries.map((e) => e.code);
    expect(codes.slice(0, 56)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(codes.slice(56)).toEqual(['91', '92', '98', '99']);
    expect(nameOf(ETHNICITY_TABLE, '56')).toBe('基诺族');
    expect(nameOf(ETHNICITY_TABLE, '29')).toBe('柯尔克孜族');
  });

  it.each([
    [ETHNICITY_TABLE, '汉', '01', '汉族'],
    [ETHNICITY_TABLE, '汉族', '01', '汉族'],
    [ETHNICITY_TABLE, ' 蒙古\u3000', '02', '蒙古族'],
    [ETHNICITY_TABLE, '土家', '15', '土家族'],
    [ETHNICITY_TABLE, '维族', '05', '维吾尔族'],
    [ETHNICITY_TABLE, '其他', '91', '其他族'],
    [POLITICAL_STATUS_TABLE, '中国共产党党员', '01', '中共党员'],
    [POLITICAL_STATUS_TABLE, '中共预备党员', '02', '预备党员'],
    [POLITICAL_STATUS_TABLE, '九三学社', '10', '九三'],
    [POLITICAL_STATUS_TABLE, '九三学社社员', '10', '九三'],
    [POLITICAL_STATUS_TABLE, '无党派人士', '12', '无党派'],
    [POLITICAL_STATUS_TABLE, '中国民主同盟盟员', '05', '民盟'],
    [EDUCATION_TABLE, '大学', '21', '大学'],
    [EDUCATION_TABLE, '大学本科', '21', '大学'],
    [EDUCATION_TABLE, '研究生', '11', '研究生'],
    [EDUCATION_TABLE, '省委党校研究生', '1B', '省（区、市）委党校研究生'],
    [EDUCATION_TABLE, '省(区、市)委党校大学', '23', '省（区、市）委党校大学'],
    [EDUCATION_LEVEL_TABLE, '硕士研究生', '14', '硕士研究生毕业'],
    [DEGREE_TABLE, '工学学士', '408', '工学学士'],
    [DEGREE_TABLE, '工学学士学位', '408', '工学学士'],
    [DEGREE_TABLE, '法律硕士专业学位', '341', '法律硕士'],
    [DEGREE_TABLE, '公共管理硕士', '349', '公共管理硕士'],
    [DEGREE_TABLE, 'ＭＰＡ', '349', '公共管理硕士'],
    [DEGREE_TABLE, '管理学博士', '212', '管理学博士'],
    [DEGREE_TABLE, '军士硕士', '352', '军事硕士'],
    [KINSHIP_TABLE, '妻子', '13', '妻子'],
    [KINSHIP_TABLE, '妻', '13', '妻子'],
    [KINSHIP_TABLE, '长女婿', '27A', '长女婿'],
    [KINSHIP_TABLE, '继女', '33A', '继女'],
    [GENDER_TABLE, '男', '1', '男'],
    [GENDER_TABLE, '女性', '2', '女'],
    [HEALTH_TABLE, '健康', '1', '健康'],
    [HEALTH_TABLE, '较差', '4', '较差'],
    [POST_LEVEL_TABLE, '正处级', '1A31', '县处级正职'],
    [POST_LEVEL_TABLE, '副县级', '1A32', '县处级副职'],
    [POST_LEVEL_TABLE, '正厅级', '1A21', '厅局级正职'],
    [AGE_LIMIT_TABLE, '60岁', '60', '改革前任职年龄界限为60岁'],
    [AGE_LIMIT_TABLE, '改革前任职年龄界限为55岁', '55', '改革前任职年龄界限为55岁'],
    [AGE_LIMIT_TABLE, '已到龄人员', '-1', '已到龄人员'],
  ] as const)('%#: %s → %s', (table, text, code, name) => {
    expect(lookupCode(table, text)).toEqual({ code, name, original: text });
    expect(codeOf(table, text)).toBe(code);
  });

  it('unknown or empty texts give null code and name and keep the original text', () => {
    expect(lookupCode(ETHNICITY_TABLE, '火星族')).toEqual({ code: null, name: null, original: '火星族' });
    expect(lookupCode(KINSHIP_TABLE, '爱人')).toEqual({ code: null, name: null, original: '爱人' });
    expect(lookupCode(GENDER_TABLE, '  ')).toEqual({ code: null, name: null, original: '  ' });
    expect(nameOf(ETHNICITY_TABLE, '57')).toBeNull();
  });

  it('code lookup is case-insensitive for lettered codes', () => {
    expect(nameOf(KINSHIP_TABLE, '27a')).toBe('长女婿');
    expect(nameOf(EDUCATION_TABLE, '1b')).toBe('省（区、市）委党校研究生');
  });

  it('职务层次: old 01xx codes migrate to the 1A series', () => {
    expect(migratePostLevelCode('0131')).toBe('1A31');
    expect(migratePostLevelCode('1a42')).toBe('1A42');
    expect(migratePostLevelCode('0299')).toBeNull();
  });

  it('职级: names only (codes unverified), ordered low → high', () => {
    expect(lookupCode(GRADE_TABLE, '一级调研员')).toEqual({ code: null, name: '一级调研员', original: '一级调研员' });
    expect(gradeOrder('二级科员')).toBe(0);
    expect(gradeOrder('一级巡视员')).toBe(GRADE_NAMES.length - 1);
    expect(gradeOrder('四级调研员')).toBeLessThan(gradeOrder('三级调研员'));
    expect(gradeOrder('正处级')).toBe(-1);
  });

  it('refuses to define a table whose names are ambiguous or whose codes repeat', () => {
    expect(() => defineCodeTable({ id: 'X', title: 'x', source: 's', entries: [{ code: '1', name: 'a' }, { code: '2', name: 'a' }] })).toThrow(/ambiguous/u);
    expect(() => defineCodeTable({ id: 'X', title: 'x', source: 's', entries: [{ code: '1', name: 'a' }, { code: '1', name: 'b' }] })).toThrow(/duplicate/u);
  });

  it('property: spacing and full-width forms do not change the result', () => {
    const entries = TABLES.flatMap((t) => t.entries.map((e) => [t, e] as const));
    const toFullWidth = (s: string) => s.replace(/[!-~]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(fc.property(
      fc.constantFrom(...entries), fc.constantFrom(' ', '\u3000', '\t', '\u00a0', ''), fc.boolean(),
      ([table, e], space, wide) => {
        const chars = [...(wide ? toFullWidth(e.name) : e.name)];
        const text = space + chars.join(space) + space;
        const r = lookupCode(table, text);
        return r.name === e.name && r.code === e.code && r.original === text;
      },
    ));
  });
});
