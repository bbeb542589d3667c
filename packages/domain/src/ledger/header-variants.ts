/**
 * Headers as clerks write them: the words a department uses for a column beyond its label. A date column
 * is found under the 时间/日期 variants of each of its names (谈话时间 = 谈话日期), a year column under its
 * 年度/年份 variants (考核年度 = 考核年份), so the synonym lists name each meaning once. Pure.
 */
import type { ColumnSpec, SheetMapping } from '../contracts/sheet.ts';
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { matchKey } from '../validation/cell-values.ts';

const SWAPS: Partial<Record<ColumnSpec['type'], Array<[string, string]>>> = {
  date: [['日期', '时间'], ['时间', '日期']],
  month: [['日期', '时间'], ['时间', '日期'], ['年月', '时间']],
  year: [['年度', '年份'], ['年份', '年度']],
};

/** The spec with the 时间/日期 (date, month) or 年度/年份 (year) variants of its label and synonyms added. */
export function withHeaderVariants(spec: ColumnSpec): ColumnSpec {
  const swaps = SWAPS[spec.type];
  if (!swaps) return spec;
  const names = [spec.label, ...(spec.synonyms ?? [])];
  const out = new Set(spec.synonyms ?? []);
  for (const n of names) for (const [from, to] of swaps) if (n.includes(from)) out.add(n.replace(from, to));
  out.delete(spec.label);
  return { ...spec, synonyms: [...out] };
}

/**
 * Kind-specific headers of the common columns: the date a kind's sheets carry is named for what happened
 * (谈话日期, 查核日期, 反馈日期 …); its 时间 variant comes from `withHeaderVariants`.
 */
export const KIND_COMMON_SYNONYMS: Record<string, Partial<Record<string, string[]>>> = {
  [ENTRY_KIND.integrityAssessment]: { occurredOn: ['考核日期', '评定日期', '党风廉政建设考核日期'] },
  [ENTRY_KIND.inspection]: { occurredOn: ['反馈日期', '巡察反馈日期', '巡视反馈日期', '巡察日期', '巡视日期', '进驻日期'], orgName: ['被巡察党组织', '被巡视单位'] },
  [ENTRY_KIND.annualAssessment]: { occurredOn: ['考核日期', '评定日期', '考核结果确定日期'], orgName: ['被考核单位', '被考核班子'] },
  [ENTRY_KIND.personalReportCheck]: { occurredOn: ['查核日期', '抽查日期', '核查日期', '比对日期'], name: ['查核对象', '被查核人', '抽查对象'] },
  [ENTRY_KIND.selectionReview]: { occurredOn: ['评议日期', '测评日期', '民主评议日期'], orgName: ['被评议单位', '参评单位'] },
  [ENTRY_KIND.economicAudit]: { occurredOn: ['出具报告日期', '审计报告出具日期'] },
  [ENTRY_KIND.admonition]: { occurredOn: ['谈话日期', '约谈日期', '诫勉日期', '函询日期', '提醒日期'], name: ['约谈对象', '诫勉对象', '被约谈人', '被谈话人', '谈话对象'] },
  [ENTRY_KIND.petition]: { occurredOn: ['来信来访日期', '举报日期', '收件日期', '反映日期', '信访日期'] },
  [ENTRY_KIND.discipline]: { occurredOn: ['处理日期', '问责日期', '处分作出日期'], name: ['受处分人', '问责对象', '处理对象'] },
  [ENTRY_KIND.judicialRecord]: { occurredOn: ['立案日期', '判决日期', '处罚日期', '案发日期', '记录日期'] },
  [ENTRY_KIND.award]: { occurredOn: ['授予日期', '获奖日期', '发文日期'], name: ['获奖人', '受奖人'] },
  [ENTRY_KIND.heartTalk]: { occurredOn: ['谈话日期', '谈心日期', '谈心谈话日期'], name: ['谈话对象', '被谈话人', '谈心对象'] },
  [ENTRY_KIND.ideologicalWavering]: { occurredOn: ['发现日期', '记录日期'] },
  [ENTRY_KIND.training]: { occurredOn: ['参训日期'], name: ['学员姓名', '参训人员', '学员'] },
  [ENTRY_KIND.research]: { occurredOn: ['调研日期'], orgName: ['被调研班子', '调研单位', '调研对象'] },
  [ENTRY_KIND.majorDecision]: { occurredOn: ['会议日期', '决策日期', '研究日期'], orgName: ['决策单位', '决策班子'] },
  [ENTRY_KIND.travelReport]: { occurredOn: ['填报日期'], name: ['报备人', '外出人员', '外出人'] },
  [ENTRY_KIND.faultTolerance]: { occurredOn: ['认定日期', '容错认定日期', '决定日期'], name: ['容错对象'] },
};

/** Headers that number the rows (序号): never a field, never reported as a column left out. */
export const SEQUENCE_HEADERS = ['序号', '序', 'no', 'no.', '编码序号'];

/**
 * Headers known to name two columns of one kind (处分类型: the 类别 or the 处理方式?): the import asks which.
 * Kept here so a new synonym that makes a header ambiguous by accident fails the test that lists them.
 */
export const AMBIGUOUS_HEADERS: Record<string, string[]> = {
  [ENTRY_KIND.discipline]: ['处分类型'],
  [ENTRY_KIND.travelReport]: ['报告日期', '报告时间'],
};

const bareKey = (h: string) => matchKey(h).replace(/[(（【[〔][^)）】\]〕]*[)）】\]〕]/gu, '').replace(/[\p{P}\p{S}]/gu, '');
const SEQUENCE_KEYS = new Set(SEQUENCE_HEADERS.map(bareKey));

/** Whether a header only numbers the rows (序号, No.). */
export function isSequenceHeader(header: string): boolean {
  return SEQUENCE_KEYS.has(bareKey(header));
}

/**
 * The file's columns the import leaves out (no field, by choice or unrecognised), as headed in the file,
 * in file order; a 序号 column is not one of them. For the check step, the CLI's `ignoredColumns` and `--strict`.
 */
export function ignoredColumns(mapping: Pick<SheetMapping, 'columns'> | null | undefined): string[] {
  return (mapping?.columns ?? []).filter((c) => c.key === null && c.header !== '' && !isSequenceHeader(c.header)).map((c) => c.header);
}
