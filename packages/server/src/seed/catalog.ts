/**
 * What a city's and a county's organisations look like: the units in the order a smaller place would
 * still have them, and the posts of each unit's leadership. Name patterns: {P} the place stem
 * (青川 / 东平 / 云岭彝族自治), {K} its level character (市 / 县 / 区).
 */
import type { OrgType } from '@jiandu/domain';

export interface UnitDef {
  /** Links the unit to a standing-committee member who heads it (组织部部长, 宣传部部长 …). */
  key?: 'office' | 'org' | 'prop' | 'pl' | 'uf';
  name: string;
  short: string;
  type: OrgType;
  /** Title of the 一把手 and of the deputies, and the deputies' count range. */
  head: string;
  deputy: string;
  deputies: readonly [number, number];
  /** An extra deputy-rank title held by one member (e.g. 总经理 under a 董事长). */
  second?: string;
  /** Only at this level (default: both). */
  only?: 'city' | 'county';
  /** Chance that the head is a woman (default by rank). */
  femaleHead?: number;
}

const d = (
  name: string, short: string, type: OrgType, head: string, deputy: string,
  extra: Partial<UnitDef> = {}, deputies: readonly [number, number] = [2, 4],
): UnitDef => ({ name, short, type, head, deputy, deputies, ...extra });

