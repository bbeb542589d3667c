/**
 * Warning rules evaluated for cadres and teams alike (PRODUCT §5): 考核靠后、审计问题、巡察整改、评议靠后、
 * 义务逾期, and the team's 决策程序.
 */
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { addMonths } from './impact.ts';
import { obligationState } from './obligations.ts';
import {
  addDays, byDateThenId, day, finding, fractionText, isKind, latestRecentYearly, num, str, type RuleContext,
} from './support.ts';
import type { Colour, FactEntryOf, ObligationFinding, WarningFinding } from './types.ts';

const ASSESSMENT_COLOUR: Readonly<Record<string, Colour>> = { 基本称职: 'yellow', 不称职: 'red', 一般: 'yellow', 较差: 'red' };

/** 考核靠后: the latest 年度综合考核 of last year or this year. */
export function assessmentLow(ctx: RuleContext): WarningFinding[] {
  const latest = latestRecentYearly(ctx.entries, ENTRY_KIND.annualAssessment, ctx.asOf);
  if (!latest) return [];
  const grade = str(latest.entry.details.grade);
  const colour = Object.hasOwn(ASSESSMENT_COLOUR, grade) ? ASSESSMENT_COLOUR[grade]! : null;
  if (!colour) return [];
  const until = `${latest.year + 2}-01-01`;
  ctx.horizon.at(until);
  const who = ctx.subjectType === 'team' ? '领导班子' : '';
  const explanation = `${latest.year}年度${who}综合考核评定为“${grade}”`;
  return [finding(ctx, 'assessment_low', colour, latest.entry.id, [latest.entry.id], explanation, until)];
}

/** 审计问题: serious or ≥ threshold → red for audit.months; rectification past its deadline → yellow. */
export function auditIssue(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  const { amountThreshold, months } = ctx.s.audit;
  for (const e of ctx.entries) {
    if (e.kind !== ENTRY_KIND.economicAudit) continue;
    const d = e.details;
    const amount = num(d.amount);
    const serious = d.serious === true;
    const large = amount !== null && amount >= amountThreshold;
    const audit = `${e.occurredOn}${str(d.auditType) || '经济责任审计'}`
      + (day(d.periodFrom) && day(d.periodTo) ? `（审计期间${str(d.periodFrom)}至${str(d.periodTo)}）` : '');
    if (serious || large) {
      const end = addMonths(e.occurredOn, months);
      ctx.horizon.at(end);
      if (ctx.asOf < end) {
        const why = [serious ? '存在严重问题' : '', large ? `问题金额${amount}万元（达到${amountThreshold}万元）` : ''].filter(Boolean).join('，');
        const findings = num(d.findingsCount);
        const extra = [findings !== null ? `发现问题${findings}个` : '', str(d.conclusion) ? `审计评价“${str(d.conclusion)}”` : ''].filter(Boolean).join('，');
        out.push(finding(ctx, 'audit_issue', 'red', e.id, [e.id], `${audit}${why}${extra ? `；${extra}` : ''}`, end));
      }
    }
    const deadline = day(d.rectificationDeadline);
    const status = str(d.rectificationStatus) || '未整改';
    if (deadline && status !== '已整改') {
      ctx.horizon.at(addDays(deadline, 1));
      if (ctx.asOf > deadline) {
        out.push(finding(ctx, 'audit_issue', 'yellow', `rect:${e.id}`, [e.id], `${audit}发现问题的整改期限为${deadline}，逾期仍${status}`, null));
      }
    }
  }
  return out;
}

/** 巡察整改: a 巡视巡察 finding not rectified by its deadline (default: rectificationDefaultMonths after it). */
export function inspectionRectification(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  for (const e of ctx.entries) {
    if (e.kind !== ENTRY_KIND.inspection) continue;
    const status = str(e.details.rectificationStatus) || '未整改';
    if (status === '已整改') continue;
    const given = day(e.details.rectificationDeadline);
    const deadline = given ?? addMonths(e.occurredOn, ctx.s.rectificationDefaultMonths);
    ctx.horizon.at(addDays(deadline, 1));
    if (ctx.asOf <= deadline) continue;
    const categories = Array.isArray(e.details.problemCategories) ? e.details.problemCategories.map(str).filter(Boolean) : [];
    const round = str(e.details.round);
    const explanation = `${e.occurredOn}${round ? `${round}` : '巡视巡察'}反馈的问题${categories.length ? `（${categories.join('、')}）` : ''}`
      + `整改期限为${deadline}${given ? '' : `（未填写，按反馈后${ctx.s.rectificationDefaultMonths}个月计）`}，逾期仍${status}`;
    out.push(finding(ctx, 'inspection_rectification', 'yellow', e.id, [e.id], explanation, null));
  }
  return out;
}

