/**
 * The details of each ledger-entry kind, as zod schemas built from the dictionaries. Each field carries
 * `meta({ title })` so forms (z.toJSONSchema) and Excel templates are generated from the same schema.
 */
import { z } from 'zod';
import type { Dictionaries } from '../codes/dictionaries.ts';
import { ENTRY_KIND, type EntryKindCode } from '../codes/entry-kinds.ts';

const year = () => z.number().int().min(1949, '年度不早于1949').max(2100, '年度无效').meta({ title: '年度' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, '日期格式应为 YYYY-MM-DD');
const choice = (values: readonly string[], title: string) =>
  z.enum(values as [string, ...string[]], { message: `${title}应为：${values.join('、')}` }).meta({ title });
/** Free text with a title; `required` refuses an empty value with a message naming the field. */
const text = (title: string, max: number, required = false) =>
  (required ? z.string().trim().min(1, `请填写${title}`) : z.string().trim())
    .max(max, `${title}不超过${max}字`).meta({ title });

export function detailSchemas(d: Dictionaries) {
  return {
    /** 党风廉政建设考核 */
    [ENTRY_KIND.integrityAssessment]: z.strictObject({
      year: year(),
      grade: choice(d.dflzGrade, '考核等次'),
    }),
    /** 巡视巡察 */
    [ENTRY_KIND.inspection]: z.strictObject({
      round: z.string().trim().min(1, '请填写巡察轮次').max(50, '巡察轮次不超过50字').meta({ title: '巡察轮次' }),
      problemCategories: z.array(choice(d.xcxcProblemCategory, '问题类别')).min(1, '至少选择一个问题类别').meta({ title: '问题类别' }),
      problems: z.string().trim().max(2000).optional().meta({ title: '问题描述' }),
      rectificationDeadline: isoDate.optional().meta({ title: '整改期限', description: '默认反馈后2个月' }),
      rectificationStatus: choice(d.rectificationStatus, '整改状态').default('未整改'),
    }),
    /** 年度综合考核: the grade set depends on the subject (cadre or team); checked in the entry rules. */
    [ENTRY_KIND.annualAssessment]: z.strictObject({
      year: year(),
      grade: choice([...new Set([...d.cadreAssessmentGrade, ...d.teamAssessmentGrade])], '考核等次'),
    }),
    /** 个报查核 */
    [ENTRY_KIND.personalReportCheck]: z.strictObject({
      year: year(),
      checkType: choice(d.gbccCheckType, '查核方式'),
      result: choice(d.gbccResult, '查核结果'),
      items: z.string().trim().max(1000, '不超过1000字').optional().meta({ title: '不一致事项' }),
      handling: choice(d.gbccHandling, '处理方式').optional(),
    }),
    /** 一报告两评议 */
    [ENTRY_KIND.selectionReview]: z.strictObject({
      year: year(),
      satisfactionRate: z.number().min(0, '满意率应在0到100之间').max(100, '满意率应在0到100之间').meta({ title: '选人用人满意率（%）' }),
      rank: z.number().int('排名应为整数').min(1, '排名从1开始').optional().meta({ title: '同类排名' }),
      rankOf: z.number().int('应为整数').min(1, '同类单位数至少为1').optional().meta({ title: '同类单位数' }),
      recognitionRate: z.number().min(0, '认可率应在0到100之间').max(100, '认可率应在0到100之间').optional().meta({ title: '新提拔干部认可率（%）' }),
    }),
    /** 经济责任审计 */
    [ENTRY_KIND.economicAudit]: z.strictObject({
      auditType: choice(d.auditType, '审计类型'),
      periodFrom: isoDate.meta({ title: '审计期间起' }),
      periodTo: isoDate.meta({ title: '审计期间止' }),
      findingsCount: z.number().int('问题数应为整数').min(0, '问题数不能为负数').meta({ title: '发现问题数' }),
      amount: z.number().min(0, '金额不能为负数').optional().meta({ title: '问题金额（万元）' }),
      conclusion: choice(d.auditConclusion, '审计评价'),
      serious: z.boolean().default(false).meta({ title: '存在严重问题' }),
      rectificationDeadline: isoDate.optional().meta({ title: '整改期限' }),
      rectificationStatus: choice(d.rectificationStatus, '整改状态').default('未整改'),
    }),
    /** 约谈诫勉 (and 谈话提醒、批评教育、责令检查、函询) */
    [ENTRY_KIND.admonition]: z.strictObject({
      form: choice(d.talkForm, '方式'),
      reason: z.string().trim().min(1, '请填写事由').max(500, '事由不超过500字').meta({ title: '事由' }),
      impactMonths: z.number().int('影响期应为整月数').min(0, '影响期不能为负数').max(60, '影响期不超过60个月').optional().meta({ title: '影响期（月）', description: '不填则按方式取默认值（诫勉6个月）' }),
    }),
    /** 信访举报 (incl. 12380) */
    [ENTRY_KIND.petition]: z.strictObject({
      channel: choice(d.petitionChannel, '来源渠道'),
      realName: z.boolean().meta({ title: '是否实名' }),
      status: choice(d.petitionStatus, '办理状态'),
      result: choice(d.petitionResult, '核查结果').optional(),
    }),
    /** 处分 / 问责 / 组织处理 */
    [ENTRY_KIND.discipline]: z.strictObject({
      category: choice(d.disciplineCategory, '类别'),
      measure: choice([...new Set(Object.values(d.disciplineMeasure).flat())], '处理方式'),
      decisionDate: isoDate.optional().meta({ title: '决定日期', description: '不填则取发生日期' }),
    }),
    /** 法院、检察院、公安 records */
    [ENTRY_KIND.judicialRecord]: z.strictObject({
      category: choice(d.judicialCategory, '记录类别'),
    }),
    /** 表彰奖励 */
    [ENTRY_KIND.award]: z.strictObject({
      level: choice(d.awardLevel, '表彰级别'),
      name: z.string().trim().max(200).optional().meta({ title: '表彰名称' }),
    }),
    // ---- the mechanisms of PRODUCT §4 write entries too: the timeline is the whole story of a person ----
    /** 谈心谈话 (§4.1): a talk held, with what set it off. */
    [ENTRY_KIND.heartTalk]: z.strictObject({
      talker: text('谈话人', 50, true),
      form: choice(d.heartTalkForm, '谈话形式'),
      trigger: choice(d.talkTrigger, '谈话起因'),
      points: text('谈话要点', 2000, true),
      followUp: text('后续跟进', 1000).optional(),
    }),
    /** 思想波动: marked by a supervisor; it triggers a talk (§4.1). */
    [ENTRY_KIND.ideologicalWavering]: z.strictObject({
      situation: text('表现情况', 1000, true),
    }),
    /** 教育培训 (§4.3) */
    [ENTRY_KIND.training]: z.strictObject({
      institution: text('培训机构', 100, true),
      trainingType: choice(d.trainingType, '培训类型'),
      from: isoDate.meta({ title: '培训开始日期' }),
      to: isoDate.meta({ title: '培训结束日期' }),
      hours: z.number({ message: '学时应为数字' }).min(0, '学时不能为负数').meta({ title: '学时' }),
    }),
    /** 调查研究 of a team (§4.2) */
    [ENTRY_KIND.research]: z.strictObject({
      researchType: choice(d.researchType, '调研方式'),
      findings: text('调研发现', 2000).optional(),
      rating: choice(d.teamAssessmentGrade, '班子评价').optional(),
    }),
    /** 三重一大决策 of a team (§4.6) */
    [ENTRY_KIND.majorDecision]: z.strictObject({
      matterType: choice(d.decisionMatterType, '事项类型'),
      meeting: text('会议名称', 100, true),
      collective: z.boolean({ message: '集体决策应为“是”或“否”' }).meta({ title: '集体决策' }),
      principalSpokeLast: z.boolean({ message: '一把手末位表态应为“是”或“否”' }).meta({ title: '一把手末位表态' }),
      attendees: z.number({ message: '参会人数应为数字' }).int('参会人数应为整数').min(0, '参会人数不能为负数').optional().meta({ title: '参会人数' }),
      amount: z.number({ message: '金额应为数字' }).min(0, '金额不能为负数').optional().meta({ title: '涉及金额（万元）' }),
    }),
    /** 外出报备 (§4.4) */
    [ENTRY_KIND.travelReport]: z.strictObject({
      departOn: isoDate.meta({ title: '离开日期' }),
      returnOn: isoDate.meta({ title: '返回日期' }),
      destination: text('目的地', 100, true),
      reason: text('外出事由', 500, true),
      actingPerson: text('主持工作人', 50).optional(),
      filedOn: isoDate.meta({ title: '报备日期' }),
    }),
    /** 容错纠错 (§4.8): a decision about one earlier entry of the same cadre (checked by the server). */
    [ENTRY_KIND.faultTolerance]: z.strictObject({
      targetEntryId: z.uuid({ message: '所涉台账记录编号应为台账记录的编号（形如 0190a1b2-…）' }).meta({ title: '所涉台账记录编号', description: '该干部台账中被容错纠错的那条记录的编号' }),
      distinction: choice(d.threeDistinctions, '三个区分开来情形'),
      decision: choice(d.exemptionDecision, '容错决定'),
      measures: text('纠错措施', 2000).optional(),
    }),
  };
}

export type DetailSchemas = ReturnType<typeof detailSchemas>;
export type KindCode = keyof DetailSchemas;
export type EntryDetails<K extends KindCode> = z.infer<DetailSchemas[K]>;
export const KIND_CODES = [
  ENTRY_KIND.integrityAssessment, ENTRY_KIND.inspection, ENTRY_KIND.annualAssessment, ENTRY_KIND.personalReportCheck,
  ENTRY_KIND.selectionReview, ENTRY_KIND.economicAudit, ENTRY_KIND.admonition, ENTRY_KIND.petition, ENTRY_KIND.discipline,
  ENTRY_KIND.judicialRecord, ENTRY_KIND.award, ENTRY_KIND.heartTalk, ENTRY_KIND.ideologicalWavering, ENTRY_KIND.training,
  ENTRY_KIND.research, ENTRY_KIND.majorDecision, ENTRY_KIND.travelReport, ENTRY_KIND.faultTolerance,
] as const satisfies readonly KindCode[];
/** ENTRY_KIND (codes/entry-kinds.ts) and the schemas above name the same kinds: this line stops compiling otherwise. */
const _sameKinds: [KindCode, EntryKindCode] extends [EntryKindCode, KindCode] ? true : never = true;

/**
 * A kind's details as stored and read back (the rules, the impact period): they were checked against the
 * kind's schema when written, but a field a later schema added may be absent from an older version, so a
 * reader takes every field as optional.
 */
export type StoredDetails<K extends KindCode> = Partial<EntryDetails<K>>;
/** A kind with its stored details: narrowing on `kind` narrows `details` to that kind's fields. */
export type KindedDetails = { [K in KindCode]: { kind: K; details: StoredDetails<K> } }[KindCode];

/**
 * The one place loosely typed stored details (a database row's JSON, a checked form) become a kind's details
 * type. The kind is one of KIND_CODES: entries are written through detailSchemas (entry-check.ts).
 */
export function kindedDetails(kind: string, details: Record<string, unknown>): KindedDetails {
  return { kind, details } as KindedDetails;
}

/** Checks that depend on more than one field, as Chinese issues with the field they concern. */
export function crossCheckDetails(
  kind: string, details: Record<string, unknown>, subject: { cadre: boolean; team: boolean }, d: Dictionaries,
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const k = kindedDetails(kind, details);
  switch (k.kind) {
    case ENTRY_KIND.annualAssessment: {
      const grade = String(k.details.grade);
      if (subject.cadre && !subject.team && !d.cadreAssessmentGrade.includes(grade)) {
        issues.push({ path: 'details.grade', message: `干部年度考核等次应为：${d.cadreAssessmentGrade.join('、')}` });
      }
      if (subject.team && !subject.cadre && !d.teamAssessmentGrade.includes(grade)) {
        issues.push({ path: 'details.grade', message: `班子年度考核等次应为：${d.teamAssessmentGrade.join('、')}` });
      }
      break;
    }
    case ENTRY_KIND.discipline: {
      const allowed = d.disciplineMeasure[String(k.details.category)] ?? [];
      if (!allowed.includes(String(k.details.measure))) {
        issues.push({ path: 'details.measure', message: `${String(k.details.category)}的处理方式应为：${allowed.join('、')}` });
      }
      break;
    }
    case ENTRY_KIND.economicAudit:
      if (String(k.details.periodTo) < String(k.details.periodFrom)) {
        issues.push({ path: 'details.periodTo', message: '审计期间止不能早于审计期间起' });
      }
      break;
    case ENTRY_KIND.petition:
      if (k.details.status === '办结' && !k.details.result) {
        issues.push({ path: 'details.result', message: '办结的信访件须填写核查结果' });
      }
      if (k.details.status !== '办结' && k.details.result) {
        issues.push({ path: 'details.result', message: '尚未办结的信访件不应填写核查结果' });
      }
      break;
    case ENTRY_KIND.training:
      if (String(k.details.to) < String(k.details.from)) {
        issues.push({ path: 'details.to', message: '培训结束日期不能早于开始日期' });
      }
      break;
    case ENTRY_KIND.travelReport:
      if (String(k.details.returnOn) < String(k.details.departOn)) {
        issues.push({ path: 'details.returnOn', message: '返回日期不能早于离开日期' });
      }
      break;
    case ENTRY_KIND.majorDecision:
      if (k.details.matterType === '大额资金使用' && k.details.amount === undefined) {
        issues.push({ path: 'details.amount', message: '大额资金使用须填写涉及金额' });
      }
      break;
    case ENTRY_KIND.selectionReview:
      if (k.details.rank !== undefined && k.details.rankOf !== undefined && Number(k.details.rank) > Number(k.details.rankOf)) {
        issues.push({ path: 'details.rank', message: '排名不能大于同类单位数' });
      }
      break;
    default:
      break;
  }
  return issues;
}
