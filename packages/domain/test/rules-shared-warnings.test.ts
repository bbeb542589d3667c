import { describe, expect, it } from 'vitest';
import { evaluateCadre, evaluateTeam, type FactEntry, type FactTenure } from '../src/index.ts';
import { S, TEAM, brief, cadre, entry, ofRule, rcjc, settings, team, tenure } from './rules-fixtures.ts';

const runCadre = (entries: FactEntry[], asOf: string, s = S, tenures: FactTenure[] = []) => evaluateCadre(cadre(entries, tenures), s, asOf);
const runTeam = (entries: FactEntry[], asOf: string, s = S, tenures: FactTenure[] = []) => evaluateTeam(team(entries, tenures), s, asOf);

describe('考核靠后 assessment_low', () => {
  const grade = (year: number, g: string, day: string) => entry('ndkh', day, { year, grade: g });
  it.each([
    ['基本称职', '2026-02-01', [['yellow', 'ndkh@2026-01-20']]],
    ['不称职', '2026-02-01', [['red', 'ndkh@2026-01-20']]],
    ['称职', '2026-02-01', []],
    ['优秀', '2026-02-01', []],
    ['基本称职', '2026-12-31', [['yellow', 'ndkh@2026-01-20']]],
    ['基本称职', '2027-01-01', []],
    ['基本称职', '2026-01-19', []],
  ])('cadre 2025 %s as of %s', (g, asOf, expected) => {
    expect(brief(runCadre([grade(2025, g, '2026-01-20')], asOf).warnings, 'assessment_low')).toEqual(expected);
  });
  it('the latest year wins', () => {
    expect(ofRule(runCadre([grade(2024, '不称职', '2025-01-20'), grade(2025, '称职', '2026-01-20')], '2026-02-01').warnings, 'assessment_low')).toEqual([]);
    const [w] = ofRule(runCadre([grade(2024, '称职', '2025-01-20'), grade(2025, '不称职', '2026-01-20')], '2026-02-01').warnings, 'assessment_low');
    expect([w?.explanation, w?.until, w?.evidence]).toEqual(['2025年度综合考核评定为“不称职”', '2027-01-01', ['ndkh@2026-01-20']]);
  });
  it.each([['一般', 'yellow'], ['较差', 'red'], ['好', null], ['较好', null]])('team %s → %s', (g, colour) => {
    const ws = ofRule(runTeam([grade(2025, g, '2026-01-20')], '2026-03-01').warnings, 'assessment_low');
    expect(ws.map((w) => [w.colour, w.subjectType, w.subjectId])).toEqual(colour ? [[colour, 'team', TEAM]] : []);
    if (colour) expect(ws[0]?.explanation).toBe(`2025年度领导班子综合考核评定为“${g}”`);
  });
});

describe('审计问题 audit_issue', () => {
  const audit = (over: Record<string, unknown> = {}) => entry('jjzrsj', '2026-03-01', {
    auditType: '离任审计', periodFrom: '2023-01-01', periodTo: '2025-12-31', findingsCount: 3, amount: 120, conclusion: '一般',
    serious: false, rectificationDeadline: '2026-06-30', rectificationStatus: '整改中', ...over,
  });
  const id = 'jjzrsj@2026-03-01';
  it.each([
    ['amount over the threshold', {}, '2026-06-30', [['red', id]]],
    ['deadline passed', {}, '2026-07-01', [['red', id], ['yellow', `rect:${id}`]]],
    ['rectified', { rectificationStatus: '已整改' }, '2026-07-01', [['red', id]]],
    ['under the threshold', { amount: 99.9 }, '2026-06-01', []],
    ['exactly the threshold', { amount: 100 }, '2026-06-01', [['red', id]]],
    ['serious, no amount', { amount: undefined, serious: true }, '2026-06-01', [['red', id]]],
    ['red ends after 24 months', {}, '2028-02-29', [['red', id], ['yellow', `rect:${id}`]]],
    ['red ended', {}, '2028-03-01', [['yellow', `rect:${id}`]]],
    ['no deadline', { amount: 1, rectificationDeadline: undefined }, '2027-01-01', []],
  ])('%s', (_name, over, asOf, expected) => {
    expect(brief(runCadre([audit(over)], asOf).warnings, 'audit_issue')).toEqual(expected);
  });
  it('explains both', () => {
    const ws = ofRule(runCadre([audit({ serious: true })], '2026-07-01').warnings, 'audit_issue');
    expect(ws.map((w) => [w.explanation, w.until])).toEqual([
      ['2026-03-01离任审计（审计期间2023-01-01至2025-12-31）存在严重问题，问题金额120万元（达到100万元）；发现问题3个，审计评价“一般”', '2028-03-01'],
      ['2026-03-01离任审计（审计期间2023-01-01至2025-12-31）发现问题的整改期限为2026-06-30，逾期仍整改中', null],
    ]);
  });
  it('applies to teams, and the threshold is a setting', () => {
    expect(brief(runTeam([audit({ amount: 50 })], '2026-04-01', settings({ audit: { amountThreshold: 50, months: 24 } })).warnings, 'audit_issue'))
      .toEqual([['red', id]]);
  });
  it('a 免责 decision removes it', () => {
    expect(ofRule(runCadre([audit(), rcjc('2026-05-01', id)], '2026-07-01').warnings, 'audit_issue')).toEqual([]);
  });
});

