/**
 * Types of a parsed 干部任免审批表 (.lrmx / .lrm) and the table of its fields (reference/lrmx.md §2).
 * Every field keeps its text (trimmed, as written) beside the normalized value; the writer writes the
 * text back, so `parseLrmx(writeLrmx(x))` returns the same fields.
 */
import type { CodeTable, ParsedResume } from '@jiandu/domain';
import {
  AGE_LIMIT_TABLE, DEGREE_TABLE, EDUCATION_TABLE, ETHNICITY_TABLE, GENDER_TABLE, HEALTH_TABLE, KINSHIP_TABLE,
  POLITICAL_STATUS_TABLE,
} from '@jiandu/domain';

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

export type PhotoType = 'jpeg' | 'png' | 'gif' | 'bmp';

export interface LrmxPhoto {
  bytes: Buffer;
  type: PhotoType;
  mime: string;
}

/** An element we do not know, kept aside: its path, its text content and its raw inner XML. */
export interface LrmxUnknown {
  path: string;
  text: string;
  raw: string;
}

export interface LrmxIssue {
  /** `person.birth`, `family[0].birth`, `photo`, `file` … */
  field: string;
  /** 中文 name of the field (栏目). */
  label: string;
  message: string;
}

export interface LrmxDocument {
  person: LrmxPerson;
  family: LrmxFamilyMember[];
  photo: LrmxPhoto | null;
}

export interface LrmxParseResult extends LrmxDocument {
  format: 'lrmx' | 'lrm';
  /** The encoding the bytes were decoded with (`utf-8`, `utf-16le`, `gb18030` …). */
  encoding: string;
  resume: ParsedResume;
  unknown: LrmxUnknown[];
  warnings: LrmxIssue[];
  errors: LrmxIssue[];
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

export const FAMILY_ELEMENT = 'JiaTingChengYuan';
export const PHOTO_ELEMENT = 'ZhaoPian';
/** The editor version written when the document has none (observed in the reference template). */
export const DEFAULT_VERSION = '3.2.1.6';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Texts of one form before normalization: element name → text, as read from either format. */
export interface LrmxTexts {
  person: Record<string, string>;
  family: Array<Record<string, string>>;
}

export type LrmxFileErrorCode = 'too_large' | 'empty' | 'dtd' | 'not_xml' | 'not_lrmx' | 'not_lrm' | 'encoding';

/**
 * A file-level problem (the whole file is rejected): too big, not XML, a DTD/entity declaration, wrong
 * root element, not a .lrm record. The parsers throw it; its message is Chinese and meant for the user.
 * Problems of single fields never throw: they are `errors`/`warnings` of the result.
 */
export class LrmxFileError extends Error {
  constructor(public readonly code: LrmxFileErrorCode, message: string) {
    super(message);
    this.name = 'LrmxFileError';
  }
}
