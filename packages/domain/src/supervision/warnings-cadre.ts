/**
 * Warning rules whose subject is a cadre (PRODUCT §5): 信访集中、个报不实、影响期内、分管违规、报备异常、
 * 任职过长、多源印证. Each reads a RuleContext (effective entries only) and adds the days its result may
 * change on to ctx.horizon.
 */
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { domainChangeDaysAfter, domainsInForce, domainsOn } from './domains.ts';
import { addMonths, impactOf, impactRunning } from './impact.ts';
import { isLateFiling, isNegativeEntry } from './facts.ts';
import {
  daysBetween, datesOf, day, deptName, finding, inWindow, isCurrent, isKind, kindName, num, str, type RuleContext,
} from './support.ts';
import type { FactEntry, WarningFinding } from './types.ts';

/**
 * The day a set of window members stops meeting `enough` as they leave one by one (oldest first), each on
 * addMonths(day, months); null when it never meets it now.
 */
function dissolvesOn(members: readonly FactEntry[], months: number, enough: (rest: readonly FactEntry[]) => boolean): string | null {
  if (!enough(members)) return null;
  for (let i = 0; i < members.length; i++) {
    const leaves = addMonths(members[i]!.occurredOn, months);
    const next = members[i + 1];
    if (next && addMonths(next.occurredOn, months) === leaves) continue; // leaves the same day
    if (!enough(members.slice(i + 1))) return leaves;
  }
  return null;
}

/** 信访集中: ≥ threshold uncleared petitions within the window; any 属实 → red. */
export function petitionCluster(ctx: RuleContext): WarningFinding[] {
  const { windowMonths, threshold } = ctx.s.petition;
  const inWin = ctx.entries.filter((e) => isKind(e, ENTRY_KIND.petition)).filter((e) => inWindow(e.occurredOn, windowMonths, ctx.asOf));
  const need = Math.max(1, threshold);
  if (inWin.length < need) return []; // entries leaving cannot raise it
  for (const e of inWin) ctx.horizon.at(addMonths(e.occurredOn, windowMonths));
  const substantiated = inWin.filter((e) => str(e.details.result) === '属实').length;
  const partly = inWin.filter((e) => str(e.details.result) === '部分属实').length;
  const open = inWin.filter((e) => str(e.details.status) !== '办结').length;
  const parts = [
    substantiated ? `${substantiated}件属实` : '', partly ? `${partly}件部分属实` : '', open ? `${open}件尚在核查` : '',
  ].filter(Boolean);
  const explanation = `近${windowMonths}个月内有${inWin.length}件信访举报未被查否（${datesOf(inWin)}）${parts.length ? `，其中${parts.join('、')}` : ''}`;
  const until = dissolvesOn(inWin, windowMonths, (rest) => rest.length >= need);
  return [finding(ctx, 'petition_cluster', substantiated ? 'red' : 'yellow', inWin[0]!.id, inWin.map((e) => e.id), explanation, until)];
}

/** 个报不实: 漏报 → yellow, 瞒报 → red, for personalReportMonths after the check. */
export function personalReport(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  for (const e of ctx.entries) {
    if (e.kind !== ENTRY_KIND.personalReportCheck) continue;
    const result = str(e.details.result);
    if (result !== '漏报' && result !== '瞒报') continue;
    const end = addMonths(e.occurredOn, ctx.s.personalReportMonths);
    ctx.horizon.at(end);
    if (ctx.asOf >= end) continue;
    const year = num(e.details.year);
    const items = str(e.details.items);
    const handling = str(e.details.handling);
    const what = [year !== null ? `${year}年度` : '', str(e.details.checkType)].filter(Boolean).join('，');
    const explanation = `${e.occurredOn}个人有关事项报告查核${what ? `（${what}）` : ''}结果为${result}${items ? `：${items}` : ''}`
      + `${handling ? `；处理方式：${handling}` : ''}`;
    out.push(finding(ctx, 'personal_report', result === '瞒报' ? 'red' : 'yellow', e.id, [e.id], explanation, end));
  }
  return out;
}

/** 影响期内: 政务处分/党纪处分 running → red; 组织处理 and 诫勉 (or an entered impact period) running → yellow. */
export function impactRunningRule(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  for (const e of ctx.entries) {
    if (e.kind !== ENTRY_KIND.discipline && e.kind !== ENTRY_KIND.admonition) continue;
    const impact = impactOf(e, ctx.s.impact);
    if (!impact) continue;
    ctx.horizon.at(impact.until);
    if (!impactRunning(impact, ctx.asOf)) continue;
    let explanation: string;
    let red = false;
    if (e.kind === ENTRY_KIND.discipline) {
      const category = str(e.details.category);
      red = category === '政务处分' || category === '党纪处分';
      const from = day(e.details.decisionDate) ?? e.occurredOn;
      explanation = `${from}决定给予${category}·${str(e.details.measure)}`;
    } else {
      const reason = str(e.details.reason) ? `，事由：${str(e.details.reason)}` : '';
      explanation = `${e.occurredOn}受到${str(e.details.form)}${reason}`;
    }
    explanation += `，影响期${impact.months}个月，至${impact.until}届满`;
    out.push(finding(ctx, 'impact_running', red ? 'red' : 'yellow', e.id, [e.id], explanation, impact.until));
  }
  return out;
}

