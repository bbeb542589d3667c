/**
 * 组织机构 sheet (one unit per row, the org tree an office keeps in Excel): its columns with the headers
 * offices use, the words they write for 单位类别 and 层级 mapped to the dictionary (`ORG_TYPES`,
 * `ORG_LEVELS`), and the mapping of a normalized row to the facts of a unit. Pure. The tree itself
 * (parents, cycles, duplicates, matching the registry) is planned in org-tree.ts.
 */
import type { ColumnSpec } from '../contracts/sheet.ts';
import { ORG_LEVELS, ORG_TYPES, type OrgLevel, type OrgType } from './registry.ts';

/** The kind of the import job (`import_batch.kind`) for org trees. */
export const ORG_IMPORT_KIND = 'orgs';
export const ORG_IMPORT_KIND_NAME = '组织机构';
/** What users may type for the org kind (CLI, `?kind=`). */
export const ORG_IMPORT_KIND_ALIASES = [ORG_IMPORT_KIND, 'org', ORG_IMPORT_KIND_NAME, '单位', '组织', '机构', '组织机构树', '单位名录'];

export function isOrgImportKind(ref: string): boolean {
  return ORG_IMPORT_KIND_ALIASES.includes(ref.trim());
}

const fold = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/gu, '');

/** The words offices write for each 单位类别 (the dictionary word itself matches too). */
export const ORG_TYPE_SYNONYMS: Readonly<Record<OrgType, readonly string[]>> = {
  党委: ['地方党委', '党的委员会', '县委', '市委', '区委', '党委会'],
  人大: ['人大常委会', '人民代表大会常务委员会', '人大机关', '权力机关'],
  政府: ['人民政府', '县政府', '市政府', '区政府', '行政机关'],
  政协: ['政协委员会', '政协机关', '人民政协'],
  纪委监委: ['纪委', '监委', '纪检监察机关', '纪律检查委员会', '纪委监察委', '纪检监察'],
  法院: ['人民法院', '审判机关'],
  检察院: ['人民检察院', '检察机关'],
  党委部门: ['党委工作部门', '党委职能部门', '党委工作机关', '党委办事机构', '党的工作部门', '党委部委', '党委直属机构', '党委机关'],
  政府部门: ['政府工作部门', '政府组成部门', '政府直属机构', '政府职能部门', '政府直属特设机构', '政府部门管理机构', '政府机关'],
  群团组织: ['群团', '人民团体', '群众团体', '群团机关'],
  乡镇: ['镇', '乡', '乡镇', '民族乡', '乡镇党委', '乡镇政府', '镇党委', '乡党委'],
  街道: ['街道办事处', '街道办', '街道党工委', '街道党工委办事处'],
  国有企业: ['国企', '国有独资企业', '国有控股企业', '国有公司', '县属国企', '市属国企', '区属国企', '企业'],
  高等学校: ['高校', '大学', '学院', '高等院校', '高职院校'],
  事业单位: ['事业', '直属事业单位', '公益一类事业单位', '公益二类事业单位', '参公事业单位', '参照公务员法管理事业单位'],
};

/** The words offices write for each 层级. 省级 is not a level of this system (a city or county install). */
export const ORG_LEVEL_SYNONYMS: Readonly<Record<OrgLevel, readonly string[]>> = {
  市级: ['地级', '地市级', '市', '地厅级', '厅局级', '厅级', '正厅级', '副厅级', '市本级'],
  县级: ['县', '区县级', '县区级', '县处级', '处级', '正处级', '副处级', '县本级'],
  乡级: ['乡科级', '科级', '正科级', '副科级', '乡镇级', '乡镇', '股级'],
};

function lookup<T extends string>(words: readonly T[], synonyms: Readonly<Record<T, readonly string[]>>): Map<string, T> {
  const m = new Map<string, T>();
  for (const w of words) m.set(fold(w), w);
  for (const w of words) for (const s of synonyms[w]) if (!m.has(fold(s))) m.set(fold(s), w);
  return m;
}
const TYPE_WORDS = lookup(ORG_TYPES, ORG_TYPE_SYNONYMS);
const LEVEL_WORDS = lookup(ORG_LEVELS, ORG_LEVEL_SYNONYMS);

