/**
 * The spreadsheet columns of each ledger kind: the common columns (subject, date, 文号, 摘要 …) plus one
 * column per detail field, derived from the kind's zod schema (so a new dictionary value or field reaches
 * the template, the reader and the form alike). Pure.
 */
import { z } from 'zod';
import type { ColumnSpec, ColumnType } from '../contracts/sheet.ts';
import type { Dictionaries } from '../codes/dictionaries.ts';
import { ENTRY_KIND, ENTRY_KINDS } from '../codes/entry-kinds.ts';
import { detailSchemas } from './kinds.ts';
import { SENSITIVITY } from './entries.ts';
import { KIND_COMMON_SYNONYMS, withHeaderVariants } from './header-variants.ts';

export const DETAIL_PREFIX = 'd.';

export const COMMON_COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', label: '姓名', type: 'name', synonyms: ['干部姓名', '对象姓名', '被反映人', '被反映人姓名', '被审计人', '被审计对象', '被审计领导干部', '被处分人', '被考核人', '受表彰人', '当事人', '当事人姓名', '领导干部姓名'], example: '张三明', help: '干部姓名；与身份证号至少填一项。班子类记录不填' },
  { key: 'idNumber', label: '身份证号', type: 'idNumber', synonyms: ['公民身份号码', '身份证号码', '身份证', '证件号码', '公民身份证号', '身份证件号码'], example: '519901197003150031', help: '18位；请把此列设为文本格式，避免被Excel改成科学计数法' },
  { key: 'orgName', label: '单位', type: 'text', synonyms: ['工作单位', '所在单位', '单位名称', '被巡察单位', '被审计单位', '班子', '领导班子', '现工作单位', '班子名称', '所属单位', '领导班子名称'], example: '东平县委', help: '干部所在单位；只填单位不填姓名和身份证号时，记录归入该单位的领导班子' },
  { key: 'occurredOn', label: '发生日期', type: 'date', required: true, synonyms: ['日期', '时间', '发生时间', '受理日期', '受理时间', '反馈日期', '考核时间', '审计日期', '报告日期', '审计报告日期', '处分日期', '登记日期', '表彰日期'], example: '2025-03-15', help: '如 2025-03-15、2025/3/15、2025年3月15日' },
  { key: 'refNo', label: '文号', type: 'text', synonyms: ['文件编号', '案号', '编号', '文件号', '决定文号', '文件文号', '决定书文号', '处分决定文号', '报告文号', '审计报告文号', '发文字号'], maxLength: 100, example: '青纪〔2025〕3号' },
  { key: 'summary', label: '摘要', type: 'text', help: '不填则按类别和详情自动生成', synonyms: ['主要内容', '事项', '内容', '问题摘要', '反映问题', '反映内容', '情况说明', '主要问题', '事由摘要', '简要情况', '基本情况', '问题线索', '主要事实'], maxLength: 2000, example: '群众反映其违规操办婚宴' },
  { key: 'outcome', label: '处理结果', type: 'text', synonyms: ['处理情况', '结果', '办理结果', '处理意见', '办理情况', '处置情况', '处置结果'], maxLength: 2000 },
  { key: 'sensitivity', label: '敏感级别', type: 'enum', options: SENSITIVITY, synonyms: ['密级', '敏感程度', '敏感等级'], help: '不填为“一般”' },
];

