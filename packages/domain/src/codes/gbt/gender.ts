import { defineCodeTable } from './table.ts';

/** 性别 GB/T 2261.1-2003 (the 任免表 editor ships 1 男, 2 女). */
export const GENDER_TABLE = defineCodeTable({
  id: 'GB22611',
  title: '性别',
  source: 'GB/T 2261.1-2003 人的性别代码',
  entries: [
    { code: '0', name: '未知的性别' },
    { code: '1', name: '男', aliases: ['男性'] },
    { code: '2', name: '女', aliases: ['女性'] },
    { code: '9', name: '未说明的性别' },
  ],
});

/**
 * 健康状况 as the 任免表 editor codes it (code group GB22613: 1 健康, 3 一般, 4 较差). Note: these are
 * the editor's codes, not the current GB/T 2261.3 table (where 2 is 一般或较弱).
 */
export const HEALTH_TABLE = defineCodeTable({
  id: 'GB22613',
  title: '健康状况',
  source: 'GB/T 2261.3（任免表编辑器子集）',
  entries: [
    { code: '1', name: '健康', aliases: ['健康或良好', '良好'] },
    { code: '3', name: '一般' },
    { code: '4', name: '较差' },
  ],
});
