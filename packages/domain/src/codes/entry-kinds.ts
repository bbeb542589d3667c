/** Kinds of supervision-ledger entries (PRODUCT §3, §4) and the departments that submit each by default. */
import { DEPARTMENT } from './departments.ts';

/**
 * The kind codes by what they mean: code says `ENTRY_KIND.petition`, the database, the API and the sheets
 * hold 'xfjb' (the pinyin initials of 信访举报). Narrowing on a constant narrows like the string itself.
 */
export const ENTRY_KIND = {
  /** 党风廉政建设考核 */
  integrityAssessment: 'dflz',
  /** 巡视巡察 */
  inspection: 'xcxc',
  /** 年度综合考核 */
  annualAssessment: 'ndkh',
  /** 个报查核 (个人有关事项报告查核) */
  personalReportCheck: 'gbcc',
  /** 一报告两评议 */
  selectionReview: 'ybgpy',
  /** 经济责任审计 */
  economicAudit: 'jjzrsj',
  /** 约谈诫勉 (and 谈话提醒、批评教育、责令检查、函询) */
  admonition: 'ytjm',
  /** 信访举报 */
  petition: 'xfjb',
  /** 处分问责 (处分 / 问责 / 组织处理) */
  discipline: 'cfwz',
  /** 司法公安记录 */
  judicialRecord: 'sfjl',
  /** 表彰奖励 */
  award: 'bzjl',
  /** 谈心谈话 */
  heartTalk: 'txth',
  /** 思想波动 */
  ideologicalWavering: 'sxdt',
  /** 教育培训 */
  training: 'jypx',
  /** 调查研究 */
  research: 'dcyj',
  /** 三重一大决策 */
  majorDecision: 'szyd',
  /** 外出报备 */
  travelReport: 'wcbb',
  /** 容错纠错 */
  faultTolerance: 'rcjc',
} as const;
export type EntryKindCode = (typeof ENTRY_KIND)[keyof typeof ENTRY_KIND];

/** Whom an entry of the kind is about: a cadre, a 领导班子, or either. */
export type KindSubject = 'cadre' | 'team' | 'any';

export interface EntryKindDef {
  code: string;
  name: string;
  departments: readonly string[];
  subject: KindSubject;
}

export const ENTRY_KINDS: readonly EntryKindDef[] = [
  { code: ENTRY_KIND.integrityAssessment, name: '党风廉政建设考核', departments: [DEPARTMENT.discipline, DEPARTMENT.organization], subject: 'any' },
  { code: ENTRY_KIND.inspection, name: '巡视巡察', departments: [DEPARTMENT.inspection], subject: 'any' },
  { code: ENTRY_KIND.annualAssessment, name: '年度综合考核', departments: [DEPARTMENT.organization], subject: 'any' },
  { code: ENTRY_KIND.personalReportCheck, name: '个报查核', departments: [DEPARTMENT.organization], subject: 'cadre' },
  { code: ENTRY_KIND.selectionReview, name: '一报告两评议', departments: [DEPARTMENT.organization], subject: 'any' },
  { code: ENTRY_KIND.economicAudit, name: '经济责任审计', departments: [DEPARTMENT.audit], subject: 'any' },
  { code: ENTRY_KIND.admonition, name: '约谈诫勉', departments: [DEPARTMENT.discipline, DEPARTMENT.organization], subject: 'any' },
  { code: ENTRY_KIND.petition, name: '信访举报', departments: [DEPARTMENT.petition, DEPARTMENT.discipline], subject: 'any' },
  { code: ENTRY_KIND.discipline, name: '处分问责', departments: [DEPARTMENT.discipline, DEPARTMENT.organization], subject: 'any' },
  { code: ENTRY_KIND.judicialRecord, name: '司法公安记录', departments: [DEPARTMENT.court, DEPARTMENT.procuratorate, DEPARTMENT.police], subject: 'cadre' },
  {
    code: ENTRY_KIND.award, name: '表彰奖励', subject: 'any',
    departments: [
      DEPARTMENT.discipline, DEPARTMENT.organization, DEPARTMENT.court, DEPARTMENT.procuratorate, DEPARTMENT.police,
      DEPARTMENT.inspection, DEPARTMENT.audit, DEPARTMENT.petition,
    ],
  },
  // The mechanisms of §4 (talks, research, training, reporting, decisions, 容错纠错).
  { code: ENTRY_KIND.heartTalk, name: '谈心谈话', departments: [DEPARTMENT.organization], subject: 'cadre' },
  { code: ENTRY_KIND.ideologicalWavering, name: '思想波动', departments: [DEPARTMENT.organization], subject: 'cadre' },
  { code: ENTRY_KIND.training, name: '教育培训', departments: [DEPARTMENT.organization], subject: 'cadre' },
  { code: ENTRY_KIND.research, name: '调查研究', departments: [DEPARTMENT.organization], subject: 'team' },
  { code: ENTRY_KIND.majorDecision, name: '三重一大决策', departments: [DEPARTMENT.organization, DEPARTMENT.discipline], subject: 'team' },
  { code: ENTRY_KIND.travelReport, name: '外出报备', departments: [DEPARTMENT.organization], subject: 'cadre' },
  { code: ENTRY_KIND.faultTolerance, name: '容错纠错', departments: [DEPARTMENT.organization, DEPARTMENT.discipline], subject: 'cadre' },
];

export function kindsOfDepartment(code: string): string[] {
  return ENTRY_KINDS.filter((k) => k.departments.includes(code)).map((k) => k.code);
}

/** The kind's subject rule as a Chinese issue, or null when the subject fits. */
export function subjectIssue(kind: string, subject: { cadre: boolean; team: boolean }): { path: string; message: string } | null {
  const def = ENTRY_KINDS.find((k) => k.code === kind);
  if (!def) return null;
  if (def.subject === 'team' && subject.cadre) return { path: 'cadreId', message: `“${def.name}”记录的对象是领导班子，不能指定干部` };
  if (def.subject === 'cadre' && subject.team) return { path: 'teamId', message: `“${def.name}”记录的对象是干部，不能指定领导班子` };
  return null;
}
