import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMPACT_SETTINGS, DEFAULT_RULE_SETTINGS, ENTRY_KIND, WARNING_RULES, effectiveEntries, isNegativeEntry, obligationState, ruleName,
  type FactEntry,
} from '../src/index.ts';
import { entry, petition, rcjc, storedEntry } from './rules-fixtures.ts';

describe('默认设置与规则目录', () => {
  it('DEFAULT_RULE_SETTINGS holds the defaults of PRODUCT §5', () => {
    expect(DEFAULT_RULE_SETTINGS).toEqual({
      impact: DEFAULT_IMPACT_SETTINGS, obligationsStartOn: '2026-01-01', disabledRules: [],
      petition: { windowMonths: 12, threshold: 2 }, personalReportMonths: 12, audit: { amountThreshold: 100, months: 24 },
      rectificationDefaultMonths: 2, decisionMonths: 24, travelMonths: 12, multiSource: { count: 3, months: 24 },
      longTenureYears: 10, dueSoonDays: 30, overdueGraceDays: 30, talkDueDays: 30, reviewBottomFraction: 1 / 3,
      notDirectlyInCharge: ['财务', '人事', '工程项目', '物资采购'],
      systematicTrainingTypes: ['党校系统培训', '干部学院系统培训', '一把手能力提升班'], jointMeetingMonths: 6,
      yearEntryDate: { month: 12, day: 31 },
    });
  });
  it.each([
    ['petition_cluster', '信访集中'], ['assessment_low', '考核靠后'], ['personal_report', '个报不实'], ['audit_issue', '审计问题'],
    ['inspection_rectification', '巡察整改'], ['impact_running', '影响期内'], ['in_charge_violation', '分管违规'],
    ['decision_procedure', '决策程序'], ['travel_filing', '报备异常'], ['obligation_overdue', '义务逾期'],
    ['long_tenure', '任职过长'], ['review_low', '评议靠后'], ['multi_source', '多源印证'],
  ])('%s is %s', (code, name) => {
    expect(ruleName(code)).toBe(name);
    const def = WARNING_RULES.find((r) => r.code === code)!;
    expect(def.condition).toMatch(/[\u4e00-\u9fa5]/u);
    expect(def.colours.length).toBeGreaterThan(0);
  });
  it('the catalog has exactly the 13 rules; assessment_low is listed for cadres; an unknown code names itself', () => {
    expect(WARNING_RULES).toHaveLength(13);
    expect(WARNING_RULES.find((r) => r.code === 'assessment_low')?.subject).toBe('cadre');
    expect(ruleName('nope')).toBe('nope');
  });
});

describe('有效事实 effectiveEntries', () => {
  it('keeps accepted entries dated on or before asOf, oldest first; pending, returned, withdrawn and later ones do not count', () => {
    const entries = [
      entry('bzjl', '2026-05-02'), entry('bzjl', '2026-05-01'),
      entry('cfwz', '2026-04-01', {}, { status: 'withdrawn' }), entry('ytjm', '2026-04-02', {}, { status: 'pending' }),
      entry('sfjl', '2026-04-03', {}, { status: 'returned' }), entry('gbcc', '2026-05-03'),
    ];
    const r = effectiveEntries(entries, '2026-05-02');
    expect(r.effective.map((e) => e.id)).toEqual(['bzjl@2026-05-01', 'bzjl@2026-05-02']);
    expect(r.discounted).toEqual([]);
  });

  it.each([
    ['失实', '信访核查结果为失实'],
    ['查无实据', '信访核查结果为查无实据'],
    ['诬告', '信访核查结果为诬告，另行处理诬告者'],
  ])('a petition found %s is discounted: %s', (result, why) => {
    const r = effectiveEntries([petition('2026-03-02', result)], '2026-06-01');
    expect(r.effective).toEqual([]);
    expect(r.discounted).toEqual([{ entryId: 'xfjb@2026-03-02', why }]);
  });

  it.each([['属实'], ['部分属实'], [undefined]])('a petition with result %s still counts', (result) => {
    expect(effectiveEntries([petition('2026-03-02', result)], '2026-06-01').effective).toHaveLength(1);
  });

  it.each([
    ['免责 on or before asOf', rcjc('2026-05-01', 'cfwz@2026-03-01'), '2026-05-01', false],
    ['免责 after asOf (not yet decided)', rcjc('2026-05-01', 'cfwz@2026-03-01'), '2026-04-30', true],
    ['从轻', rcjc('2026-05-01', 'cfwz@2026-03-01', '从轻'), '2026-06-01', true],
    ['不予容错', rcjc('2026-05-01', 'cfwz@2026-03-01', '不予容错'), '2026-06-01', true],
    ['免责 withdrawn', rcjc('2026-05-01', 'cfwz@2026-03-01', '免责', { status: 'withdrawn' }), '2026-06-01', true],
    ['免责 of another entry', rcjc('2026-05-01', 'other'), '2026-06-01', true],
  ])('容错纠错 %s', (_name, decision, asOf, counts) => {
    const target = entry('cfwz', '2026-03-01', { category: '党纪处分', measure: '警告' });
    const r = effectiveEntries([target, decision], asOf);
    expect(r.effective.some((e) => e.id === target.id)).toBe(counts);
    expect(r.discounted).toEqual(counts ? [] : [{ entryId: target.id, why: '容错纠错免责（2026-05-01）' }]);
  });
});