/**
 * 分管违规: a current 一把手 tenure that directly holds a 不直接分管 domain under the 分工 in force on asOf
 * (a 分工调整 counts from its day); it lasts until the tenure ends or a later 分工调整 drops every such domain.
 */
export function inChargeViolation(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  const forbidden = (domains: readonly string[]) => domains.filter((d) => ctx.s.notDirectlyInCharge.includes(d));
  for (const t of ctx.tenures) {
    if (!t.isPrincipal) continue;
    ctx.horizon.at(t.endDate);
    const changeDays = domainChangeDaysAfter(t, ctx.asOf);
    for (const d of changeDays) ctx.horizon.at(d);
    if (!isCurrent(t, ctx.asOf)) continue;
    const { domains, since } = domainsOn(t, ctx.asOf);
    const held = forbidden(domains);
    if (!held.length) continue;
    const dropped = changeDays.find((d) => forbidden(domainsInForce(t, d)).length === 0) ?? null;
    const until = dropped !== null && (t.endDate === null || dropped < t.endDate) ? dropped : t.endDate;
    const list = held.join('、');
    const explanation = since
      ? `任${t.teamName}${t.title}（一把手），自${since}分工调整起直接分管${list}，违反一把手不直接分管${list}的规定`
      : `任${t.teamName}${t.title}（一把手）直接分管${list}，违反一把手不直接分管${list}的规定`;
    out.push(finding(ctx, 'in_charge_violation', 'red', t.id, [], explanation, until));
  }
  return out;
}

/** 报备异常: a 外出报备 filed after the departure day, within travelMonths. */
export function travelFiling(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  for (const e of ctx.entries) {
    if (e.kind !== ENTRY_KIND.travelReport || !isLateFiling(e)) continue;
    const end = addMonths(e.occurredOn, ctx.s.travelMonths);
    ctx.horizon.at(end);
    if (ctx.asOf >= end) continue;
    const depart = day(e.details.departOn)!;
    const filed = day(e.details.filedOn)!;
    const where = [str(e.details.destination) && `赴${str(e.details.destination)}`, str(e.details.reason) && `事由：${str(e.details.reason)}`]
      .filter(Boolean).join('，');
    const explanation = `${depart}外出${where ? `（${where}）` : ''}，${filed}才报备，晚于离开日期${daysBetween(depart, filed)}天`;
    out.push(finding(ctx, 'travel_filing', 'yellow', e.id, [e.id], explanation, end));
  }
  return out;
}

/** 任职过长: a current tenure held for longTenureYears or more. */
export function longTenure(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  const years = ctx.s.longTenureYears;
  for (const t of ctx.tenures) {
    ctx.horizon.at(t.endDate);
    if (!isCurrent(t, ctx.asOf)) continue;
    const reached = addMonths(t.startDate, 12 * years);
    ctx.horizon.at(reached);
    if (reached > ctx.asOf) continue;
    let full = years;
    while (addMonths(t.startDate, 12 * (full + 1)) <= ctx.asOf) full++;
    ctx.horizon.at(addMonths(t.startDate, 12 * (full + 1))); // the explanation counts whole years
    const explanation = `自${t.startDate}起任${t.teamName}${t.title}，已满${full}年（任职满${years}年提醒）`;
    out.push(finding(ctx, 'long_tenure', 'blue', t.id, [], explanation, t.endDate));
  }
  return out;
}

/** 多源印证: negative entries from ≥ multiSource.count distinct departments within multiSource.months. */
export function multiSource(ctx: RuleContext): WarningFinding[] {
  const { count, months } = ctx.s.multiSource;
  const inWin = ctx.entries.filter((e) => isNegativeEntry(e) && inWindow(e.occurredOn, months, ctx.asOf));
  const need = Math.max(1, count);
  const distinct = (es: readonly FactEntry[]) => new Set(es.map((e) => e.sourceDept)).size;
  if (distinct(inWin) < need) return []; // entries leaving cannot raise it
  for (const e of inWin) ctx.horizon.at(addMonths(e.occurredOn, months));
  const byDept = new Map<string, FactEntry[]>();
  for (const e of inWin) byDept.set(e.sourceDept, [...(byDept.get(e.sourceDept) ?? []), e]);
  const sources = [...byDept].map(([dept, es]) => `${deptName(dept)}（${es.map((e) => `${kindName(e.kind)}${e.occurredOn}`).join('、')}）`);
  const explanation = `近${months}个月内有${byDept.size}个不同部门报送的负面信息相互印证：${sources.join('；')}`;
  const until = dissolvesOn(inWin, months, (rest) => distinct(rest) >= need);
  return [finding(ctx, 'multi_source', 'red', inWin[0]!.id, inWin.map((e) => e.id), explanation, until)];
}