describe('巡察整改 inspection_rectification', () => {
  const xc = (day: string, over: Record<string, unknown> = {}) =>
    entry('xcxc', day, { round: '县委第三轮巡察', problemCategories: ['全面从严治党主体责任不实'], rectificationStatus: '未整改', ...over });
  it.each([
    ['default deadline, on it', xc('2026-02-15'), '2026-04-15', 0],
    ['default deadline, the day after', xc('2026-02-15'), '2026-04-16', 1],
    ['rectified', xc('2026-02-15', { rectificationStatus: '已整改' }), '2026-06-01', 0],
    ['in progress', xc('2026-02-15', { rectificationStatus: '整改中' }), '2026-06-01', 1],
    ['explicit deadline, on it', xc('2026-02-15', { rectificationDeadline: '2026-05-31' }), '2026-05-31', 0],
    ['explicit deadline, after', xc('2026-02-15', { rectificationDeadline: '2026-05-31' }), '2026-06-01', 1],
    ['month end: 2025-12-31 + 2 months = 2026-02-28', xc('2025-12-31'), '2026-02-28', 0],
    ['month end, the day after', xc('2025-12-31'), '2026-03-01', 1],
  ])('%s', (_name, e, asOf, n) => {
    expect(ofRule(runTeam([e], asOf).warnings, 'inspection_rectification')).toHaveLength(n);
    expect(ofRule(runCadre([e], asOf).warnings, 'inspection_rectification')).toHaveLength(n);
  });
  it('explains, saying when the deadline was defaulted', () => {
    expect(ofRule(runTeam([xc('2026-02-15')], '2026-05-01').warnings, 'inspection_rectification')[0]).toMatchObject({
      colour: 'yellow', key: 'xcxc@2026-02-15', until: null,
      explanation: '2026-02-15县委第三轮巡察反馈的问题（全面从严治党主体责任不实）整改期限为2026-04-15（未填写，按反馈后2个月计），逾期仍未整改',
    });
  });
});

describe('评议靠后 review_low', () => {
  const review = (year: number, rank: number, rankOf = 9) => entry('ybgpy', `${year + 1}-01-15`, { year, satisfactionRate: 82.5, rank, rankOf });
  it.each([
    ['7/9 is in the bottom third', [review(2025, 7)], 'yellow'],
    ['6/9 is not', [review(2025, 6)], null],
    ['7/10 is', [review(2025, 7, 10)], 'yellow'],
    ['6/10 is not', [review(2025, 6, 10)], null],
    ['two years running → red', [review(2024, 9), review(2025, 8)], 'red'],
    ['the year before was fine → yellow', [review(2024, 3), review(2025, 8)], 'yellow'],
    ['bottom the year before, fine now → none', [review(2024, 9), review(2025, 2)], null],
  ])('%s', (_name, entries, colour) => {
    const ws = ofRule(runTeam(entries, '2026-03-01').warnings, 'review_low');
    expect(ws.map((w) => w.colour)).toEqual(colour ? [colour] : []);
  });
  it('explains; key is the latest review; until the end of the next year', () => {
    const [w] = ofRule(runTeam([review(2024, 9), review(2025, 8)], '2026-03-01').warnings, 'review_low');
    expect(w).toMatchObject({
      key: 'ybgpy@2026-01-15', evidence: ['ybgpy@2025-01-15', 'ybgpy@2026-01-15'], until: '2027-01-01',
      explanation: '2025年度一报告两评议同类排名第8/9，位于后三分之一（选人用人满意率82.5%）；2024年度排名第9/9，连续两年靠后',
    });
    expect(ofRule(runTeam([review(2024, 9), review(2025, 8)], '2027-01-01').warnings, 'review_low')).toEqual([]);
  });
  it('works for a cadre too', () => {
    expect(brief(runCadre([review(2025, 9)], '2026-03-01').warnings, 'review_low')).toEqual([['yellow', 'ybgpy@2026-01-15']]);
  });
});