/** 市直 / 县直部门 in priority order: a small place has the first ones (组织部 always: it manages the rest). */
export const DEPARTMENTS: readonly UnitDef[] = [
  d('{P}{K}委组织部', '{K}委组织部', '党委部门', '部长', '副部长', { key: 'org' }),
  d('{P}{K}委办公室', '{K}委办', '党委部门', '主任', '副主任', { key: 'office' }),
  d('{P}{K}委宣传部', '{K}委宣传部', '党委部门', '部长', '副部长', { key: 'prop' }),
  d('{P}{K}人民政府办公室', '{K}政府办', '政府部门', '主任', '副主任'),
  d('{P}{K}财政局', '{K}财政局', '政府部门', '局长', '副局长'),
  d('{P}{K}信访局', '{K}信访局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}委政法委员会', '{K}委政法委', '党委部门', '书记', '副书记', { key: 'pl' }),
  d('{P}{K}委统战部', '{K}委统战部', '党委部门', '部长', '副部长', { key: 'uf' }),
  d('{P}{K}发展和改革委员会', '{K}发改委', '政府部门', '主任', '副主任', { only: 'city' }),
  d('{P}{K}发展和改革局', '{K}发改局', '政府部门', '局长', '副局长', { only: 'county' }),
  d('{P}{K}教育局', '{K}教育局', '政府部门', '局长', '副局长'),
  d('{P}{K}公安局', '{K}公安局', '政府部门', '局长', '副局长', {}, [3, 4]),
  d('{P}{K}审计局', '{K}审计局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}委巡察工作领导小组办公室', '{K}委巡察办', '党委部门', '主任', '副主任', {}, [1, 2]),
  d('{P}{K}人力资源和社会保障局', '{K}人社局', '政府部门', '局长', '副局长'),
  d('{P}{K}自然资源和规划局', '{K}自然资源局', '政府部门', '局长', '副局长'),
  d('{P}{K}住房和城乡建设局', '{K}住建局', '政府部门', '局长', '副局长'),
  d('{P}{K}农业农村局', '{K}农业农村局', '政府部门', '局长', '副局长'),
  d('{P}{K}卫生健康委员会', '{K}卫健委', '政府部门', '主任', '副主任', { only: 'city' }),
  d('{P}{K}卫生健康局', '{K}卫健局', '政府部门', '局长', '副局长', { only: 'county' }),
  d('{P}{K}交通运输局', '{K}交通运输局', '政府部门', '局长', '副局长'),
  d('{P}{K}水利局', '{K}水利局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}民政局', '{K}民政局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}司法局', '{K}司法局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}生态环境局', '{K}生态环境局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}经济和信息化局', '{K}经信局', '政府部门', '局长', '副局长', { only: 'city' }),
  d('{P}{K}经济信息化和商务局', '{K}经信商务局', '政府部门', '局长', '副局长', { only: 'county' }),
  d('{P}{K}商务局', '{K}商务局', '政府部门', '局长', '副局长', { only: 'city' }),
  d('{P}{K}文化广播电视和旅游局', '{K}文广旅局', '政府部门', '局长', '副局长'),
  d('{P}{K}市场监督管理局', '{K}市场监管局', '政府部门', '局长', '副局长'),
  d('{P}{K}应急管理局', '{K}应急管理局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}退役军人事务局', '{K}退役军人局', '政府部门', '局长', '副局长', {}, [1, 2]),
  d('{P}{K}医疗保障局', '{K}医保局', '政府部门', '局长', '副局长', {}, [1, 2]),
  d('{P}{K}统计局', '{K}统计局', '政府部门', '局长', '副局长', {}, [1, 2]),
  d('{P}{K}林业局', '{K}林业局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}科学技术局', '{K}科技局', '政府部门', '局长', '副局长', { only: 'city' }, [1, 3]),
  d('{P}{K}国有资产监督管理委员会', '{K}国资委', '政府部门', '主任', '副主任', { only: 'city' }),
  d('{P}{K}民族宗教事务局', '{K}民宗局', '政府部门', '局长', '副局长', {}, [1, 2]),
  d('{P}{K}行政审批局', '{K}行政审批局', '政府部门', '局长', '副局长', {}, [1, 3]),
  d('{P}{K}乡村振兴局', '{K}乡村振兴局', '政府部门', '局长', '副局长', {}, [1, 2]),
  d('{P}{K}机关事务管理局', '{K}机关事务局', '政府部门', '局长', '副局长', {}, [1, 2]),
  d('{P}{K}综合行政执法局', '{K}综合执法局', '政府部门', '局长', '副局长'),
  d('{P}{K}投资促进局', '{K}投促局', '政府部门', '局长', '副局长', { only: 'city' }, [1, 3]),
  d('{P}{K}委机构编制委员会办公室', '{K}委编办', '党委部门', '主任', '副主任', {}, [1, 2]),
  d('{P}{K}委网络安全和信息化委员会办公室', '{K}委网信办', '党委部门', '主任', '副主任', {}, [1, 2]),
  d('{P}{K}委政策研究室', '{K}委政研室', '党委部门', '主任', '副主任', { only: 'city' }, [1, 2]),
  d('{P}{K}委党校', '{K}委党校', '事业单位', '常务副校长', '副校长', {}, [1, 3]),
  d('{P}{K}直机关工作委员会', '{K}直机关工委', '党委部门', '书记', '副书记', {}, [1, 2]),
  d('{P}{K}总工会', '{K}总工会', '群团组织', '主席', '副主席', {}, [1, 3]),
  d('共青团{P}{K}委员会', '团{K}委', '群团组织', '书记', '副书记', {}, [1, 2]),
  d('{P}{K}妇女联合会', '{K}妇联', '群团组织', '主席', '副主席', { femaleHead: 0.95 }, [1, 2]),
  d('{P}{K}档案馆', '{K}档案馆', '事业单位', '馆长', '副馆长', {}, [1, 2]),
  d('{P}{K}地方志编纂中心', '{K}地方志中心', '事业单位', '主任', '副主任', {}, [1, 2]),
];

/** 国企、高校、事业单位 at city level, interleaved so a small city still has a few of each kind. */
export const CITY_UNITS: readonly UnitDef[] = [
  d('{P}发展投资集团有限公司', '{P}发展集团', '国有企业', '党委书记、董事长', '副总经理', { second: '党委副书记、总经理' }),
  d('{P}学院', '{P}学院', '高等学校', '党委书记', '副院长', { second: '党委副书记、院长' }),
  d('{P}{K}第一人民医院', '{K}一医院', '事业单位', '党委书记', '副院长', { second: '院长' }),
  d('{P}城市建设投资集团有限公司', '{P}城投集团', '国有企业', '党委书记、董事长', '副总经理', { second: '党委副书记、总经理' }),
  d('{P}日报社', '{P}日报社', '事业单位', '党委书记、社长', '副社长', { second: '总编辑' }, [1, 2]),
  d('{P}职业技术学院', '{P}职院', '高等学校', '党委书记', '副院长', { second: '党委副书记、院长' }),
  d('{P}交通投资集团有限公司', '{P}交投集团', '国有企业', '党委书记、董事长', '副总经理', { second: '党委副书记、总经理' }),
  d('{P}{K}广播电视台', '{K}广播电视台', '事业单位', '台长', '副台长', {}, [1, 3]),
  d('{P}{K}中心医院', '{K}中心医院', '事业单位', '党委书记', '副院长', { second: '院长' }),
  d('{P}{K}农业科学研究院', '{K}农科院', '事业单位', '院长', '副院长', {}, [1, 2]),
  d('{P}水务集团有限公司', '{P}水务集团', '国有企业', '党委书记、董事长', '副总经理', { second: '党委副书记、总经理' }),
  d('{P}{K}疾病预防控制中心', '{K}疾控中心', '事业单位', '主任', '副主任', {}, [1, 3]),
  d('{P}文化旅游发展集团有限公司', '{P}文旅集团', '国有企业', '党委书记、董事长', '副总经理', { second: '党委副书记、总经理' }),
  d('{P}{K}中医医院', '{K}中医院', '事业单位', '党委书记', '副院长', { second: '院长' }),
  d('{P}{K}第一中学', '{K}一中', '事业单位', '党委书记', '副校长', { second: '校长' }),
];

