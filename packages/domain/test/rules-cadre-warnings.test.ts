import { describe, expect, it } from 'vitest';
import { evaluateCadre, type FactEntry, type FactTenure } from '../src/index.ts';
import { CADRE, S, brief, cadre, entry, ofRule, petition, rcjc, settings, tenure } from './rules-fixtures.ts';

const run = (entries: FactEntry[], asOf: string, s = S, tenures: FactTenure[] = []) => evaluateCadre(cadre(entries, tenures), s, asOf);

describe('信访集中 petition_cluster', () => {
  const p1 = petition('2026-03-02', '属实');
  const p2 = petition('2026-07-15');
  it.each([
    ['2026-07-14', []],
    ['2026-07-15', [['red', p1.id]]],
    ['2027-03-01', [['red', p1.id]]],
    ['2027-03-02', []],
  ])('属实 + 核查中, as of %s', (asOf, expected) => {
    expect(brief(run([p1, p2], asOf).warnings, 'petition_cluster')).toEqual(expected);
  });

  it('explains with the dates and the 属实 count; evidence oldest first; until when the count drops below the threshold', () => {
    const [w] = ofRule(run([p2, p1], '2026-08-01').warnings, 'petition_cluster');
    expect(w).toEqual({
      rule: 'petition_cluster', colour: 'red', subjectType: 'cadre', subjectId: CADRE, key: p1.id, evidence: [p1.id, p2.id],
      explanation: '近12个月内有2件信访举报未被查否（2026-03-02、2026-07-15），其中1件属实、1件尚在核查', until: '2027-03-02',
    });
  });

  it('no 属实 → yellow', () => {
    const w = ofRule(run([petition('2026-03-02', '部分属实'), p2], '2026-08-01').warnings, 'petition_cluster');
    expect(w.map((x) => [x.colour, x.explanation])).toEqual([
      ['yellow', '近12个月内有2件信访举报未被查否（2026-03-02、2026-07-15），其中1件部分属实、1件尚在核查'],
    ]);
  });

  it('a third petition keeps the key; until moves to when the second leaves', () => {
    const p3 = petition('2026-09-01');
    const [w] = ofRule(run([p1, p2, p3], '2026-10-01').warnings, 'petition_cluster');
    expect([w?.key, w?.evidence, w?.until]).toEqual([p1.id, [p1.id, p2.id, p3.id], '2027-07-15']);
  });

  it.each([
    ['失实', petition('2026-07-15', '失实')],
    ['查无实据', petition('2026-07-15', '查无实据')],
    ['诬告', petition('2026-07-15', '诬告')],
    ['withdrawn', petition('2026-07-15', undefined, { status: 'withdrawn' })],
    ['pending submission', petition('2026-07-15', undefined, { status: 'pending' })],
    ['dated after asOf', petition('2026-08-02')],
  ])('a second petition %s does not count', (_name, second) => {
    expect(ofRule(run([p1, second], '2026-08-01').warnings, 'petition_cluster')).toEqual([]);
  });

  it('a disabled rule raises nothing', () => {
    expect(ofRule(run([p1, p2], '2026-08-01', settings({ disabledRules: ['petition_cluster'] })).warnings, 'petition_cluster')).toEqual([]);
  });

  it.each([
    ['2026-02-27', 1], ['2026-02-28', 0],
  ])('month-end window: 2025-08-31 + 6 months ends 2026-02-28; as of %s → %i', (asOf, n) => {
    const s = settings({ petition: { windowMonths: 6, threshold: 2 } });
    expect(ofRule(run([petition('2025-08-31'), petition('2025-09-10')], asOf, s).warnings, 'petition_cluster')).toHaveLength(n);
  });
});

