/**
 * 干部名册 (花名册, one cadre per row): its spreadsheet columns, with the headers rosters use for them
 * (reference/lrmx.md §8), and the mapping of a normalized row to the facts of a cadre — the registry
 * columns and the 任免审批表 field texts (dates written `YYYYMM` as the form writes them). Pure.
 *
 * The pitfalls of real rosters handled here or by the cell normalizers: the header under title rows,
 * dates as Excel serials / `1978.03` / `1978-03` / `197803` / `1978.3`, 身份证号 that lost digits as
 * numbers (refused), `汉` for `汉族`, names padded with spaces or U+3000, one 学历学位 cell holding
 * both values on two lines, and 党派 written in the 入党时间 column.
 */
import type { ColumnSpec } from '../contracts/sheet.ts';
import { normalizeMonthCell } from '../validation/cell-values.ts';
import { toCompactDate } from '../validation/dates.ts';
import { parseIdNumber } from '../validation/id-number.ts';
import { DEGREE_TABLE } from './gbt/degree.ts';
import { EDUCATION_TABLE } from './gbt/education.ts';
import { ETHNICITY_TABLE } from './gbt/ethnicity.ts';
import { findEntry } from './gbt/table.ts';
import { withHeaderVariants } from '../ledger/header-variants.ts';

/** The kind of the import job (`import_batch.kind`) for rosters. */
export const ROSTER_KIND = 'roster';
export const ROSTER_KIND_NAME = '干部名册';
/** What users may type for the roster kind (CLI, `?kind=`). */
export const ROSTER_KIND_ALIASES = [ROSTER_KIND, ROSTER_KIND_NAME, '花名册', '名册', '干部花名册'];

export function isRosterKind(ref: string): boolean {
  return ROSTER_KIND_ALIASES.includes(ref.trim());
}

/**
 * Record fields a roster carries that the 任免审批表 has no element for: kept in the cadre's record under
 * these (Chinese) keys beside the form's element names, shown in differences, not written to .lrmx.
 */
export const ROSTER_EXTRA_FIELDS = { postSince: '任现职务时间', gradeSince: '任现职级时间', rank: '职务层次', remark: '备注' } as const;

