import { defineCodeTable } from './table.ts';

/**
 * 改革前任职年龄界限 (editor code group NLLB, added with the 2025 渐进式延迟退休 fields): the value of
 * `GaiGeQianRenZhiNianLingJieXian`. `60岁` and `任职年龄界限为60岁` are accepted for the full name.
 */
export const AGE_LIMIT_TABLE = defineCodeTable({
  id: 'NLLB',
  title: '改革前任职年龄界限',
  source: '任免表编辑器代码组 NLLB（2025）',
  entries: [
    ...[55, 60, 63, 65, 66].map((n) => ({
      code: String(n),
      name: `改革前任职年龄界限为${n}岁`,
      aliases: [`${n}岁`, `任职年龄界限为${n}岁`, `改革前任职年龄界限${n}岁`],
    })),
    { code: '-1', name: '已到龄人员', aliases: ['已到龄'] },
  ],
});
