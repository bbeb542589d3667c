import { describe, expect, it } from 'vitest';
import {
  evaluateCadre, evaluateConvener, evaluateTeam, obligationState, type ConvenerFacts, type ObligationFinding, type RuleSettings,
} from '../src/index.ts';
import { S, cadre, entry, ofRule, petition, rcjc, settings, team, tenure } from './rules-fixtures.ts';

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
function previousDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** What the server stores: the findings, the obligations with their state that day, and nextReview. */
function snapshot(r: { warnings?: unknown; obligations: readonly ObligationFinding[]; nextReview: string | null }, asOf: string) {
  return { ...r, states: r.obligations.map((o) => obligationState(o, asOf)) };
}

/**
 * Evaluates every day from `from` to `to`: between asOf and its nextReview the result must not change
 * (nextReview is never late); returns how many reviews found nothing new (nextReview merely early).
 */
function sweep(evaluate: (asOf: string) => ReturnType<typeof snapshot>, from: string, to: string): { reviews: number; idle: number } {
  let prev = evaluate(from);
  let reviews = 0;
  let idle = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) {
    const cur = evaluate(d);
    if (prev.nextReview !== null) expect(prev.nextReview > previousDay(d)).toBe(true);
    if (prev.nextReview === null || d < prev.nextReview) {
      expect(cur, `nothing may change on ${d} before the review day ${prev.nextReview}`).toEqual(prev);
    } else {
      reviews++;
      if (JSON.stringify({ ...cur, nextReview: null }) === JSON.stringify({ ...prev, nextReview: null })) idle++;
    }
    prev = cur;
  }
  return { reviews, idle };
}

const cadreFacts = cadre([
  entry('cfwz', '2025-08-31', { category: '组织处理', measure: '调离岗位' }, { id: 'org' }),
  petition('2026-02-10', '属实', { id: 'p1' }), petition('2026-08-15', undefined, { id: 'p2' }), petition('2027-01-20', '部分属实', { id: 'p3' }),
  petition('2026-09-01', '失实', { id: 'p-false' }),
  entry('ndkh', '2026-01-25', { year: 2025, grade: '基本称职' }), entry('ndkh', '2027-01-25', { year: 2026, grade: '称职' }),
  entry('ybgpy', '2026-01-15', { year: 2025, satisfactionRate: 70, rank: 9, rankOf: 9 }),
  entry('ybgpy', '2027-01-15', { year: 2026, satisfactionRate: 72, rank: 8, rankOf: 9 }),
  entry('jjzrsj', '2026-02-28', { auditType: '任中审计', periodFrom: '2023-01-01', periodTo: '2025-12-31', findingsCount: 4, conclusion: '一般', serious: true,
    rectificationDeadline: '2026-08-31', rectificationStatus: '整改中' }),
  entry('gbcc', '2026-03-31', { year: 2025, checkType: '随机抽查', result: '漏报' }),
  entry('cfwz', '2026-05-20', { category: '党纪处分', measure: '警告' }, { id: 'party' }),
  entry('txth', '2026-05-15', { talker: '李四', form: '个别谈话', trigger: '工作变动', points: '要点' }),
  entry('ytjm', '2026-06-30', { form: '诫勉', reason: '履职不力' }),
  entry('wcbb', '2026-07-01', { departOn: '2026-07-01', returnOn: '2026-07-03', destination: '省城', reason: '开会', filedOn: '2026-07-02' }),
  rcjc('2026-10-01', 'party'),
  entry('xcxc', '2026-10-31', { round: '第四轮巡察', problemCategories: ['整改不到位'], rectificationStatus: '未整改' }),
  entry('sxdt', '2026-11-11', { situation: '工作压力大' }),
  entry('jypx', '2027-03-10', { institution: '省委党校', trainingType: '党校系统培训', from: '2027-03-01', to: '2027-03-10', hours: 60 }),
  entry('sfjl', '2028-06-01', { category: '涉诉案件' }),
], [
  tenure('t0', '2015-05-01', '2026-04-30', { title: '副县长', domains: ['教育'] }),
  tenure('t1', '2026-04-30', null, {
    title: '县长', isPrincipal: true, domains: ['财务', '审计'],
    domainChanges: [{ from: '2027-08-01', domains: ['审计'] }, { from: '2028-03-01', domains: ['审计', '人事'] }],
  }),
]);

const teamFacts = team([
  entry('ndkh', '2026-01-25', { year: 2025, grade: '一般' }),
  entry('szyd', '2026-03-05', { matterType: '大额资金使用', meeting: '党组会', collective: false, principalSpokeLast: true, amount: 300 }),
  entry('szyd', '2026-09-30', { matterType: '重大事项决策', meeting: '党组会', collective: true, principalSpokeLast: false }),
  entry('xcxc', '2026-04-30', { round: '第三轮巡察', problemCategories: ['整改不到位'], rectificationDeadline: '2026-07-31', rectificationStatus: '整改中' }),
  entry('ybgpy', '2027-01-10', { year: 2026, satisfactionRate: 80, rank: 10, rankOf: 12 }),
  entry('dcyj', '2026-06-01', { researchType: '全覆盖综合调研' }),
  entry('jjzrsj', '2026-05-31', { auditType: '任中审计', periodFrom: '2023-01-01', periodTo: '2025-12-31', findingsCount: 1, amount: 150, conclusion: '较好',
    serious: false, rectificationDeadline: '2026-11-30', rectificationStatus: '未整改' }),
], [tenure('m1', '2020-03-01', '2027-06-30'), tenure('m2', '2027-02-01')]);