describe('决策程序 decision_procedure', () => {
  const decision = (collective: boolean, principalSpokeLast: boolean) =>
    entry('szyd', '2026-03-05', { matterType: '重大项目安排', meeting: '县政府常务会议', collective, principalSpokeLast, amount: 500 });
  it.each([
    [false, true, '2026-03-05', 'red'], [true, false, '2026-03-05', 'yellow'], [false, false, '2026-03-05', 'red'], [true, true, '2026-03-05', null],
    [false, true, '2028-03-04', 'red'], [false, true, '2028-03-05', null], [false, true, '2026-03-04', null],
  ])('collective %s, spoke last %s, as of %s → %s', (collective, last, asOf, colour) => {
    const ws = ofRule(runTeam([decision(collective, last)], asOf).warnings, 'decision_procedure');
    expect(ws.map((w) => w.colour)).toEqual(colour ? [colour] : []);
  });
  it('explains', () => {
    expect(ofRule(runTeam([decision(false, false)], '2026-04-01').warnings, 'decision_procedure')[0]).toMatchObject({
      until: '2028-03-05', explanation: '2026-03-05县政府常务会议研究重大项目安排事项（金额500万元），未经集体讨论决定，一把手未末位表态',
    });
  });
});

describe('义务逾期 obligation_overdue', () => {
  const post = [tenure('t1', '2026-03-01', null, { title: '县长' })];
  it.each([
    // Due soon and within the grace (overdueGraceDays, 30) it is a 待办, not a warning; no blue any more.
    ['2026-03-01', S, []],
    ['2026-03-31', S, []],
    ['2026-04-01', S, []],
    ['2026-04-30', S, []],
    ['2026-05-01', S, [['yellow', 'talk:tenure:t1:start']]],
    ['2026-03-31', settings({ overdueGraceDays: 0 }), []],
    ['2026-04-01', settings({ overdueGraceDays: 0 }), [['yellow', 'talk:tenure:t1:start']]],
    ['2026-04-10', settings({ overdueGraceDays: 10 }), []],
    ['2026-04-11', settings({ overdueGraceDays: 10 }), [['yellow', 'talk:tenure:t1:start']]],
    ['2026-05-01', settings({ disabledRules: ['obligation_overdue'] }), []],
  ])('a talk due 2026-03-31, as of %s', (asOf, s, expected) => {
    expect(brief(runCadre([], asOf, s, post).warnings, 'obligation_overdue')).toEqual(expected);
  });
  it('a talk done (even late) clears it', () => {
    expect(ofRule(runCadre([entry('txth', '2026-04-10', { talker: '李四', form: '个别谈话', trigger: '工作变动', points: '要点' })], '2026-04-10', S, post).warnings,
      'obligation_overdue')).toEqual([]);
  });
  it('explains with the obligation title', () => {
    expect(ofRule(runCadre([], '2026-05-01', S, post).warnings, 'obligation_overdue')[0]?.explanation)
      .toBe('工作变动（任县长，2026-03-01）后30日内开展谈心谈话：已于2026-03-31到期，逾期超过30日尚未完成');
  });
  it.each([
    ['2026-12-01', []], ['2027-01-01', []], ['2027-01-30', []], ['2027-01-31', [['yellow', 'research:2026']]],
  ])('a team without research in 2026, as of %s', (asOf, expected) => {
    expect(brief(runTeam([], asOf, S, [tenure('t1', '2020-01-01')]).warnings, 'obligation_overdue')).toEqual(expected);
  });
});