describe('个报不实 personal_report', () => {
  const check = (result: string) => entry('gbcc', '2026-03-10', { year: 2025, checkType: '随机抽查', result, items: '未报告房产1套' });
  it.each([
    ['瞒报', '2026-03-10', [['red', 'gbcc@2026-03-10']]],
    ['瞒报', '2027-03-09', [['red', 'gbcc@2026-03-10']]],
    ['瞒报', '2027-03-10', []],
    ['漏报', '2026-06-01', [['yellow', 'gbcc@2026-03-10']]],
    ['一致', '2026-06-01', []],
    ['瞒报', '2026-03-09', []],
  ])('%s as of %s', (result, asOf, expected) => {
    expect(brief(run([check(result)], asOf).warnings, 'personal_report')).toEqual(expected);
  });
  it('explains and runs until the end of the window', () => {
    const [w] = ofRule(run([check('瞒报')], '2026-04-01').warnings, 'personal_report');
    expect([w?.explanation, w?.until, w?.evidence]).toEqual([
      '2026-03-10个人有关事项报告查核（2025年度，随机抽查）结果为瞒报：未报告房产1套', '2027-03-10', ['gbcc@2026-03-10'],
    ]);
  });
  it('a 免责 decision removes it', () => {
    expect(ofRule(run([check('瞒报'), rcjc('2026-04-01', 'gbcc@2026-03-10')], '2026-04-01').warnings, 'personal_report')).toEqual([]);
  });
});

describe('影响期内 impact_running', () => {
  const cfwz = (day: string, category: string, measure: string, extra: Record<string, unknown> = {}) =>
    entry('cfwz', day, { category, measure, ...extra }, { id: `cfwz:${category}:${measure}` });
  it.each([
    ['党纪处分·警告', cfwz('2026-01-10', '党纪处分', '警告'), '2027-01-09', 'red', '2027-01-10'],
    ['党纪处分·警告 (end day)', cfwz('2026-01-10', '党纪处分', '警告'), '2027-01-10', null, null],
    ['政务处分·记过 from the decision day', cfwz('2026-02-01', '政务处分', '记过', { decisionDate: '2026-02-20' }), '2027-02-19', 'red', '2027-02-20'],
    ['组织处理·调离岗位', cfwz('2026-01-10', '组织处理', '调离岗位'), '2026-06-01', 'yellow', '2027-01-10'],
    ['问责·诫勉', cfwz('2026-01-10', '问责', '诫勉'), '2026-07-09', 'yellow', '2026-07-10'],
    ['问责·通报 (no period)', cfwz('2026-01-10', '问责', '通报'), '2026-02-01', null, null],
    ['约谈诫勉·诫勉', entry('ytjm', '2025-08-31', { form: '诫勉', reason: '履职不力' }), '2026-02-27', 'yellow', '2026-02-28'],
    ['约谈诫勉·诫勉 month end', entry('ytjm', '2025-08-31', { form: '诫勉', reason: '履职不力' }), '2026-02-28', null, null],
    ['函询 (no period)', entry('ytjm', '2026-01-10', { form: '函询', reason: '反映问题' }), '2026-02-01', null, null],
    ['函询 with an entered period', entry('ytjm', '2026-01-10', { form: '函询', reason: '反映问题', impactMonths: 3 }), '2026-04-09', 'yellow', '2026-04-10'],
  ])('%s', (_name, e, asOf, colour, until) => {
    const ws = ofRule(run([e], asOf).warnings, 'impact_running');
    expect(ws.map((w) => [w.colour, w.until, w.key])).toEqual(colour ? [[colour, until, e.id]] : []);
  });

  it('explains the measure, the months and the end', () => {
    const [w] = ofRule(run([cfwz('2026-01-10', '党纪处分', '严重警告')], '2026-02-01').warnings, 'impact_running');
    expect(w?.explanation).toBe('2026-01-10决定给予党纪处分·严重警告，影响期18个月，至2027-07-10届满');
  });

  it('overlapping periods: each runs to its own end, the cadre stays red until the latest end', () => {
    const a = cfwz('2026-01-10', '党纪处分', '警告');
    const b = cfwz('2026-06-01', '政务处分', '记大过');
    const at = (asOf: string) => ofRule(run([a, b], asOf).warnings, 'impact_running').map((w) => [w.key, w.until]);
    expect(at('2026-12-01')).toEqual([[a.id, '2027-01-10'], [b.id, '2027-12-01']]);
    expect(at('2027-01-10')).toEqual([[b.id, '2027-12-01']]);
    expect(at('2027-11-30')).toEqual([[b.id, '2027-12-01']]);
    expect(at('2027-12-01')).toEqual([]);
    expect(run([a, b], '2026-12-01').nextReview).toBe('2027-01-10');
  });

  it.each([
    ['免责', [rcjc('2026-03-01', 'cfwz:党纪处分:警告')], 0],
    ['从轻 keeps it', [rcjc('2026-03-01', 'cfwz:党纪处分:警告', '从轻')], 1],
    ['免责 decided after asOf', [rcjc('2026-05-01', 'cfwz:党纪处分:警告')], 1],
  ])('%s', (_name, extra, n) => {
    expect(ofRule(run([cfwz('2026-01-10', '党纪处分', '警告'), ...extra], '2026-04-01').warnings, 'impact_running')).toHaveLength(n);
  });

  it('a withdrawn 处分 raises nothing', () => {
    const e = entry('cfwz', '2026-01-10', { category: '党纪处分', measure: '警告' }, { status: 'withdrawn' });
    expect(ofRule(run([e], '2026-04-01').warnings, 'impact_running')).toEqual([]);
  });
});