describe('负面信息 isNegativeEntry', () => {
  it.each([
    ['xfjb', { status: '核查中' }, true], ['xfjb', { status: '办结', result: '属实' }, true],
    ['xfjb', { status: '办结', result: '失实' }, false], ['xfjb', { status: '办结', result: '诬告' }, false],
    ['xfjb', { status: '办结', result: '查无实据' }, false],
    ['cfwz', { category: '问责', measure: '通报' }, true], ['ytjm', { form: '谈话提醒' }, true],
    ['sfjl', { category: '治安处罚' }, true], ['xcxc', { round: '第一轮' }, true],
    ['gbcc', { result: '一致' }, false], ['gbcc', { result: '漏报' }, true], ['gbcc', { result: '瞒报' }, true],
    ['jjzrsj', { serious: false, conclusion: '好', findingsCount: 0 }, false],
    ['jjzrsj', { serious: true, conclusion: '好', findingsCount: 0 }, true],
    ['jjzrsj', { serious: false, conclusion: '一般', findingsCount: 0 }, true],
    ['jjzrsj', { serious: false, conclusion: '较好', findingsCount: 2 }, true],
    ['ndkh', { grade: '称职' }, false], ['ndkh', { grade: '基本称职' }, true], ['ndkh', { grade: '较差' }, true],
    ['dflz', { grade: '较好' }, false], ['dflz', { grade: '差' }, true],
    ['szyd', { collective: true, principalSpokeLast: true }, false], ['szyd', { collective: false, principalSpokeLast: true }, true],
    ['szyd', { collective: true, principalSpokeLast: false }, true],
    ['wcbb', { departOn: '2026-04-01', filedOn: '2026-04-01' }, false], ['wcbb', { departOn: '2026-04-01', filedOn: '2026-04-02' }, true],
    ['bzjl', { level: '省级' }, false], ['txth', {}, false], ['sxdt', {}, false], ['ybgpy', { rank: 9, rankOf: 9 }, false],
  ])('%s %j → %s', (kind, details, negative) => {
    expect(isNegativeEntry(storedEntry(kind, '2026-03-01', details))).toBe(negative);
  });
});

describe('义务状态 obligationState', () => {
  it.each([
    ['2026-03-30', null, 'pending'], ['2026-03-31', null, 'pending'], ['2026-04-01', null, 'overdue'],
    ['2026-04-01', '2026-04-01', 'done'], ['2026-03-01', '2026-02-20', 'done'],
  ])('due 2026-03-31, as of %s, done %s → %s', (asOf, doneOn, state) => {
    expect(obligationState({ dueOn: '2026-03-31', doneOn }, asOf)).toBe(state);
  });
});

describe('事实按类别定型 FactEntry', () => {
  it('a details field is read only after narrowing on the kind (tsc checks the @ts-expect-error)', () => {
    const e: FactEntry = petition('2026-03-02', '属实');
    // @ts-expect-error `result` is a field of 信访举报 (and 个报查核), not of every kind
    expect(e.details.result).toBe('属实');
    expect(e.kind === ENTRY_KIND.petition ? e.details.result : null).toBe('属实');
  });
});