/** 县属 units. */
export const COUNTY_UNITS: readonly UnitDef[] = [
  d('{P}{K}人民医院', '{K}人民医院', '事业单位', '党委书记', '副院长', { second: '院长' }, [1, 3]),
  d('{P}{K}国有资产投资经营有限公司', '{K}国投公司', '国有企业', '党委书记、董事长', '副总经理', { second: '总经理' }, [1, 2]),
  d('{P}{K}第一中学', '{K}一中', '事业单位', '党委书记', '副校长', { second: '校长' }, [1, 3]),
  d('{P}{K}中医医院', '{K}中医院', '事业单位', '党委书记', '副院长', { second: '院长' }, [1, 2]),
  d('{P}{K}城市建设投资有限公司', '{K}城投公司', '国有企业', '党委书记、董事长', '副总经理', { second: '总经理' }, [1, 2]),
  d('{P}{K}疾病预防控制中心', '{K}疾控中心', '事业单位', '主任', '副主任', {}, [1, 2]),
  d('{P}{K}妇幼保健院', '{K}妇幼保健院', '事业单位', '党支部书记', '副院长', { second: '院长' }, [1, 2]),
  d('{P}{K}职业中学', '{K}职中', '事业单位', '党总支书记', '副校长', { second: '校长' }, [1, 2]),
  d('{P}{K}实验小学', '{K}实验小学', '事业单位', '党总支书记', '副校长', { second: '校长' }, [1, 2]),
];

/** Numbered units once the lists run out (a province-scale city or county has many schools). */
export function numberedUnit(n: number): UnitDef {
  const cn = toChineseNumber(n);
  return n % 3 === 0
    ? d(`{P}{K}第${cn}人民医院`, `{K}${cn}医院`, '事业单位', '党委书记', '副院长', { second: '院长' }, [1, 2])
    : d(`{P}{K}第${cn}中学`, `{K}${cn}中`, '事业单位', '党总支书记', '副校长', { second: '校长' }, [1, 2]);
}

export function toChineseNumber(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

export function fill(pattern: string, stem: string, k: string): string {
  return pattern.replaceAll('{P}', stem).replaceAll('{K}', k);
}

/** Domains a 政府 deputy may be given (分管领域). */
export const GOV_DOMAINS = [
  '工业', '农业农村', '教育', '卫生健康', '民政', '自然资源', '生态环境', '住房城建', '交通', '水利', '文化旅游',
  '应急管理', '市场监管', '招商引资', '信访', '工程项目', '物资采购',
] as const;

/** Domains of a department's or unit's deputies. */
export const DEPT_DOMAINS = ['财务', '人事', '党建', '后勤', '行政审批', '信访', '工程项目', '物资采购', '应急管理', '市场监管'] as const;

/** Domains of a 乡镇 deputy (副镇长). */
export const TOWN_DOMAINS = [
  '农业农村', '住房城建', '应急管理', '民政', '教育', '卫生健康', '文化旅游', '交通', '水利', '自然资源', '生态环境', '信访',
] as const;

/** The 不直接分管 list (PRODUCT §4.6 default). */
export const NOT_DIRECTLY_IN_CHARGE = ['财务', '人事', '工程项目', '物资采购'] as const;