/** Headers other departments use for detail fields, by field name. */
const DETAIL_SYNONYMS: Record<string, string[]> = {
  year: ['考核年度', '年份', '所属年度', '评议年度', '查核年度', '年度别'],
  grade: ['等次', '考核等次', '考核结果', '评定等次', '评价等次', '考核等级', '等级', '评定结果', '考核评价'],
  round: ['轮次', '巡察批次', '批次', '巡视轮次', '巡察届次', '巡察轮次名称'],
  problemCategories: ['问题类型', '问题分类', '发现问题类别', '反馈问题类别', '问题类别'],
  problems: ['发现问题', '问题清单', '反馈问题', '问题描述', '发现的主要问题'],
  rectificationDeadline: ['整改时限', '整改截止日期', '整改期限', '限期整改日期', '整改完成时限'],
  rectificationStatus: ['整改情况', '整改进度', '整改完成情况', '整改状态', '整改落实情况', '整改结果'],
  checkType: ['抽查方式', '查核类型', '查核方式', '抽查类型', '核查方式'],
  result: ['核查结果', '核实结果', '查核结果', '结论', '查核情况', '核查情况', '查核结论'],
  items: ['不一致事项', '漏报瞒报事项', '漏报事项', '瞒报事项', '不一致情况', '漏报瞒报情况'],
  handling: ['处理方式', '处理措施', '处理类型'],
  satisfactionRate: ['满意率', '满意度', '选人用人满意率', '选人用人工作满意率', '总体满意率'],
  rank: ['排名', '名次', '位次', '同类排名', '同类排序'],
  rankOf: ['同类单位数', '参评单位数', '同类单位总数'],
  recognitionRate: ['认可率', '认可度', '新提拔干部认可率', '新提拔干部认可度'],
  auditType: ['审计类型', '审计类别', '审计种类'],
  periodFrom: ['审计期间起', '起始日期', '审计起始日期', '审计期间开始日期', '期间起'],
  periodTo: ['审计期间止', '截止日期', '审计截止日期', '审计期间结束日期', '期间止'],
  findingsCount: ['问题数', '问题个数', '发现问题数量', '问题数量', '审计发现问题数', '发现问题个数', '审计发现问题数量'],
  amount: ['问题金额', '涉及金额', '金额', '发现问题金额', '问题金额（万元）', '涉及资金', '审计发现问题金额', '违规金额', '涉及资金金额'],
  conclusion: ['审计评价', '审计结论', '评价', '审计评价结论', '总体评价'],
  serious: ['严重问题', '是否严重', '是否存在严重问题', '有无严重问题'],
  form: ['方式', '谈话方式', '形式', '约谈方式', '谈话形式', '谈心方式'],
  reason: ['事由', '原因', '约谈事由', '诫勉事由', '诫勉原因', '外出事由', '外出原因'],
  impactMonths: ['影响期', '影响期（月）', '影响期限', '影响期月数'],
  channel: ['渠道', '来源', '信访渠道', '举报渠道', '来源渠道', '反映渠道', '信访方式', '举报方式', '线索来源'],
  realName: ['实名', '是否实名', '实名举报', '是否实名举报', '是否署名'],
  status: ['办理状态', '状态', '办理进度', '办结情况'],
  category: ['类别', '类型', '记录类别', '处分类别', '处理类别', '处分类型', '记录类型', '信息类别'],
  measure: ['处分种类', '处理方式', '处分类型', '问责方式', '处分（处理）方式', '处分名称', '处理种类'],
  decisionDate: ['决定日期', '处分决定日期', '作出决定日期'],
  level: ['级别', '表彰级别', '奖励级别', '表彰层级', '授予级别'],
  name: ['表彰名称', '奖项名称', '荣誉称号', '表彰奖励名称', '奖励名称', '荣誉名称'],
  talker: ['谈话领导', '谈话人姓名', '谈话人', '谈话者'],
  trigger: ['谈话原因', '谈话事由', '谈话情形', '谈话起因', '触发原因', '谈心原因'],
  points: ['谈话内容', '谈话要点', '谈话记录', '谈心内容'],
  followUp: ['跟进情况', '后续跟进情况', '后续跟进', '跟踪情况', '后续措施'],
  situation: ['思想波动情况', '波动情况', '表现情况', '思想状况', '主要表现'],
  institution: ['培训单位', '培训机构名称', '办班单位', '培训机构', '主办单位'],
  trainingType: ['培训类别', '班次类型', '培训班次', '培训类型', '班次', '培训项目'],
  from: ['培训开始日期', '开班日期', '开始日期', '培训起始日期'],
  to: ['培训结束日期', '结业日期', '结束日期', '培训截止日期'],
  hours: ['培训学时', '学时数', '课时', '培训课时'],
  researchType: ['调研类型', '调研形式', '调研方式'],
  findings: ['调研发现问题', '调研情况', '发现的问题', '调研发现', '发现问题'],
  rating: ['调研评价', '综合评价', '班子评价', '研判结论', '研判意见'],
  matterType: ['决策事项类型', '三重一大事项', '事项类别', '事项类型', '决策类型', '议题类型'],
  meeting: ['会议', '决策会议', '会议名称', '会议类型'],
  collective: ['是否集体决策', '集体研究', '是否集体研究', '集体决策'],
  principalSpokeLast: ['是否末位表态', '末位表态', '主要负责人末位表态', '一把手是否末位表态'],
  attendees: ['参会人数', '到会人数', '出席人数'],
  departOn: ['外出日期', '离开日期', '出发日期', '离岗日期'],
  returnOn: ['返回日期', '返岗日期', '回岗日期'],
  destination: ['前往地点', '外出地点', '去向', '目的地', '外出地'],
  actingPerson: ['主持工作人员', '代为主持工作', '代为主持工作人', '主持工作人', '临时主持工作人员'],
  filedOn: ['报备日期', '报告日期', '报备提交日期'],
  targetEntryId: ['台账记录编号', '记录编号', '所涉记录编号', '原记录编号'],
  distinction: ['三个区分开来', '区分情形', '三个区分开来情形', '容错情形', '适用情形'],
  decision: ['容错认定', '认定结果', '容错结论', '容错决定'],
  measures: ['纠错措施', '整改措施', '纠错情况'],
};

