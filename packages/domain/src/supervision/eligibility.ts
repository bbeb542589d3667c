/**
 * 凡提必查 / 任前廉政意见 (PRODUCT §4.13): can the cadre be used as of a day — 可以使用 / 暂缓 / 不宜 — with
 * the reasons and their evidence, and the entries whose effect was set aside (免责, 失实/诬告) and why.
 * Independent of disabledRules: these are conditions of the 选拔任用条例, not configurable warnings.
 */
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { addMonths, impactOf, impactRunning, latestImpact, type Impact } from './impact.ts';
import { ruleName } from './catalog.ts';
import { effectiveEntries } from './facts.ts';
import { day, isKind, latestRecentYearly, str } from './support.ts';
import type { CadreFacts, Eligibility, EligibilityReason, FactEntryOf, RuleSettings, WarningFinding } from './types.ts';

/** The kinds that carry an impact period (处分问责, 约谈诫勉). */
type ImpactEntry = FactEntryOf<typeof ENTRY_KIND.discipline | typeof ENTRY_KIND.admonition>;
interface Running { entry: ImpactEntry; impact: Impact }

function describeImpact({ entry: e, impact }: Running): string {
  const from = e.kind === ENTRY_KIND.discipline ? (day(e.details.decisionDate) ?? e.occurredOn) : e.occurredOn;
  const label = e.kind === ENTRY_KIND.discipline ? `${str(e.details.category)}·${str(e.details.measure)}` : str(e.details.form);
  return `${from}${label}（${impact.months}个月，${impact.until}届满）`;
}

/** 诫勉 (约谈诫勉 with an impact period, or 问责·诫勉) delays; 处分 and 组织处理 bar. */
function isAdmonition(e: ImpactEntry): boolean {
  return e.kind === ENTRY_KIND.admonition || str(e.details.category) === '问责';
}

function impactReason(running: Running[], verdict: '不宜' | '暂缓', rule: string, lead: string, tail: string): EligibilityReason | null {
  if (!running.length) return null;
  const latest = latestImpact(running.map((r) => r.impact))!;
  return {
    rule, verdict, until: latest.until, evidence: running.map((r) => r.entry.id),
    explanation: `${lead}：${running.map(describeImpact).join('；')}${running.length > 1 ? `（取最晚届满日${latest.until}）` : ''}，${tail}`,
  };
}

export function eligibility(
  f: CadreFacts, s: RuleSettings, asOf: string,
  openWarnings: ReadonlyArray<Pick<WarningFinding, 'rule' | 'colour' | 'explanation' | 'evidence' | 'until'>>,
): Eligibility {
  const { effective, discounted } = effectiveEntries(f.entries, asOf);
  const barred: EligibilityReason[] = [];
  const delayed: EligibilityReason[] = [];

  const punishments: Running[] = [];
  const admonitions: Running[] = [];
  for (const e of effective) {
    if (e.kind !== ENTRY_KIND.discipline && e.kind !== ENTRY_KIND.admonition) continue;
    const impact = impactOf(e, s.impact);
    if (!impact || !impactRunning(impact, asOf)) continue;
    (isAdmonition(e) ? admonitions : punishments).push({ entry: e, impact });
  }
  const punished = impactReason(punishments, '不宜', '影响期内', '处于处分或组织处理影响期内', '影响期内不得提拔或进一步使用');
  if (punished) barred.push(punished);
  const onlyAdmonitions = admonitions.every((r) => r.entry.kind === ENTRY_KIND.discipline || str(r.entry.details.form) === '诫勉');
  const admonished = impactReason(admonitions, '暂缓', '诫勉影响期内', onlyAdmonitions ? '处于诫勉影响期内' : '处于诫勉或约谈函询等影响期内',
    onlyAdmonitions ? '诫勉影响期内不得列为考察对象' : '影响期内不得列为考察对象');
  if (admonished) delayed.push(admonished);

  for (const e of effective) {
    if (e.kind !== ENTRY_KIND.personalReportCheck) continue;
    const result = str(e.details.result);
    if (result !== '瞒报' && result !== '漏报') continue;
    const until = addMonths(e.occurredOn, s.personalReportMonths);
    if (asOf >= until) continue;
    const items = str(e.details.items);
    const what = `${e.occurredOn}个人有关事项报告查核结果为${result}${items ? `（${items}）` : ''}`;
    if (result === '瞒报') barred.push({ rule: '个报瞒报', verdict: '不宜', explanation: `${what}，有意瞒报的不得提拔`, until, evidence: [e.id] });
    else delayed.push({ rule: '个报漏报', verdict: '暂缓', explanation: `${what}，查核结果处理期内暂缓使用`, until, evidence: [e.id] });
  }

  const assessment = latestRecentYearly(effective, ENTRY_KIND.annualAssessment, asOf);
  const grade = assessment ? str(assessment.entry.details.grade) : '';
  if (assessment && (grade === '不称职' || grade === '基本称职')) {
    const reason: EligibilityReason = {
      rule: `年度考核${grade}`, verdict: grade === '不称职' ? '不宜' : '暂缓',
      explanation: `${assessment.year}年度综合考核评定为“${grade}”`, until: `${assessment.year + 2}-01-01`, evidence: [assessment.entry.id],
    };
    (grade === '不称职' ? barred : delayed).push(reason);
  }

  const pending = effective.filter((e) => isKind(e, ENTRY_KIND.petition)).filter((e) => str(e.details.status) !== '办结');
  if (pending.length) {
    delayed.push({
      rule: '信访举报核查中', verdict: '暂缓', until: null, evidence: pending.map((e) => e.id),
      explanation: `信访举报核查中：${pending.length}件信访举报尚未办结（${pending.map((e) => `${e.occurredOn}${str(e.details.status) || '受理'}`).join('、')}）`,
    });
  }

  const covered = new Set([...barred, ...delayed].flatMap((r) => r.evidence));
  for (const w of openWarnings) {
    if (w.colour !== 'red') continue;
    if (w.evidence.length > 0 && w.evidence.every((id) => covered.has(id))) continue;
    delayed.push({ rule: ruleName(w.rule), verdict: '暂缓', explanation: `存在未处置的红色预警：${w.explanation}`, until: w.until, evidence: [...w.evidence] });
  }

  const reasons = [...barred, ...delayed];
  return { result: barred.length ? '不宜' : delayed.length ? '暂缓' : '可以使用', reasons, discounted };
}
