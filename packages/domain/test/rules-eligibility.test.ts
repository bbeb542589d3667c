import { describe, expect, it } from 'vitest';
import { eligibility, evaluateCadre, type FactEntry, type FactTenure, type WarningFinding } from '../src/index.ts';
import { S, cadre, entry, petition, rcjc, tenure } from './rules-fixtures.ts';

type Open = Pick<WarningFinding, 'rule' | 'colour' | 'explanation' | 'evidence' | 'until'>;
const check = (entries: FactEntry[], asOf: string, open: Open[] = [], tenures: FactTenure[] = []) => eligibility(cadre(entries, tenures), S, asOf, open);
const summary = (entries: FactEntry[], asOf: string, open: Open[] = []) => {
  const r = check(entries, asOf, open);
  return [r.result, r.reasons.map((x) => [x.rule, x.verdict, x.until])];
};

const warning = entry('cfwz', '2026-01-10', { category: '党纪处分', measure: '警告' });
const dismissal = entry('cfwz', '2026-03-01', { category: '组织处理', measure: '免职' });
const admonition = entry('ytjm', '2026-02-01', { form: '诫勉', reason: '履职不力' });
const concealed = entry('gbcc', '2026-03-10', { year: 2025, checkType: '重点抽查', result: '瞒报', items: '未报告投资企业1家' });
const omitted = entry('gbcc', '2026-03-10', { year: 2025, checkType: '随机抽查', result: '漏报' });