/** `党委工作部门` → 党委部门, `镇` → 乡镇, `国企` → 国有企业; null when the word is none of them. */
export function orgTypeOf(text: string): OrgType | null {
  return TYPE_WORDS.get(fold(text)) ?? null;
}

/** `地级` → 市级, `正处级` → 县级, `乡科级` → 乡级; null when the word is none of them. */
export function orgLevelOf(text: string): OrgLevel | null {
  return LEVEL_WORDS.get(fold(text)) ?? null;
}

/**
 * The 单位类别 a unit's name makes plain (县委组织部 → 党委部门, 县财政局 → 政府部门, 石桥镇 → 乡镇), for a
 * row that leaves 单位类别 blank; null when the name does not tell.
 */
export function guessOrgType(name: string): OrgType | null {
  const n = fold(name);
  if (/街道(办事处|党工委)?$/u.test(n)) return '街道';
  if (/(镇|乡)(党委|人民政府|政府)?$/u.test(n)) return '乡镇';
  if (/纪委|监委|纪律检查委员会|监察委员会/u.test(n)) return '纪委监委';
  if (/法院$/u.test(n)) return '法院';
  if (/检察院$/u.test(n)) return '检察院';
  if (/人大常委会$|人民代表大会/u.test(n)) return '人大';
  if (/政协/u.test(n)) return '政协';
  if (/(总工会|妇联|妇女联合会|科协|工商联|残联|红十字会|文联|侨联|团[县市区]委|共青团)/u.test(n)) return '群团组织';
  if (/^(中共)?.{0,8}[县市区州旗]委.+(部|办公室|委员会|室|工委)$/u.test(n)) return '党委部门';
  if (/^中共.+委员会$|[县市区州旗]委$/u.test(n)) return '党委';
  if (/人民政府$|[县市区]政府$/u.test(n)) return '政府';
  if (/(政府办公室|局|政府.+委员会|政府.+办公室)$/u.test(n)) return '政府部门';
  if (/(大学|学院)$/u.test(n)) return '高等学校';
  if (/(公司|集团)$/u.test(n)) return '国有企业';
  if (/(中心|学校|医院|站|所|馆|院|台)$/u.test(n)) return '事业单位';
  return null;
}

export const ORG_COLUMNS: readonly ColumnSpec[] = [
  { key: 'seq', label: '序号', type: 'text', synonyms: ['编号', 'No', 'NO.', '序'], help: '不导入' },
  { key: 'name', label: '单位名称', type: 'text', required: true, maxLength: 100, synonyms: ['单位', '名称', '单位全称', '机构名称', '组织名称', '机构', '单位（全称）'], example: '临江县财政局' },
  {
    key: 'parent', label: '上级单位', type: 'text', maxLength: 100, synonyms: ['上级', '上级单位名称', '隶属单位', '上级机构', '主管单位', '所属单位', '上级组织', '隶属关系'],
    example: '临江县人民政府', help: '上级单位的名称、简称或行政区划代码；上级在表中或已在系统中均可，顺序不限；空白为顶层（有管辖范围的账号：管辖范围的根单位之下）',
  },
  { key: 'shortName', label: '简称', type: 'text', maxLength: 50, synonyms: ['单位简称', '机构简称'], example: '县财政局' },
  {
    key: 'type', label: '单位类别', type: 'text', maxLength: 30, synonyms: ['单位类型', '类别', '机构类别', '机构类型', '单位性质', '机构性质', '类型'],
    example: '政府工作部门', help: `${ORG_TYPES.join('、')}（党委工作部门、政府工作部门、镇、街道办事处、国企、高校等写法也可）；空白时按名称判断`,
  },
  {
    key: 'level', label: '层级', type: 'text', maxLength: 20, synonyms: ['单位层级', '级别', '机构级别', '机构规格', '规格', '单位级别', '行政级别'],
    example: '县级', help: `${ORG_LEVELS.join('、')}（地级、县处级、乡科级等写法也可）；空白时同上级单位，乡镇、街道为乡级`,
  },
  { key: 'regionCode', label: '行政区划代码', type: 'text', maxLength: 12, synonyms: ['区划代码', '行政区划', '行政区域代码', '区域代码'], example: '519921', help: '6位数字；空白时同上级单位' },
  { key: 'withTeam', label: '是否设领导班子', type: 'text', maxLength: 10, synonyms: ['领导班子', '设领导班子', '有无领导班子', '是否设班子', '班子', '有领导班子'], example: '是', help: '是/否（有/无、√ 也可）' },
  { key: 'sort', label: '排序', type: 'integer', synonyms: ['排序号', '顺序', '顺序号', '排列顺序'], example: '10', help: '同一上级下的顺序，数字小的在前；空白时排在最后' },
  { key: 'remark', label: '备注', type: 'text', maxLength: 500, help: '不导入' },
];

