/**
 * The fields of a 干部任免审批表 (.lrmx / .lrm; reference/lrmx.md §2): the person's and the family's values
 * as parsed, and the table of the form's elements (element name, label, kind, code table). The readers and
 * the writer are the server's (intake/lrmx); the import's plan (cadres/upsert-plan.ts) compares by them.
 */
import type { CodeTable } from '../codes/gbt/table.ts';
import {
  AGE_LIMIT_TABLE, DEGREE_TABLE, EDUCATION_TABLE, ETHNICITY_TABLE, GENDER_TABLE, HEALTH_TABLE, KINSHIP_TABLE,
  POLITICAL_STATUS_TABLE,
} from '../codes/gbt/index.ts';

/** Free text. */
export interface TextValue { text: string }
/** A person's name: `value` has the padding spaces of 2-character names removed. */
export interface NameValue { text: string; value: string }
/** A date: `value` is `YYYY-MM`, `YYYY` or `YYYY-MM-DD` (day kept only for 计算年龄时间/填表时间), or null. */
export interface DateValue { text: string; value: string | null; derivedFrom?: 'idNumber' }
/** A coded value: `code`/`name` from the code table, null when empty or unknown. */
export interface CodeValue { text: string; code: string | null; name: string | null }
/** 身份证号: `value` is the normalized, validated number; null when empty or invalid (never guessed). */
export interface IdValue { text: string; value: string | null }

export interface LrmxPerson {
  name: NameValue;
  gender: CodeValue;
  birth: DateValue;
  ethnicity: CodeValue;
  nativePlace: TextValue;
  birthPlace: TextValue;
  /** 入党时间: a date for CPC members, free text (a party name) or empty for others. */
  partyDate: DateValue;
  workDate: DateValue;
  /** 到龄年月 (2025 field, optional). */
  retirementMonth: DateValue;
  health: CodeValue;
  techTitle: TextValue;
  specialty: TextValue;
  fullTimeEducation: CodeValue;
  fullTimeDegree: CodeValue;
  fullTimeEducationSchool: TextValue;
  fullTimeDegreeSchool: TextValue;
  inServiceEducation: CodeValue;
  inServiceDegree: CodeValue;
  inServiceEducationSchool: TextValue;
  inServiceDegreeSchool: TextValue;
  currentPost: TextValue;
  proposedPost: TextValue;
  proposedRemoval: TextValue;
  /** 简历 as written; the parsed periods are `resume` of the result. */
  resumeText: TextValue;
  rewards: TextValue;
  appraisal: TextValue;
  reason: TextValue;
  reportingUnit: TextValue;
  /** 改革前任职年龄界限 (2025 field, optional; code group NLLB). */
  ageLimit: CodeValue;
  ageReferenceDate: DateValue;
  fillDate: DateValue;
  filler: TextValue;
  idNumber: IdValue;
  /** Editor version (`Version`), empty when absent (JAXB exporters omit it). */
  version: TextValue;
}

export interface LrmxFamilyMember {
  relation: CodeValue;
  name: NameValue;
  birth: DateValue;
  politicalStatus: CodeValue;
  workUnit: TextValue;
  /** 工作单位及职务 says 已去世/已故 (no age is shown for them). */
  deceased: boolean;
}

export type FieldKind = 'name' | 'text' | 'date' | 'day' | 'party' | 'code' | 'id';

export interface PersonFieldDef {
  key: keyof LrmxPerson;
  element: string;
  label: string;
  kind: FieldKind;
  table?: CodeTable;
  /** Added by the 2025 retirement reform: written only when non-empty. */
  optional?: boolean;
}

/**
 * `<Person>` children in the order of the reference template (§2.1); the 2025 fields where the editor's
 * field registry places them. `JiaTingChengYuan` and `ZhaoPian` are handled apart (after `RenMianLiYou`
 * and `ShenFenZheng`), `Version` last.
 */