describe('分管违规 in_charge_violation', () => {
  const principal = (end: string | null, domains = ['财务', '教育']) =>
    tenure('t-boss', '2024-01-01', end, { isPrincipal: true, title: '县长', domains });
  it.each([
    ['current', principal(null), '2026-05-01', 1],
    ['ends the day after', principal('2026-05-02'), '2026-05-01', 1],
    ['ends that day', principal('2026-05-01'), '2026-05-01', 0],
    ['not yet started', tenure('t-boss', '2026-06-01', null, { isPrincipal: true, domains: ['财务'] }), '2026-05-01', 0],
    ['no forbidden domain', principal(null, ['教育', '卫生']), '2026-05-01', 0],
    ['not the 一把手', tenure('t-dep', '2024-01-01', null, { domains: ['财务'] }), '2026-05-01', 0],
  ])('%s', (_name, t, asOf, n) => {
    expect(ofRule(run([], asOf, S, [t]).warnings, 'in_charge_violation')).toHaveLength(n);
  });
  it('names the forbidden domains only; key is the tenure; no entry evidence', () => {
    const [w] = ofRule(run([], '2026-05-01', S, [principal('2027-01-01')]).warnings, 'in_charge_violation');
    expect(w).toMatchObject({ colour: 'red', key: 't-boss', evidence: [], until: '2027-01-01' });
    expect(w?.explanation).toBe('任某县人民政府县长（一把手）直接分管财务，违反一把手不直接分管财务的规定');
  });
  it('the list is a setting', () => {
    const s = settings({ notDirectlyInCharge: ['行政审批'] });
    expect(ofRule(run([], '2026-05-01', s, [principal(null, ['财务', '行政审批'])]).warnings, 'in_charge_violation')[0]?.explanation)
      .toContain('直接分管行政审批');
  });
});

describe('报备异常 travel_filing', () => {
  const trip = (filedOn: string) => entry('wcbb', '2026-04-01', { departOn: '2026-04-01', returnOn: '2026-04-05', destination: '北京', reason: '学习考察', filedOn });
  it.each([
    ['2026-04-03', '2026-04-03', 1], ['2026-04-01', '2026-04-03', 0], ['2026-03-30', '2026-04-03', 0],
    ['2026-04-03', '2027-03-31', 1], ['2026-04-03', '2027-04-01', 0], ['2026-04-03', '2026-03-31', 0],
  ])('filed %s, as of %s → %i', (filedOn, asOf, n) => {
    expect(ofRule(run([trip(filedOn)], asOf).warnings, 'travel_filing')).toHaveLength(n);
  });
  it('explains how late', () => {
    expect(ofRule(run([trip('2026-04-03')], '2026-05-01').warnings, 'travel_filing')[0]).toMatchObject({
      colour: 'yellow', until: '2027-04-01',
      explanation: '2026-04-01外出（赴北京，事由：学习考察），2026-04-03才报备，晚于离开日期2天',
    });
  });
});

describe('任职过长 long_tenure', () => {
  it.each([
    ['2016-03-01', null, '2026-02-28', null],
    ['2016-03-01', null, '2026-03-01', '自2016-03-01起任某县人民政府副县长，已满10年（任职满10年提醒）'],
    ['2016-03-01', null, '2027-03-01', '自2016-03-01起任某县人民政府副县长，已满11年（任职满10年提醒）'],
    ['2016-02-29', null, '2026-02-28', '自2016-02-29起任某县人民政府副县长，已满10年（任职满10年提醒）'],
    ['2016-02-29', null, '2026-02-27', null],
    ['2016-03-01', '2026-03-01', '2026-03-01', null],
  ])('from %s to %s, as of %s', (start, end, asOf, explanation) => {
    const ws = ofRule(run([], asOf, S, [tenure('t1', start, end)]).warnings, 'long_tenure');
    expect(ws.map((w) => w.explanation)).toEqual(explanation ? [explanation] : []);
    if (explanation) expect(ws[0]).toMatchObject({ colour: 'blue', key: 't1', evidence: [] });
  });
});