interface JsonProp {
  type?: string;
  title?: string;
  description?: string;
  enum?: string[];
  items?: { enum?: string[] };
  pattern?: string;
  maxLength?: number;
  default?: unknown;
}

function columnType(p: JsonProp): ColumnType {
  if (p.enum) return 'enum';
  if (p.type === 'array') return 'list';
  if (p.type === 'boolean') return 'boolean';
  if (p.type === 'integer') return p.title?.includes('年度') ? 'year' : 'integer';
  if (p.type === 'number') return 'decimal';
  if (p.pattern?.includes('\\d{2}-\\d{2}')) return 'date';
  return 'text';
}

const EXAMPLES: Partial<Record<ColumnType, string>> = { boolean: '否', year: '2024', date: '2024-01-01', integer: '1', decimal: '10.5', month: '2024-01' };

/** The columns of one kind's sheet: common ones, then its details (keys prefixed `d.`). */
export function kindColumns(kind: string, dicts: Dictionaries): ColumnSpec[] {
  const schema = (detailSchemas(dicts) as Record<string, z.ZodType>)[kind];
  if (!schema) throw new Error(`unknown kind ${kind}`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonProp>; required?: string[] };
  const required = new Set(json.required ?? []);
  const details = Object.entries(json.properties ?? {}).map(([name, p]): ColumnSpec => {
    const type = columnType(p);
    const options = p.enum ?? p.items?.enum;
    const title = p.title ?? name;
    return {
      key: DETAIL_PREFIX + name,
      label: title,
      type,
      required: required.has(name) && p.default === undefined,
      ...(options ? { options } : {}),
      synonyms: DETAIL_SYNONYMS[name]?.filter((s) => s !== title) ?? [],
      ...(p.description ? { help: p.description } : type === 'list' ? { help: '多项用顿号“、”分隔' } : {}),
      ...(options?.[0] ? { example: options[0] } : EXAMPLES[type] ? { example: EXAMPLES[type] } : {}),
      ...(p.maxLength ? { maxLength: p.maxLength } : {}),
    };
  });
  // The example row reads as one record of this kind: its summary is what the import would compose.
  const exampleDetails = Object.fromEntries(details.filter((d) => d.example !== undefined).map((d) => [d.key.slice(DETAIL_PREFIX.length), d.example]));
  const own = KIND_COMMON_SYNONYMS[kind] ?? {};
  const common = COMMON_COLUMNS.map((c) => {
    const extra = own[c.key] ?? [];
    const spec: ColumnSpec = { ...c, ...(extra.length ? { synonyms: [...(c.synonyms ?? []), ...extra] } : {}) };
    if (c.key === 'summary') return { ...spec, example: composeSummary(kind, exampleDetails) };
    // An annual result (年度综合考核 …) rarely carries a date: its year column gives one (yearEntryDate setting).
    if (c.key === 'occurredOn' && dateFromYearKind(kind)) return { ...spec, required: false, help: `${c.help ?? ''}；不填则取“年度”列，按规则设置“按年度记录的发生日期”（默认每年12月31日）计` };
    return spec;
  });
  return [...common, ...details].map(withHeaderVariants);
}

/** Kinds recorded by year (their details have a 年度): a row without a date takes one from its year. */
export function dateFromYearKind(kind: string): boolean {
  return ([ENTRY_KIND.annualAssessment, ENTRY_KIND.integrityAssessment, ENTRY_KIND.selectionReview, ENTRY_KIND.personalReportCheck] as string[]).includes(kind);
}

/** `2024` and {month: 12, day: 31} → `2024-12-31`. */
export function dateOfYear(year: number, at: { month: number; day: number }): string {
  return `${String(year).padStart(4, '0')}-${String(at.month).padStart(2, '0')}-${String(at.day).padStart(2, '0')}`;
}

/** The Chinese name of a kind given as code or name (经济责任审计 or jjzrsj). */
export function resolveKind(ref: string): string | null {
  const r = ref.trim();
  return ENTRY_KINDS.find((k) => k.code === r || k.name === r)?.code ?? null;
}