describe('凡提必查 eligibility', () => {
  it('nothing on file → 可以使用 with no reasons', () => {
    expect(check([entry('bzjl', '2026-01-01', { level: '省级' })], '2026-06-01')).toEqual({ result: '可以使用', reasons: [], discounted: [] });
  });

  it.each([
    ['处分 running', [warning], '2027-01-09', ['不宜', [['影响期内', '不宜', '2027-01-10']]]],
    ['处分 ended', [warning], '2027-01-10', ['可以使用', []]],
    ['overlapping: the latest end wins', [warning, dismissal], '2026-06-01', ['不宜', [['影响期内', '不宜', '2028-03-01']]]],
    ['诫勉 running', [admonition], '2026-07-31', ['暂缓', [['诫勉影响期内', '暂缓', '2026-08-01']]]],
    ['诫勉 ended', [admonition], '2026-08-01', ['可以使用', []]],
    ['问责·诫勉 delays', [entry('cfwz', '2026-02-01', { category: '问责', measure: '诫勉' })], '2026-03-01', ['暂缓', [['诫勉影响期内', '暂缓', '2026-08-01']]]],
    ['函询 with an entered period delays', [entry('ytjm', '2026-02-01', { form: '函询', reason: '反映问题', impactMonths: 3 })], '2026-04-30',
      ['暂缓', [['诫勉影响期内', '暂缓', '2026-05-01']]]],
    ['处分 and 诫勉', [warning, admonition], '2026-03-01', ['不宜', [['影响期内', '不宜', '2027-01-10'], ['诫勉影响期内', '暂缓', '2026-08-01']]]],
    ['瞒报 within 12 months', [concealed], '2027-03-09', ['不宜', [['个报瞒报', '不宜', '2027-03-10']]]],
    ['瞒报 after 12 months', [concealed], '2027-03-10', ['可以使用', []]],
    ['漏报 within 12 months', [omitted], '2026-04-01', ['暂缓', [['个报漏报', '暂缓', '2027-03-10']]]],
    ['latest assessment 不称职', [entry('ndkh', '2026-01-20', { year: 2025, grade: '不称职' })], '2026-02-01', ['不宜', [['年度考核不称职', '不宜', '2027-01-01']]]],
    ['latest assessment 基本称职', [entry('ndkh', '2026-01-20', { year: 2025, grade: '基本称职' })], '2026-02-01', ['暂缓', [['年度考核基本称职', '暂缓', '2027-01-01']]]],
    ['an older 不称职 superseded', [entry('ndkh', '2025-01-20', { year: 2024, grade: '不称职' }), entry('ndkh', '2026-01-20', { year: 2025, grade: '称职' })], '2026-02-01', ['可以使用', []]],
    ['a petition under investigation', [petition('2026-05-01')], '2026-06-01', ['暂缓', [['信访举报核查中', '暂缓', null]]]],
    ['a petition closed 部分属实', [petition('2026-05-01', '部分属实')], '2026-06-01', ['可以使用', []]],
    ['a 处分 dated after asOf', [warning], '2026-01-09', ['可以使用', []]],
  ])('%s', (_name, entries, asOf, expected) => {
    expect(summary(entries, asOf)).toEqual(expected);
  });

  it('explains the reasons with the facts', () => {
    const r = check([warning, dismissal, admonition, concealed, petition('2026-05-01'), petition('2026-05-20', undefined, { id: 'p2' })], '2026-06-01');
    expect(r.reasons.map((x) => [x.rule, x.explanation, x.evidence])).toEqual([
      ['影响期内', '处于处分或组织处理影响期内：2026-01-10党纪处分·警告（12个月，2027-01-10届满）；2026-03-01组织处理·免职（24个月，2028-03-01届满）（取最晚届满日2028-03-01），影响期内不得提拔或进一步使用',
        [warning.id, dismissal.id]],
      ['个报瞒报', '2026-03-10个人有关事项报告查核结果为瞒报（未报告投资企业1家），有意瞒报的不得提拔', [concealed.id]],
      ['诫勉影响期内', '处于诫勉影响期内：2026-02-01诫勉（6个月，2026-08-01届满），诫勉影响期内不得列为考察对象', [admonition.id]],
      ['信访举报核查中', '信访举报核查中：2件信访举报尚未办结（2026-05-01核查中、2026-05-20核查中）', ['xfjb@2026-05-01', 'p2']],
    ]);
    expect(r.result).toBe('不宜');
  });

  it.each([
    ['免责', [warning, rcjc('2026-03-01', warning.id)], [{ entryId: warning.id, why: '容错纠错免责（2026-03-01）' }]],
    ['失实', [petition('2026-05-01', '失实')], [{ entryId: 'xfjb@2026-05-01', why: '信访核查结果为失实' }]],
    ['诬告', [petition('2026-05-01', '诬告')], [{ entryId: 'xfjb@2026-05-01', why: '信访核查结果为诬告，另行处理诬告者' }]],
  ])('%s removes the effect, visibly', (_name, entries, discounted) => {
    expect(check(entries, '2026-06-01')).toEqual({ result: '可以使用', reasons: [], discounted });
  });

  it('a withdrawn 处分 is simply gone', () => {
    expect(check([{ ...warning, status: 'withdrawn' }], '2026-06-01')).toEqual({ result: '可以使用', reasons: [], discounted: [] });
  });

  it('open red warnings delay unless a reason above already carries their evidence; yellow ones do not', () => {
    const boss = tenure('tb', '2024-01-01', null, { isPrincipal: true, title: '县长', domains: ['财务'] });
    const facts = [warning, petition('2026-03-02', '属实'), petition('2026-04-02', '属实')];
    const open = evaluateCadre(cadre(facts, [boss]), S, '2026-06-01').warnings;
    expect(open.map((w) => [w.rule, w.colour])).toEqual([
      ['petition_cluster', 'red'], ['impact_running', 'red'], ['in_charge_violation', 'red'], ['obligation_overdue', 'yellow'],
    ]);
    const r = check(facts, '2026-06-01', open, [boss]);
    expect(r.reasons.map((x) => [x.rule, x.verdict, x.explanation])).toEqual([
      ['影响期内', '不宜', '处于处分或组织处理影响期内：2026-01-10党纪处分·警告（12个月，2027-01-10届满），影响期内不得提拔或进一步使用'],
      ['信访集中', '暂缓', '存在未处置的红色预警：近12个月内有2件信访举报未被查否（2026-03-02、2026-04-02），其中2件属实'],
      ['分管违规', '暂缓', '存在未处置的红色预警：任某县人民政府县长（一把手）直接分管财务，违反一把手不直接分管财务的规定'],
    ]);
    expect(r.reasons[1]?.evidence).toEqual(['xfjb@2026-03-02', 'xfjb@2026-04-02']);
    expect(r.result).toBe('不宜');
    expect(check([], '2026-06-01', open.filter((w) => w.rule === 'petition_cluster')).result).toBe('暂缓');
  });
});