export interface OrgRowFacts {
  name: string;
  /** 上级单位 as written (name, short name or 行政区划代码); null = blank. */
  parentRef: string | null;
  shortName: string | null;
  type: OrgType | null;
  level: OrgLevel | null;
  regionCode: string | null;
  withTeam: boolean | null;
  sort: number | null;
}

export interface OrgRowIssue {
  /** `ORG_COLUMNS` key the problem is about. */
  key: string;
  message: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.replace(/[\u3000]/gu, ' ').trim() : v === null || v === undefined ? '' : String(v).trim());
const YES = new Set(['是', '有', '设', '√', '✓', '✔', 'y', 'yes', 'true', '1', '设立', '已设']);
const NO = new Set(['否', '无', '不设', '没有', '×', '✗', 'x', 'n', 'no', 'false', '0', '未设']);

/** 是/有/√ → true, 否/无 → false, blank → null; anything else → undefined. */
export function teamFlagOf(text: string): boolean | null | undefined {
  const t = fold(text).toLowerCase();
  if (t === '') return null;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

/** A normalized org row (values by `ORG_COLUMNS` key) → the unit's facts; problems name the column. */
export function orgRowFacts(values: Record<string, unknown>): { facts: OrgRowFacts; issues: OrgRowIssue[] } {
  const issues: OrgRowIssue[] = [];
  const name = str(values.name).replace(/\s+/gu, '');
  if (name === '') issues.push({ key: 'name', message: '请填写单位名称' });
  const typeText = str(values.type);
  const type = typeText === '' ? null : orgTypeOf(typeText);
  if (typeText !== '' && !type) issues.push({ key: 'type', message: `单位类别“${typeText}”无法识别，应为：${ORG_TYPES.join('、')}` });
  const levelText = str(values.level);
  const level = levelText === '' ? null : orgLevelOf(levelText);
  if (levelText !== '' && !level) {
    issues.push({ key: 'level', message: fold(levelText).startsWith('省') ? `层级“${levelText}”：本系统只管理市级、县级、乡级单位` : `层级“${levelText}”无法识别，应为：${ORG_LEVELS.join('、')}` });
  }
  const codeText = fold(str(values.regionCode));
  if (codeText !== '' && !/^\d{6}$/u.test(codeText)) issues.push({ key: 'regionCode', message: `行政区划代码“${codeText}”应为6位数字` });
  const teamText = str(values.withTeam);
  const withTeam = teamFlagOf(teamText);
  if (withTeam === undefined) issues.push({ key: 'withTeam', message: `“${teamText}”无法识别，应填“是”或“否”` });
  const sort = typeof values.sort === 'number' ? values.sort : null;
  const parent = str(values.parent).replace(/\s+/gu, '');
  const shortName = str(values.shortName).replace(/\s+/gu, '');
  return {
    facts: {
      name, parentRef: parent === '' ? null : parent, shortName: shortName === '' ? null : shortName, type, level,
      regionCode: /^\d{6}$/u.test(codeText) ? codeText : null, withTeam: withTeam ?? null, sort,
    },
    issues,
  };
}
