/** Dictionaries of the registry (PRODUCT §2). */

export const ORG_TYPES = [
  '党委', '人大', '政府', '政协', '纪委监委', '法院', '检察院', '党委部门', '政府部门', '群团组织',
  '乡镇', '街道', '国有企业', '高等学校', '事业单位',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_LEVELS = ['市级', '县级', '乡级'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const CADRE_STATUSES = ['在职', '退出现职', '退休', '调出'] as const;
export type CadreStatus = (typeof CADRE_STATUSES)[number];

export const GENDERS = ['男', '女'] as const;

/** 职务层次 / 职级 (abridged; the full GB/T 12407 table comes with the lrmx code tables). */
export const RANKS = [
  '正厅级', '副厅级', '正处级', '副处级', '正科级', '副科级',
  '一级巡视员', '二级巡视员', '一级调研员', '二级调研员', '三级调研员', '四级调研员',
  '一级主任科员', '二级主任科员',
] as const;

/** Default 分管领域 vocabulary; free text is allowed too. */
export const DOMAINS = [
  '全面工作', '党建', '组织', '宣传', '纪检', '政法', '统战', '财务', '人事', '工程项目', '物资采购', '行政审批',
  '发展改革', '工业', '农业农村', '教育', '卫生健康', '民政', '自然资源', '生态环境', '住房城建', '交通', '水利',
  '文化旅游', '应急管理', '市场监管', '招商引资', '信访', '后勤',
] as const;

/**
 * 干部管理权限: which level's 组织部 manages a cadre. Follows the rank (部级 中管, 厅局级 省管, 县处级 市管,
 * 乡科级 and below 县管; the database computes it, see 0017_manage_level.sql) unless overridden per cadre.
 */
export const MANAGE_LEVELS = ['中管', '省管', '市管', '县管'] as const;
export type ManageLevel = (typeof MANAGE_LEVELS)[number];

/**
 * The management levels a jurisdiction rooted at an org of `orgLevel` grants; null = every level.
 * A county (or township) 组织部 manages its 县管 cadres only. A city jurisdiction keeps seeing everything
 * in the city, 县管 cadres of its counties included (the city supervises the whole city, PRODUCT §1; the
 * 省管 leaders of the city are its top and are supervised there on the province's behalf).
 */
export function grantedManageLevels(orgLevel: string): readonly ManageLevel[] | null {
  return orgLevel === '县级' || orgLevel === '乡级' ? ['县管'] : null;
}