function reviewRank(e: FactEntryOf<typeof ENTRY_KIND.selectionReview>, fraction: number): { rank: number; of: number; bottom: boolean } | null {
  const rank = num(e.details.rank);
  const of = num(e.details.rankOf);
  if (rank === null || of === null || of <= 0) return null;
  return { rank, of, bottom: rank > of * (1 - fraction) + 1e-9 };
}

/** 评议靠后: the latest 一报告两评议 (last year or this year) in the bottom fraction; also the year before → red. */
export function reviewLow(ctx: RuleContext): WarningFinding[] {
  const latest = latestRecentYearly(ctx.entries, ENTRY_KIND.selectionReview, ctx.asOf);
  if (!latest) return [];
  const f = ctx.s.reviewBottomFraction;
  const now = reviewRank(latest.entry, f);
  if (!now?.bottom) return [];
  const until = `${latest.year + 2}-01-01`;
  ctx.horizon.at(until);
  const previous = ctx.entries.filter((e) => isKind(e, ENTRY_KIND.selectionReview)).filter((e) => num(e.details.year) === latest.year - 1)
    .sort(byDateThenId).at(-1);
  const before = previous ? reviewRank(previous, f) : null;
  const twice = !!previous && !!before?.bottom;
  const rate = num(latest.entry.details.satisfactionRate);
  let explanation = `${latest.year}年度一报告两评议同类排名第${now.rank}/${now.of}，位于后${fractionText(f)}`
    + (rate !== null ? `（选人用人满意率${rate}%）` : '');
  if (twice) explanation += `；${latest.year - 1}年度排名第${before.rank}/${before.of}，连续两年靠后`;
  const evidence = twice ? [previous.id, latest.entry.id] : [latest.entry.id];
  return [finding(ctx, 'review_low', twice ? 'red' : 'yellow', latest.entry.id, evidence, explanation, until)];
}

/** 决策程序: a 三重一大 decision within decisionMonths not taken collectively (red) or without 末位表态 (yellow). */
export function decisionProcedure(ctx: RuleContext): WarningFinding[] {
  const out: WarningFinding[] = [];
  for (const e of ctx.entries) {
    if (e.kind !== ENTRY_KIND.majorDecision) continue;
    const notCollective = e.details.collective === false;
    const notLast = e.details.principalSpokeLast === false;
    if (!notCollective && !notLast) continue;
    const end = addMonths(e.occurredOn, ctx.s.decisionMonths);
    ctx.horizon.at(end);
    if (ctx.asOf >= end) continue;
    const amount = num(e.details.amount);
    const matter = str(e.details.matterType) || '三重一大';
    const meeting = str(e.details.meeting);
    const faults = [notCollective ? '未经集体讨论决定' : '', notLast ? '一把手未末位表态' : ''].filter(Boolean).join('，');
    const explanation = `${e.occurredOn}${meeting ? `${meeting}` : ''}研究${matter}事项${amount !== null ? `（金额${amount}万元）` : ''}，${faults}`;
    out.push(finding(ctx, 'decision_procedure', notCollective ? 'red' : 'yellow', e.id, [e.id], explanation, end));
  }
  return out;
}

/**
 * 义务逾期: the subject's own obligations overdue by more than overdueGraceDays → yellow. Before that (and
 * while due soon) an obligation is a 待办, not a warning.
 */
export function obligationOverdue(ctx: RuleContext, obligations: readonly ObligationFinding[]): WarningFinding[] {
  const out: WarningFinding[] = [];
  const grace = Math.max(0, Math.floor(ctx.s.overdueGraceDays ?? 0));
  for (const o of obligations) {
    if (obligationState(o, ctx.asOf) === 'done') continue;
    const from = addDays(o.dueOn, grace + 1);
    ctx.horizon.at(from);
    if (ctx.asOf < from) continue;
    out.push(finding(ctx, 'obligation_overdue', 'yellow', `${o.type}:${o.key}`, [...o.evidence],
      `${o.title}：已于${o.dueOn}到期，逾期超过${grace}日尚未完成`, null));
  }
  return out;
}