describe('多源印证 multi_source', () => {
  const a = petition('2025-01-10');
  const b = entry('sfjl', '2025-06-01', { category: '治安处罚' });
  const c = entry('jjzrsj', '2026-01-05', { serious: false, conclusion: '较好', findingsCount: 2 });
  it('three departments within 24 months → red, key the oldest, until the first one leaves', () => {
    const [w] = ofRule(run([c, b, a], '2026-01-05').warnings, 'multi_source');
    expect(w).toEqual({
      rule: 'multi_source', colour: 'red', subjectType: 'cadre', subjectId: CADRE, key: a.id, evidence: [a.id, b.id, c.id], until: '2027-01-10',
      explanation: '近24个月内有3个不同部门报送的负面信息相互印证：信访局（信访举报2025-01-10）；公安局（司法公安记录2025-06-01）；审计局（经济责任审计2026-01-05）',
    });
  });
  it.each([
    ['the day before the third', [a, b, c], '2026-01-04', 0],
    ['the day before the first leaves', [a, b, c], '2027-01-09', 1],
    ['the day the first leaves', [a, b, c], '2027-01-10', 0],
    ['two from one department', [a, b, entry('sfjl', '2026-01-05', { category: '交通违法' }, { id: 'sfjl-2' })], '2026-02-01', 0],
    ['the petition found 诬告', [petition('2025-01-10', '诬告'), b, c], '2026-02-01', 0],
    ['the audit exempted (免责)', [a, b, c, rcjc('2026-02-01', c.id)], '2026-02-01', 0],
    ['a clean audit is not negative', [a, b, entry('jjzrsj', '2026-01-05', { serious: false, conclusion: '好', findingsCount: 0 })], '2026-02-01', 0],
    ['an award is not negative', [a, b, entry('bzjl', '2026-01-05', { level: '省级' }, { sourceDept: 'sj' })], '2026-02-01', 0],
  ])('%s', (_name, entries, asOf, n) => {
    expect(ofRule(run(entries, asOf).warnings, 'multi_source')).toHaveLength(n);
  });
  it('a fourth source keeps the key', () => {
    const d = entry('cfwz', '2026-02-01', { category: '问责', measure: '通报' });
    expect(ofRule(run([a, b, c, d], '2026-02-01').warnings, 'multi_source')[0]).toMatchObject({ key: a.id, until: '2027-06-01' });
  });
});

describe('as-of and disabled rules, across the cadre rules', () => {
  const facts = [
    petition('2026-03-02', '属实'), petition('2026-04-02'), entry('gbcc', '2026-03-10', { year: 2025, result: '瞒报' }),
    entry('cfwz', '2026-03-12', { category: '党纪处分', measure: '警告' }),
  ];
  it('facts dated after asOf are ignored', () => {
    expect(run(facts, '2026-03-01').warnings).toEqual([]);
    expect(run(facts, '2026-03-11').warnings.map((w) => w.rule)).toEqual(['personal_report']);
  });
  it('every disabled rule produces nothing', () => {
    const all = run(facts, '2026-05-01', settings({ overdueGraceDays: 0 }), [tenure('t1', '2016-01-01', null, { isPrincipal: true, domains: ['人事'] })]).warnings;
    const rules = [...new Set(all.map((w) => w.rule))];
    expect(rules).toEqual([
      'petition_cluster', 'personal_report', 'impact_running', 'in_charge_violation', 'obligation_overdue', 'long_tenure', 'multi_source',
    ]);
    const none = run(facts, '2026-05-01', settings({ disabledRules: rules, overdueGraceDays: 0 }), [tenure('t1', '2016-01-01', null, { isPrincipal: true, domains: ['人事'] })]);
    expect(none.warnings).toEqual([]);
  });
});