export const ROSTER_COLUMNS: readonly ColumnSpec[] = ([
  { key: 'seq', label: '序号', type: 'text', synonyms: ['编号', 'No', 'NO.', '序'], help: '不导入' },
  { key: 'name', label: '姓名', type: 'name', required: true, synonyms: ['名字', '干部姓名'], example: '林晓舟' },
  { key: 'gender', label: '性别', type: 'enum', options: ['男', '女'], example: '男' },
  { key: 'ethnicity', label: '民族', type: 'text', maxLength: 20, synonyms: ['族别'], example: '汉族', help: '如 汉族；写“汉”也可' },
  { key: 'nativePlace', label: '籍贯', type: 'text', maxLength: 50, synonyms: ['籍贯（出生地）'], example: '浙江宁海' },
  { key: 'birthPlace', label: '出生地', type: 'text', maxLength: 50, synonyms: ['出生地点'], example: '浙江宁海' },
  { key: 'birth', label: '出生年月', type: 'month', synonyms: ['出生日期', '出生年月日', '出生时间'], example: '1978.03', help: '如 1978.03、1978-03、197803；有身份证号时以身份证号为准' },
  { key: 'partyDate', label: '入党时间', type: 'text', maxLength: 30, synonyms: ['入党日期', '入党年月', '党派', '入党时间（党派）', '党派及入党时间'], example: '2001.06', help: '中共党员填入党年月；其他填党派名称' },
  { key: 'workDate', label: '参加工作时间', type: 'month', synonyms: ['参工时间', '参加工作日期', '参加工作年月'], example: '2000.07' },
  { key: 'idNumber', label: '身份证号', type: 'idNumber', synonyms: ['身份证', '证件号码', '证件号', '身份证号码', '公民身份号码', '公民身份证号'], example: '33022619780315001X', help: '18位；请把此列设为文本格式' },
  { key: 'fullTimeEducationDegree', label: '全日制学历学位', type: 'text', maxLength: 60, synonyms: ['全日制教育学历学位', '全日制教育'], help: '学历和学位写在一格时用此列（如“大学 经济学学士”，可分两行）' },
  { key: 'fullTimeEducation', label: '全日制学历', type: 'text', maxLength: 30, synonyms: ['学历', '最高学历', '全日制教育学历', '全日制教育·学历'], example: '大学' },
  { key: 'fullTimeDegree', label: '全日制学位', type: 'text', maxLength: 30, synonyms: ['学位', '最高学位', '全日制教育学位', '全日制教育·学位'], example: '经济学学士' },
  { key: 'fullTimeSchool', label: '全日制毕业院校及专业', type: 'text', maxLength: 100, synonyms: ['毕业院校及专业', '毕业院校', '全日制学历毕业院校', '全日制毕业院校', '毕业院校系及专业', '全日制教育毕业院校系及专业', '全日制教育·毕业院校系及专业', '全日制教育·毕业院校及专业'], example: '某某财经学院经济系国民经济管理专业' },
  { key: 'inServiceEducationDegree', label: '在职学历学位', type: 'text', maxLength: 60, synonyms: ['在职教育学历学位', '在职教育'] },
  { key: 'inServiceEducation', label: '在职学历', type: 'text', maxLength: 30, synonyms: ['在职教育学历', '在职教育·学历'], example: '研究生' },
  { key: 'inServiceDegree', label: '在职学位', type: 'text', maxLength: 30, synonyms: ['在职教育学位', '在职教育·学位'], example: '公共管理硕士' },
  { key: 'inServiceSchool', label: '在职毕业院校及专业', type: 'text', maxLength: 100, synonyms: ['在职毕业院校', '在职学历毕业院校', '在职教育毕业院校系及专业', '在职教育·毕业院校系及专业', '在职教育·毕业院校及专业'] },
  { key: 'techTitle', label: '专业技术职务', type: 'text', maxLength: 50, synonyms: ['专业技术职称', '技术职称', '职称'], example: '经济师' },
  { key: 'currentPost', label: '现任职务', type: 'text', maxLength: 200, synonyms: ['现任职务（工作单位及职务）', '工作单位及职务', '职务', '现职务', '现工作单位及职务', '现任工作单位及职务'], example: '某某县委常委、组织部部长' },
  { key: 'postSince', label: '任现职务时间', type: 'month', synonyms: ['任现职时间', '任职时间', '现任职务时间'], example: '2019.11' },
  { key: 'gradeSince', label: '任现职级时间', type: 'month', synonyms: ['任同职级时间', '任现职级时间（任同职级时间）', '任职级时间'] },
  { key: 'rank', label: '职务层次', type: 'text', maxLength: 20, synonyms: ['职级', '职务层次/职级', '职务层次（职级）', '职务级别', '级别', '职务职级'], example: '正处级' },
  { key: 'retirementMonth', label: '到龄年月', type: 'month', synonyms: ['到龄日期', '退休到龄时间', '到龄退休时间'] },
  { key: 'orgName', label: '单位', type: 'text', maxLength: 100, synonyms: ['所在单位', '工作单位', '单位名称', '现工作单位'], example: '东平县委', help: '系统中的单位名称（或简称）；新干部不填时按“现任职务”中的单位，再按导入时选择的默认单位' },
  { key: 'remark', label: '备注', type: 'text', maxLength: 500, synonyms: ['说明', '备注说明'] },
] satisfies ColumnSpec[]).map(withHeaderVariants);

/** The registry columns of a cadre an import may set (`cadre` table). */
export const REGISTRY_KEYS = [
  'gender', 'birth', 'ethnicity', 'nativePlace', 'birthPlace', 'partyDate', 'workDate', 'educationFullTime', 'educationInService', 'rank',
] as const;
export type RegistryKey = (typeof REGISTRY_KEYS)[number];

export interface RosterFacts {
  name: string;
  idNumber: string | null;
  orgName: string | null;
  /** 任免审批表 element (or `ROSTER_EXTRA_FIELDS` key) → text, only what the row fills. */
  fields: Record<string, string>;
}

export interface RosterIssue {
  /** Roster column key the problem is about. */
  key: string;
  message: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v));

/** `大学\n经济学学士`, `大学 经济学学士`, `研究生/公共管理硕士` → [学历, 学位], each recognised by its code table when it can be. */
export function splitEducationDegree(text: string): [string, string] {
  const parts = text.split(/[\n\r\t \u3000/／、，,]+/u).map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return ['', ''];
  if (parts.length === 1) {
    const only = parts[0]!;
    if (findEntry(DEGREE_TABLE, only) && !findEntry(EDUCATION_TABLE, only)) return ['', only];
    return [only, ''];
  }
  const degreeAt = parts.findIndex((p) => findEntry(DEGREE_TABLE, p) !== null && findEntry(EDUCATION_TABLE, p) === null);
  if (degreeAt > 0) return [parts.slice(0, degreeAt).join(''), parts.slice(degreeAt).join('')];
  return [parts[0]!, parts.slice(1).join('')];
}

