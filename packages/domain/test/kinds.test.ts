/** The ledger kinds: every kind drives its schema, JSON Schema, sheet columns and summary; the §4 kinds one by one. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  COMMON_COLUMNS, DEFAULT_DICTIONARIES, ENTRY_KINDS, KIND_CODES, composeSummary, crossCheckDetails, detailSchemas, kindColumns,
  kindsOfDepartment, subjectIssue,
} from '../src/index.ts';

const schemas = detailSchemas(DEFAULT_DICTIONARIES) as Record<string, z.ZodType>;
const CADRE = { cadre: true, team: false };
const TEAM = { cadre: false, team: true };

function issuesOf(kind: string, details: Record<string, unknown>, subject = CADRE): Array<{ path: string; message: string }> {
  const parsed = schemas[kind]!.safeParse(details);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: ['details', ...i.path.map(String)].join('.'), message: i.message }));
  return crossCheckDetails(kind, parsed.data as Record<string, unknown>, subject, DEFAULT_DICTIONARIES);
}

describe('every kind', () => {
  it('is listed once in KIND_CODES, ENTRY_KINDS and the schemas, with known departments', () => {
    expect(new Set(KIND_CODES).size).toBe(KIND_CODES.length);
    expect(ENTRY_KINDS.map((k) => k.code).sort()).toEqual([...KIND_CODES].sort());
    expect(Object.keys(schemas).sort()).toEqual([...KIND_CODES].sort());
    const depts = ['jw', 'zzb', 'fy', 'jcy', 'ga', 'xc', 'sj', 'xf'];
    for (const k of ENTRY_KINDS) {
      expect(k.departments.length, k.code).toBeGreaterThan(0);
      for (const d of k.departments) expect(depts).toContain(d);
    }
  });

  it('has a JSON Schema with a title on every field, and sheet columns with labels unique in the sheet', () => {
    const common = new Set(COMMON_COLUMNS.flatMap((c) => [c.label, ...(c.synonyms ?? [])]));
    for (const code of KIND_CODES) {
      const json = z.toJSONSchema(schemas[code]!, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, { title?: string }> };
      for (const [name, p] of Object.entries(json.properties)) expect(p.title, `${code}.${name}`).toMatch(/\p{Script=Han}/u);
      const cols = kindColumns(code, DEFAULT_DICTIONARIES);
      const labels = cols.map((c) => c.label);
      expect(new Set(labels).size, code).toBe(labels.length);
      for (const c of cols.slice(COMMON_COLUMNS.length)) expect(common.has(c.label), `${code}: ${c.label}`).toBe(false);
      expect(composeSummary(code, {})).toContain(ENTRY_KINDS.find((k) => k.code === code)!.name);
    }
  });

  it('maps detail types to sheet column types (dates, booleans, numbers, the uuid as text)', () => {
    const types = (code: string) => Object.fromEntries(kindColumns(code, DEFAULT_DICTIONARIES).map((c) => [c.key, [c.type, !!c.required]]));
    expect(types('jypx')).toMatchObject({ 'd.from': ['date', true], 'd.to': ['date', true], 'd.hours': ['decimal', true], 'd.trainingType': ['enum', true] });
    expect(types('szyd')).toMatchObject({ 'd.collective': ['boolean', true], 'd.principalSpokeLast': ['boolean', true], 'd.attendees': ['integer', false], 'd.amount': ['decimal', false] });
    expect(types('wcbb')).toMatchObject({ 'd.departOn': ['date', true], 'd.returnOn': ['date', true], 'd.filedOn': ['date', true], 'd.actingPerson': ['text', false] });
    expect(types('rcjc')).toMatchObject({ 'd.targetEntryId': ['text', true], 'd.decision': ['enum', true], 'd.measures': ['text', false] });
  });
});

describe('the kinds of the mechanisms (PRODUCT §4)', () => {
  it('are submitted by 组织部, and 三重一大 and 容错纠错 by 纪委 too', () => {
    const zzb = kindsOfDepartment('zzb');
    for (const k of ['txth', 'sxdt', 'jypx', 'dcyj', 'szyd', 'wcbb', 'rcjc']) expect(zzb).toContain(k);
    expect(kindsOfDepartment('jw')).toEqual(expect.arrayContaining(['szyd', 'rcjc']));
    expect(kindsOfDepartment('jw')).not.toContain('txth');
    expect(kindsOfDepartment('xf')).not.toContain('rcjc');
  });

  it('have a subject: research and decisions are about a team, the rest about a cadre', () => {
    expect(subjectIssue('dcyj', CADRE)).toMatchObject({ path: 'cadreId', message: expect.stringContaining('领导班子') });
    expect(subjectIssue('szyd', TEAM)).toBeNull();
    expect(subjectIssue('txth', TEAM)).toMatchObject({ path: 'teamId', message: expect.stringContaining('干部') });
    expect(subjectIssue('rcjc', CADRE)).toBeNull();
    expect(subjectIssue('xfjb', TEAM)).toBeNull();
    expect(subjectIssue('xfjb', CADRE)).toBeNull();
  });

  const cases: Array<{ kind: string; valid: Record<string, unknown>; invalid: Record<string, unknown>; path: string; message: RegExp; subject?: typeof CADRE }> = [
    {
      kind: 'txth',
      valid: { talker: '李部长', form: '个别谈心', trigger: '工作变动', points: '谈任职后的思路与廉洁要求', followUp: '三个月后回访' },
      invalid: { talker: '李部长', form: '喝茶', trigger: '工作变动', points: '' },
      path: 'details.form', message: /谈话形式应为：个别谈心、集体谈话、谈话提醒/u,
    },
    {
      kind: 'sxdt',
      valid: { situation: '近期因家人患病情绪低落，工作积极性下降' },
      invalid: { situation: '   ' },
      path: 'details.situation', message: /请填写表现情况/u,
    },
    {
      kind: 'jypx',
      valid: { institution: '市委党校', trainingType: '党校系统培训', from: '2025-03-01', to: '2025-03-28', hours: 120 },
      invalid: { institution: '市委党校', trainingType: '党校系统培训', from: '2025-03-28', to: '2025-03-01', hours: 120 },
      path: 'details.to', message: /培训结束日期不能早于开始日期/u,
    },
    {
      kind: 'dcyj',
      valid: { researchType: '全覆盖综合调研', findings: '班子团结，民主集中制执行较好', rating: '较好' },
      invalid: { researchType: '全覆盖综合调研', rating: '优秀' },
      path: 'details.rating', message: /班子评价应为：好、较好、一般、较差/u, subject: TEAM,
    },
    {
      kind: 'szyd',
      valid: { matterType: '大额资金使用', meeting: '县政府第12次常务会议', collective: true, principalSpokeLast: true, attendees: 9, amount: 850 },
      invalid: { matterType: '大额资金使用', meeting: '县政府第12次常务会议', collective: true, principalSpokeLast: false },
      path: 'details.amount', message: /大额资金使用须填写涉及金额/u, subject: TEAM,
    },
    {
      kind: 'wcbb',
      valid: { departOn: '2025-05-06', returnOn: '2025-05-09', destination: '成都市', reason: '参加招商推介会', actingPerson: '王副县长', filedOn: '2025-05-04' },
      invalid: { departOn: '2025-05-06', returnOn: '2025-05-02', destination: '成都市', reason: '参加招商推介会', filedOn: '2025-05-04' },
      path: 'details.returnOn', message: /返回日期不能早于离开日期/u,
    },
    {
      kind: 'rcjc',
      valid: { targetEntryId: '0190a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b', distinction: '为推动发展的无意过失', decision: '免责', measures: '完善审批流程' },
      invalid: { targetEntryId: '第3号', distinction: '为推动发展的无意过失', decision: '免责' },
      path: 'details.targetEntryId', message: /所涉台账记录编号应为/u,
    },
  ];

  for (const c of cases) {
    it(`${c.kind}: a valid example passes, an invalid one names its field in Chinese`, () => {
      expect(issuesOf(c.kind, c.valid, c.subject)).toEqual([]);
      const issues = issuesOf(c.kind, c.invalid, c.subject);
      expect(issues.find((i) => i.path === c.path)?.message, JSON.stringify(issues)).toMatch(c.message);
      expect(composeSummary(c.kind, c.valid).length).toBeGreaterThan(6);
    });
  }

  it('refuses unknown fields and negative numbers', () => {
    expect(issuesOf('jypx', { institution: '省委党校', trainingType: '专题培训', from: '2025-01-01', to: '2025-01-02', hours: -1 })[0]).toMatchObject({ path: 'details.hours', message: '学时不能为负数' });
    expect(issuesOf('sxdt', { situation: '情绪低落', mood: 'x' }).length).toBe(1);
    expect(issuesOf('szyd', { matterType: '重要干部任免', meeting: '常委会', collective: '是', principalSpokeLast: true }, TEAM)[0]!.path).toBe('details.collective');
  });
});
