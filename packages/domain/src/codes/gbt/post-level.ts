import { defineCodeTable, findEntry } from './table.ts';

/**
 * 职务层次 (ZB09, current "1A" series for 公务员). 1A01/1A02 labels are inferred from the 0101/0102
 * mapping. Everyday names (`正处级`, `副县级`, `正厅级` …) are accepted as aliases.
 */
export const POST_LEVEL_TABLE = defineCodeTable({
  id: 'ZB09',
  title: '职务层次',
  source: 'ZB09 职务级别代码（1A 系列）',
  entries: [
    { code: '1A01', name: '国家级正职' },
    { code: '1A02', name: '国家级副职' },
    { code: '1A11', name: '省部级正职', aliases: ['正部级', '正省部级', '正省级'] },
    { code: '1A12', name: '省部级副职', aliases: ['副部级', '副省部级', '副省级'] },
    { code: '1A21', name: '厅局级正职', aliases: ['正厅级', '正厅局级', '正局级', '正地级', '正司级'] },
    { code: '1A22', name: '厅局级副职', aliases: ['副厅级', '副厅局级', '副局级', '副地级', '副司级'] },
    { code: '1A31', name: '县处级正职', aliases: ['正处级', '正县级', '正县处级'] },
    { code: '1A32', name: '县处级副职', aliases: ['副处级', '副县级', '副县处级'] },
    { code: '1A41', name: '乡科级正职', aliases: ['正科级', '正乡级', '正乡科级'] },
    { code: '1A42', name: '乡科级副职', aliases: ['副科级', '副乡级', '副乡科级'] },
    { code: '1A50', name: '科员', aliases: ['科员级'] },
    { code: '1A60', name: '办事员', aliases: ['办事员级'] },
    { code: '1A98', name: '试用期人员' },
    { code: '1A99', name: '其他' },
  ],
});

/** Old 4-digit 职务层次 codes of leadership posts (01xx) map to the 1A series; anything else → null. */
export function migratePostLevelCode(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (POST_LEVEL_TABLE.byCode.has(c)) return c;
  const m = /^01(\d{2})$/u.exec(c);
  if (m && POST_LEVEL_TABLE.byCode.has(`1A${m[1]}`)) return `1A${m[1]}`;
  return null;
}

/**
 * 职级 of 综合管理类公务员 (2019), low → high. The reference confirms the names but not their codes, so
 * entries carry no code (`lookupCode` gives `code: null` and the canonical name); `GRADE_ORDER` ranks them.
 */
export const GRADE_NAMES = [
  '二级科员', '一级科员',
  '四级主任科员', '三级主任科员', '二级主任科员', '一级主任科员',
  '四级调研员', '三级调研员', '二级调研员', '一级调研员',
  '二级巡视员', '一级巡视员',
] as const;
export type GradeName = (typeof GRADE_NAMES)[number];

export const GRADE_TABLE = defineCodeTable({
  id: 'ZJ2019',
  title: '职级',
  source: '公务员职务与职级并行规定（2019），综合管理类职级名称',
  entries: GRADE_NAMES.map((name) => ({ code: null, name })),
});

/** 0 = 二级科员 … 11 = 一级巡视员; -1 for a name that is not a 职级. */
export function gradeOrder(text: string): number {
  const name = findEntry(GRADE_TABLE, text)?.name;
  return name ? GRADE_NAMES.indexOf(name as GradeName) : -1;
}