const convenerFacts: ConvenerFacts = { convener: { id: 'zzb', name: '县委组织部' }, meetings: [{ id: 'm1', heldOn: '2026-03-05' }, { id: 'm2', heldOn: '2027-09-01' }] };

describe('下次复核日 nextReview', () => {
  it.each([
    ['default settings', S],
    ['short windows and a late start', settings({ obligationsStartOn: '2026-05-15', petition: { windowMonths: 3, threshold: 2 }, dueSoonDays: 7, multiSource: { count: 2, months: 6 } })],
    ['some rules disabled', settings({ disabledRules: ['obligation_overdue', 'impact_running', 'multi_source'] })],
  ])('a cadre, day by day from 2025-11-01 to 2028-12-31 (%s): never late', (_name, s: RuleSettings) => {
    const r = sweep((asOf) => snapshot(evaluateCadre(cadreFacts, s, asOf), asOf), '2025-11-01', '2028-12-31');
    expect(r.reviews).toBeGreaterThan(20);
    expect(r.idle).toBeLessThanOrEqual(r.reviews / 2);
  });

  it('a team, day by day: never late', () => {
    const r = sweep((asOf) => snapshot(evaluateTeam(teamFacts, S, asOf), asOf), '2025-11-01', '2028-12-31');
    expect(r.reviews).toBeGreaterThan(10);
  });

  it('a convener, day by day: never late, and every review finds something', () => {
    const r = sweep((asOf) => snapshot(evaluateConvener(convenerFacts, S, asOf), asOf), '2025-06-01', '2028-12-31');
    expect(r).toEqual({ reviews: 8, idle: 0 });
  });

  it('the day before nextReview gives the same result; nextReview itself a different one (petitions and the talk they ask for)', () => {
    const facts = cadre([petition('2026-03-02', '属实'), petition('2026-07-15')]);
    const at = (d: string) => evaluateCadre(facts, S, d);
    expect(at('2026-08-01').nextReview).toBe('2026-08-15');
    expect(at('2026-08-14')).toEqual(at('2026-08-01'));
    // The second talk is overdue from 2026-08-15 (a 待办), a 义务逾期 once past the grace of 30 days.
    expect(at('2026-08-15').nextReview).toBe('2026-09-14');
    expect(at('2026-09-13')).toEqual(at('2026-08-15'));
    expect(ofRule(at('2026-09-13').warnings, 'obligation_overdue').map((w) => w.colour)).toEqual(['yellow']);
    expect(ofRule(at('2026-09-14').warnings, 'obligation_overdue').map((w) => w.colour)).toEqual(['yellow', 'yellow']);
    expect(at('2026-09-14').nextReview).toBe('2027-03-02');
    expect(at('2027-03-01').warnings).toEqual(at('2026-09-14').warnings);
    expect(ofRule(at('2027-03-02').warnings, 'petition_cluster')).toEqual([]);
    expect(at('2027-03-02').nextReview).toBeNull(); // one petition left: time alone changes nothing more
  });

  it.each([
    ['nothing at all', cadre([]), '2026-06-01', null],
    ['a deputy nearing 10 years', cadre([], [tenure('t', '2016-03-01')]), '2026-02-01', '2026-03-01'],
    ['a deputy past 10 years (the explanation counts years)', cadre([], [tenure('t', '2016-03-01')]), '2026-03-01', '2027-03-01'],
    ['a 一把手 before the start of obligations', cadre([], [tenure('t', '2016-03-01', null, { isPrincipal: true })]), '2025-06-01', '2026-01-01'],
    ['a 一把手, training pending', cadre([], [tenure('t', '2020-03-01', null, { isPrincipal: true })]), '2026-06-01', '2027-01-01'],
    ['a 一把手, training done', cadre([entry('jypx', '2026-05-01', { trainingType: '一把手能力提升班' })], [tenure('t', '2020-03-01', null, { isPrincipal: true })]),
      '2026-06-01', '2027-01-01'],
    ['an entry dated later', cadre([entry('bzjl', '2026-09-09', { level: '省级' })]), '2026-06-01', '2026-09-09'],
    ['a 免责 decided later', cadre([entry('cfwz', '2026-01-10', { category: '党纪处分', measure: '警告' }, { id: 'x' }), rcjc('2026-09-09', 'x')]), '2026-06-01', '2026-09-09'],
    ['a tenure ending later', cadre([], [tenure('t', '2020-01-01', '2026-10-01')]), '2026-06-01', '2026-10-01'],
  ])('%s', (_name, facts, asOf, next) => {
    const r = evaluateCadre(facts, S, asOf);
    expect(r.nextReview).toBe(next);
    if (next) expect(evaluateCadre(facts, S, previousDay(next))).toEqual(r);
  });
});