/** Splits a normalized sheet row into the entry's common fields and its details. */
export function rowToEntryFields(values: Record<string, unknown>) {
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith(DETAIL_PREFIX) && v !== undefined && v !== null && v !== '') details[k.slice(DETAIL_PREFIX.length)] = v;
  }
  const str = (k: string) => (typeof values[k] === 'string' && values[k] !== '' ? (values[k] as string) : null);
  return {
    name: str('name'), idNumber: str('idNumber'), orgName: str('orgName'), occurredOn: str('occurredOn'),
    refNo: str('refNo'), summary: str('summary'), outcome: str('outcome'), sensitivity: str('sensitivity') ?? '一般', details,
  };
}

/** A one-line summary from the details, for sheets that have no 摘要 column (audit and assessment tables rarely do). */
export function composeSummary(kind: string, details: Record<string, unknown>): string {
  const name = ENTRY_KINDS.find((k) => k.code === kind)?.name ?? kind;
  const d = details;
  const v = (k: string) => (d[k] === undefined || d[k] === null || d[k] === '' ? null : Array.isArray(d[k]) ? (d[k] as unknown[]).join('、') : String(d[k]));
  const parts: string[] = [];
  switch (kind) {
    case ENTRY_KIND.economicAudit:
      parts.push(`${v('auditType') ?? '审计'}（${v('periodFrom') ?? '?'}至${v('periodTo') ?? '?'}）`, `发现问题${v('findingsCount') ?? 0}个`);
      if (v('amount')) parts.push(`金额${v('amount')}万元`);
      if (v('conclusion')) parts.push(`评价${v('conclusion')}`);
      break;
    case ENTRY_KIND.integrityAssessment: case ENTRY_KIND.annualAssessment: parts.push(`${v('year') ?? ''}年度${v('grade') ? `：${v('grade')}` : ''}`); break;
    case ENTRY_KIND.personalReportCheck: parts.push(`${v('year') ?? ''}年度${v('checkType') ?? ''}：${v('result') ?? ''}`); break;
    case ENTRY_KIND.selectionReview: parts.push(`${v('year') ?? ''}年度满意率${v('satisfactionRate') ?? '?'}%`); break;
    case ENTRY_KIND.inspection: parts.push(`${v('round') ?? ''}：${v('problemCategories') ?? ''}`); break;
    case ENTRY_KIND.admonition: parts.push(`${v('form') ?? ''}：${v('reason') ?? ''}`); break;
    case ENTRY_KIND.petition: parts.push(`${v('channel') ?? ''}${d.realName === true ? '实名' : ''}反映，${v('status') ?? ''}${v('result') ? `，${v('result')}` : ''}`); break;
    case ENTRY_KIND.discipline: parts.push(`${v('category') ?? ''}：${v('measure') ?? ''}`); break;
    case ENTRY_KIND.judicialRecord: parts.push(v('category') ?? ''); break;
    case ENTRY_KIND.award: parts.push(`${v('level') ?? ''}${v('name') ?? '表彰'}`); break;
    case ENTRY_KIND.heartTalk: parts.push(`${v('form') ?? ''}（${v('trigger') ?? ''}）`, v('talker') ? `谈话人${v('talker')}` : ''); break;
    case ENTRY_KIND.ideologicalWavering: parts.push(v('situation') ?? ''); break;
    case ENTRY_KIND.training: parts.push(`${v('institution') ?? ''}${v('trainingType') ?? ''}（${v('from') ?? '?'}至${v('to') ?? '?'}）`, v('hours') ? `${v('hours')}学时` : ''); break;
    case ENTRY_KIND.research: parts.push(v('researchType') ?? '', v('rating') ? `评价${v('rating')}` : ''); break;
    case ENTRY_KIND.majorDecision:
      parts.push(`${v('meeting') ?? ''}研究${v('matterType') ?? ''}`, d.collective === false ? '未经集体决策' : '', d.principalSpokeLast === false ? '一把手未末位表态' : '');
      if (v('amount')) parts.push(`金额${v('amount')}万元`);
      break;
    case ENTRY_KIND.travelReport: parts.push(`${v('departOn') ?? '?'}至${v('returnOn') ?? '?'}赴${v('destination') ?? ''}${v('reason') ? `（${v('reason')}）` : ''}`); break;
    case ENTRY_KIND.faultTolerance: parts.push(v('decision') ?? '', v('distinction') ?? ''); break;
  }
  return `${name}：${parts.filter(Boolean).join('，')}`;
}