export const PERSON_FIELDS: readonly PersonFieldDef[] = [
  { key: 'name', element: 'XingMing', label: '姓名', kind: 'name' },
  { key: 'gender', element: 'XingBie', label: '性别', kind: 'code', table: GENDER_TABLE },
  { key: 'birth', element: 'ChuShengNianYue', label: '出生年月', kind: 'date' },
  { key: 'ethnicity', element: 'MinZu', label: '民族', kind: 'code', table: ETHNICITY_TABLE },
  { key: 'nativePlace', element: 'JiGuan', label: '籍贯', kind: 'text' },
  { key: 'birthPlace', element: 'ChuShengDi', label: '出生地', kind: 'text' },
  { key: 'partyDate', element: 'RuDangShiJian', label: '入党时间', kind: 'party' },
  { key: 'workDate', element: 'CanJiaGongZuoShiJian', label: '参加工作时间', kind: 'date' },
  { key: 'retirementMonth', element: 'DaoLingNianYue', label: '到龄年月', kind: 'date', optional: true },
  { key: 'health', element: 'JianKangZhuangKuang', label: '健康状况', kind: 'code', table: HEALTH_TABLE },
  { key: 'techTitle', element: 'ZhuanYeJiShuZhiWu', label: '专业技术职务', kind: 'text' },
  { key: 'specialty', element: 'ShuXiZhuanYeYouHeZhuanChang', label: '熟悉专业有何专长', kind: 'text' },
  { key: 'fullTimeEducation', element: 'QuanRiZhiJiaoYu_XueLi', label: '全日制教育学历', kind: 'code', table: EDUCATION_TABLE },
  { key: 'fullTimeDegree', element: 'QuanRiZhiJiaoYu_XueWei', label: '全日制教育学位', kind: 'code', table: DEGREE_TABLE },
  { key: 'fullTimeEducationSchool', element: 'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', label: '全日制教育毕业院校系及专业（学历）', kind: 'text' },
  { key: 'fullTimeDegreeSchool', element: 'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', label: '全日制教育毕业院校系及专业（学位）', kind: 'text' },
  { key: 'inServiceEducation', element: 'ZaiZhiJiaoYu_XueLi', label: '在职教育学历', kind: 'code', table: EDUCATION_TABLE },
  { key: 'inServiceDegree', element: 'ZaiZhiJiaoYu_XueWei', label: '在职教育学位', kind: 'code', table: DEGREE_TABLE },
  { key: 'inServiceEducationSchool', element: 'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', label: '在职教育毕业院校系及专业（学历）', kind: 'text' },
  { key: 'inServiceDegreeSchool', element: 'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', label: '在职教育毕业院校系及专业（学位）', kind: 'text' },
  { key: 'currentPost', element: 'XianRenZhiWu', label: '现任职务', kind: 'text' },
  { key: 'proposedPost', element: 'NiRenZhiWu', label: '拟任职务', kind: 'text' },
  { key: 'proposedRemoval', element: 'NiMianZhiWu', label: '拟免职务', kind: 'text' },
  { key: 'resumeText', element: 'JianLi', label: '简历', kind: 'text' },
  { key: 'rewards', element: 'JiangChengQingKuang', label: '奖惩情况', kind: 'text' },
  { key: 'appraisal', element: 'NianDuKaoHeJieGuo', label: '年度考核结果', kind: 'text' },
  { key: 'reason', element: 'RenMianLiYou', label: '任免理由', kind: 'text' },
  { key: 'reportingUnit', element: 'ChengBaoDanWei', label: '呈报单位', kind: 'text' },
  { key: 'ageLimit', element: 'GaiGeQianRenZhiNianLingJieXian', label: '改革前任职年龄界限', kind: 'code', table: AGE_LIMIT_TABLE, optional: true },
  { key: 'ageReferenceDate', element: 'JiSuanNianLingShiJian', label: '计算年龄时间', kind: 'day' },
  { key: 'fillDate', element: 'TianBiaoShiJian', label: '填表时间', kind: 'day' },
  { key: 'filler', element: 'TianBiaoRen', label: '填表人', kind: 'text' },
  { key: 'idNumber', element: 'ShenFenZheng', label: '身份证号', kind: 'id' },
  { key: 'version', element: 'Version', label: '编辑器版本', kind: 'text' },
];

export interface FamilyFieldDef {
  key: Exclude<keyof LrmxFamilyMember, 'deceased'>;
  element: string;
  label: string;
  kind: FieldKind;
  table?: CodeTable;
}

/** `JiaTingChengYuan/Item` children in template order (§2.2). */
export const FAMILY_FIELDS: readonly FamilyFieldDef[] = [
  { key: 'relation', element: 'ChengWei', label: '称谓', kind: 'code', table: KINSHIP_TABLE },
  { key: 'name', element: 'XingMing', label: '姓名', kind: 'name' },
  { key: 'birth', element: 'ChuShengRiQi', label: '出生日期', kind: 'date' },
  { key: 'politicalStatus', element: 'ZhengZhiMianMao', label: '政治面貌', kind: 'code', table: POLITICAL_STATUS_TABLE },
  { key: 'workUnit', element: 'GongZuoDanWeiJiZhiWu', label: '工作单位及职务', kind: 'text' },
];

/** A name without the padding spaces of short Chinese names (`王  某` → `王某`); other names keep single spaces. */
export function nameValue(text: string): string {
  const compact = text.replace(/\s+/gu, '');
  if (/^[\p{Script=Han}·•・]+$/u.test(compact)) return compact;
  return text.replace(/\s+/gu, ' ');
}