/**
 * A roster's 入党时间 cell: a month for CPC members (any date form, Excel serials included) → `YYYYMM`;
 * a party name (`民盟`, `群众`) as written. A cell that starts with a digit but is no date is a problem.
 */
export function rosterPartyText(text: string): { ok: true; value: string } | { ok: false; message: string } {
  if (text === '' || !/^[0-9０-９]/u.test(text)) return { ok: true, value: text };
  const r = normalizeMonthCell(text);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, value: toCompactDate(r.value, 'YYYYMM') };
}

/** 民族 as the form writes it (`汉` → `汉族`); unknown names as written. */
export function ethnicityText(text: string): string {
  return text === '' ? '' : findEntry(ETHNICITY_TABLE, text)?.name ?? text;
}

/**
 * A normalized roster row (values by `ROSTER_COLUMNS` key) → the cadre's facts. Problems name the
 * column; the row is still mapped as far as it can be.
 */
export function rosterRowFacts(values: Record<string, unknown>): { facts: RosterFacts; issues: RosterIssue[] } {
  const issues: RosterIssue[] = [];
  const fields: Record<string, string> = {};
  const set = (element: string, text: string) => { if (text !== '') fields[element] = text; };
  const month = (v: unknown) => (typeof v === 'string' && v !== '' ? toCompactDate(v, 'YYYYMM') : '');

  const name = str(values.name);
  set('XingMing', name);
  let idNumber: string | null = null;
  if (str(values.idNumber) !== '') {
    const id = parseIdNumber(str(values.idNumber));
    if (id.ok) {
      idNumber = id.value;
      // As in the form of a new cadre: the 身份证号 says the gender and the birth month.
      if (str(values.gender) !== '' && str(values.gender) !== id.gender) issues.push({ key: 'gender', message: `性别与身份证号不一致：身份证号表明性别为${id.gender}` });
      if (typeof values.birth === 'string' && values.birth !== '' && values.birth.slice(0, 7) !== id.birth) {
        issues.push({ key: 'birth', message: `出生年月与身份证号不一致：身份证号中的出生年月为 ${id.birth}` });
      }
    } else issues.push({ key: 'idNumber', message: id.message });
  }
  set('XingBie', str(values.gender));
  set('ChuShengNianYue', month(values.birth));
  set('MinZu', ethnicityText(str(values.ethnicity)));
  set('JiGuan', str(values.nativePlace));
  set('ChuShengDi', str(values.birthPlace));
  const party = rosterPartyText(str(values.partyDate));
  if (party.ok) set('RuDangShiJian', party.value);
  else issues.push({ key: 'partyDate', message: party.message });
  set('CanJiaGongZuoShiJian', month(values.workDate));
  set('DaoLingNianYue', month(values.retirementMonth));

  for (const [combined, eduKey, degKey, schoolKey, eduEl, degEl, schoolEl] of [
    ['fullTimeEducationDegree', 'fullTimeEducation', 'fullTimeDegree', 'fullTimeSchool', 'QuanRiZhiJiaoYu_XueLi', 'QuanRiZhiJiaoYu_XueWei', 'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi'],
    ['inServiceEducationDegree', 'inServiceEducation', 'inServiceDegree', 'inServiceSchool', 'ZaiZhiJiaoYu_XueLi', 'ZaiZhiJiaoYu_XueWei', 'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi'],
  ] as const) {
    const [eduPart, degPart] = splitEducationDegree(str(values[combined]));
    const edu = str(values[eduKey]) || eduPart;
    const deg = str(values[degKey]) || degPart;
    set(eduEl, findEntry(EDUCATION_TABLE, edu)?.name ?? edu);
    set(degEl, deg);
    set(schoolEl, str(values[schoolKey]));
  }
  set('ZhuanYeJiShuZhiWu', str(values.techTitle));
  set('XianRenZhiWu', str(values.currentPost));
  set(ROSTER_EXTRA_FIELDS.postSince, month(values.postSince));
  set(ROSTER_EXTRA_FIELDS.gradeSince, month(values.gradeSince));
  set(ROSTER_EXTRA_FIELDS.rank, str(values.rank));
  set(ROSTER_EXTRA_FIELDS.remark, str(values.remark));

  const orgName = str(values.orgName) || null;
  return { facts: { name, idNumber, orgName, fields }, issues };
}
