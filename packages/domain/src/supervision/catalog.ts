/** The rules engine's default settings and its catalog of warning rules (PRODUCT §5). */
import { DEFAULT_IMPACT_SETTINGS } from './impact.ts';
import type { Colour, RuleSettings } from './types.ts';

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  impact: DEFAULT_IMPACT_SETTINGS,
  obligationsStartOn: '2026-01-01',
  disabledRules: [],
  petition: { windowMonths: 12, threshold: 2 },
  personalReportMonths: 12,
  audit: { amountThreshold: 100, months: 24 },
  rectificationDefaultMonths: 2,
  decisionMonths: 24,
  travelMonths: 12,
  multiSource: { count: 3, months: 24 },
  longTenureYears: 10,
  dueSoonDays: 30,
  overdueGraceDays: 30,
  talkDueDays: 30,
  reviewBottomFraction: 1 / 3,
  notDirectlyInCharge: ['财务', '人事', '工程项目', '物资采购'],
  systematicTrainingTypes: ['党校系统培训', '干部学院系统培训', '一把手能力提升班'],
  jointMeetingMonths: 6,
  yearEntryDate: { month: 12, day: 31 },
};

export interface WarningRuleDef {
  code: string;
  name: string;
  /** The main subject; 考核靠后、审计问题、巡察整改、评议靠后 and 义务逾期 are evaluated for teams too. */
  subject: 'cadre' | 'team';
  /** The condition in Chinese, with the default thresholds. */
  condition: string;
  colours: Colour[];
  /** The follow-ups the rule suggests in its 处置 (其他 is always offered beside them). */
  followups: FollowupAction[];
}

/** A warning's follow-up (处置): 谈话提醒 / 函询 / 诫勉 / 转联席会议 / 其他 (`warning_followup.action`). */
export const FOLLOWUP_ACTIONS = ['talk', 'inquiry', 'admonish', 'meeting', 'other'] as const;
export type FollowupAction = (typeof FOLLOWUP_ACTIONS)[number];
export const FOLLOWUP_NAMES: Record<FollowupAction, string> = {
  talk: '谈话提醒', inquiry: '函询', admonish: '诫勉', meeting: '转联席会议', other: '其他',
};
/** 函询 and 诫勉 are recorded as a 约谈诫勉 entry (kind ytjm) of that 方式 (`details.form`). */
export const FOLLOWUP_ENTRY_FORM: Partial<Record<FollowupAction, string>> = { inquiry: '函询', admonish: '诫勉' };

export const WARNING_RULES: ReadonlyArray<WarningRuleDef> = [
  { code: 'petition_cluster', name: '信访集中', subject: 'cadre', colours: ['yellow', 'red'], followups: ['talk', 'inquiry'],
    condition: '统计期（默认12个月）内未被查否（失实、查无实据、诬告除外）的信访举报达到阈值（默认2件）→ 黄；其中有属实的 → 红' },
  { code: 'assessment_low', name: '考核靠后', subject: 'cadre', colours: ['yellow', 'red'], followups: ['talk', 'meeting'],
    condition: '最近一次（上年度或本年度）年度综合考核：干部基本称职 → 黄，不称职 → 红；班子一般 → 黄，较差 → 红' },
  { code: 'personal_report', name: '个报不实', subject: 'cadre', colours: ['yellow', 'red'], followups: ['talk', 'admonish'],
    condition: '个人有关事项报告查核结果为漏报 → 黄，瞒报 → 红，自查核起计（默认12个月）' },
  { code: 'audit_issue', name: '审计问题', subject: 'cadre', colours: ['red', 'yellow'], followups: ['talk', 'inquiry', 'meeting'],
    condition: '经济责任审计存在严重问题或问题金额达到阈值（默认100万元）→ 红（默认24个月）；整改逾期 → 黄' },
  { code: 'inspection_rectification', name: '巡察整改', subject: 'team', colours: ['yellow'], followups: ['talk', 'inquiry', 'meeting'],
    condition: '巡视巡察反馈问题超过整改期限（未填写的默认反馈后2个月）仍未整改完成 → 黄' },
  { code: 'impact_running', name: '影响期内', subject: 'cadre', colours: ['red', 'yellow'], followups: ['talk'],
    condition: '政务处分、党纪处分影响期内 → 红；组织处理、诫勉影响期内 → 黄' },
  { code: 'in_charge_violation', name: '分管违规', subject: 'cadre', colours: ['red'], followups: ['talk', 'admonish', 'meeting'],
    condition: '一把手直接分管不直接分管领域（默认财务、人事、工程项目、物资采购）→ 红' },
  { code: 'decision_procedure', name: '决策程序', subject: 'team', colours: ['red', 'yellow'], followups: ['talk', 'admonish', 'meeting'],
    condition: '三重一大事项未经集体决策 → 红；一把手未末位表态 → 黄（默认24个月内）' },
  { code: 'travel_filing', name: '报备异常', subject: 'cadre', colours: ['yellow'], followups: ['talk'],
    condition: '外出报备晚于离开日期 → 黄（默认12个月内）' },
  { code: 'obligation_overdue', name: '义务逾期', subject: 'cadre', colours: ['yellow'], followups: ['talk'],
    condition: '谈心谈话、系统培训、调研、联席会议督办事项等义务逾期超过宽限期（默认30日）仍未完成 → 黄；宽限期内和即将到期的只在待办中提示' },
  { code: 'long_tenure', name: '任职过长', subject: 'cadre', colours: ['blue'], followups: ['meeting'],
    condition: '在同一职位任职满10年 → 蓝' },
  { code: 'review_low', name: '评议靠后', subject: 'team', colours: ['yellow', 'red'], followups: ['talk', 'meeting'],
    condition: '最近一次一报告两评议排名位于同类后三分之一 → 黄；连续两年靠后 → 红' },
  { code: 'multi_source', name: '多源印证', subject: 'cadre', colours: ['red'], followups: ['inquiry', 'admonish', 'meeting'],
    condition: '近24个月内来自3个及以上不同部门的负面信息相互印证 → 红' },
];

/** The Chinese name of a warning rule (the code itself when unknown). */
export function ruleName(code: string): string {
  return WARNING_RULES.find((r) => r.code === code)?.name ?? code;
}

/** The follow-ups offered in a warning's 处置: the rule's suggestions, then 其他. */
export function followupsOf(rule: string): FollowupAction[] {
  return [...(WARNING_RULES.find((r) => r.code === rule)?.followups ?? []), 'other'];
}
