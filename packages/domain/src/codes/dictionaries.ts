/**
 * Configurable dictionaries of the ledger (PRODUCT §3): the defaults live here; an administrator's
 * changes are stored in the database and passed in wherever a `Dictionaries` is taken.
 */
export interface Dictionaries {
  dflzGrade: readonly string[];
  xcxcProblemCategory: readonly string[];
  rectificationStatus: readonly string[];
  cadreAssessmentGrade: readonly string[];
  teamAssessmentGrade: readonly string[];
  gbccCheckType: readonly string[];
  gbccResult: readonly string[];
  gbccHandling: readonly string[];
  auditType: readonly string[];
  auditConclusion: readonly string[];
  talkForm: readonly string[];
  petitionChannel: readonly string[];
  petitionStatus: readonly string[];
  petitionResult: readonly string[];
  disciplineCategory: readonly string[];
  disciplineMeasure: Readonly<Record<string, readonly string[]>>;
  judicialCategory: readonly string[];
  awardLevel: readonly string[];
  sensitivity: readonly string[];
  /** 谈心谈话的形式 (PRODUCT §4.1). */
  heartTalkForm: readonly string[];
  /** 谈心谈话的起因: the triggers of §4.1 and 日常谈心. */
  talkTrigger: readonly string[];
  /** 教育培训类型 (§4.3); the first two are the systematic trainings a 一把手 needs each year. */
  trainingType: readonly string[];
  /** 调研方式 (§4.2). */
  researchType: readonly string[];
  /** 三重一大事项 (§4.6). */
  decisionMatterType: readonly string[];
  /** 三个区分开来 (§4.8), each as the side that may be tolerated. */
  threeDistinctions: readonly string[];
  /** 容错决定 (§4.8). */
  exemptionDecision: readonly string[];
}

export const DEFAULT_DICTIONARIES: Dictionaries = {
  dflzGrade: ['好', '较好', '一般', '差'],
  xcxcProblemCategory: [
    '贯彻党中央决策部署和新发展理念不到位',
    '全面从严治党主体责任不实',
    '落实新时代党的组织路线有短板',
    '整改不到位',
  ],
  rectificationStatus: ['未整改', '整改中', '已整改'],
  cadreAssessmentGrade: ['优秀', '称职', '基本称职', '不称职'],
  teamAssessmentGrade: ['好', '较好', '一般', '较差'],
  gbccCheckType: ['随机抽查', '重点抽查'],
  gbccResult: ['一致', '漏报', '瞒报'],
  gbccHandling: ['无需处理', '批评教育', '责令检查', '限期更正', '诫勉', '取消考察对象资格', '调离岗位', '免职', '降职', '纪律处分'],
  auditType: ['任中审计', '离任审计'],
  auditConclusion: ['好', '较好', '一般', '较差'],
  talkForm: ['谈话提醒', '批评教育', '责令检查', '函询', '诫勉', '约谈'],
  petitionChannel: ['来信', '来访', '网络', '电话', '12380'],
  petitionStatus: ['受理', '核查中', '办结'],
  petitionResult: ['属实', '部分属实', '失实', '查无实据', '诬告'],
  disciplineCategory: ['政务处分', '党纪处分', '组织处理', '问责'],
  disciplineMeasure: {
    政务处分: ['警告', '记过', '记大过', '降级', '撤职', '开除'],
    党纪处分: ['警告', '严重警告', '撤销党内职务', '留党察看一年', '留党察看二年', '开除党籍'],
    组织处理: ['停职检查', '调整职务', '责令辞职', '免职', '降职', '调离岗位', '改任职级'],
    问责: ['通报', '诫勉', '组织调整', '纪律处分'],
  },
  judicialCategory: ['失信被执行人', '被执行人', '涉诉案件', '涉案线索', '治安处罚', '刑事处罚', '交通违法'],
  awardLevel: ['国家级', '省级', '市级', '县级'],
  sensitivity: ['一般', '敏感', '重要'],
  heartTalkForm: ['个别谈心', '集体谈话', '谈话提醒'],
  talkTrigger: ['工作变动', '群众反映', '思想波动', '受处分', '家庭变故', '班子不团结', '日常谈心'],
  trainingType: ['党校系统培训', '干部学院系统培训', '一把手能力提升班', '专题培训', '网络培训'],
  researchType: ['全覆盖综合调研', '蹲点调研', '随机调研'],
  decisionMatterType: ['重大事项决策', '重要干部任免', '重大项目安排', '大额资金使用'],
  // 三个区分开来: each distinction by its tolerable side (把……同……违纪违法行为区分开来).
  threeDistinctions: ['因缺乏经验、先行先试出现的失误和错误', '尚无明确限制的探索性试验中的失误和错误', '为推动发展的无意过失'],
  exemptionDecision: ['免责', '从轻', '不予容错'],
};
