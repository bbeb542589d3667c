import { defineCodeTable } from './table.ts';

const NAMES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** Spellings seen in old records for a few names. */
const OLD_SPELLINGS: Record<string, readonly string[]> = {
  '维吾尔族': ['维族'],
  '毛南族': ['毛难族'],
  '布依族': ['布衣族'],
  '仫佬族': ['木佬族'],
};

/**
 * 民族 GB 3304-1991: the 56 nationalities (01–56) and the 任免表 editor's extras 91 其他族, 92 外国血统,
 * 98 外国民族, 99 加入中国籍的外国人. Names are accepted with or without the trailing 族 (`汉` = `汉族`).
 */
export const ETHNICITY_TABLE = defineCodeTable({
  id: 'GB3304',
  title: '民族',
  source: 'GB 3304-1991 中国各民族名称的罗马字母拼写法和代码（含任免表编辑器扩展）',
  entries: [
    ...NAMES.map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name, aliases: OLD_SPELLINGS[name] ?? [] })),
    { code: '91', name: '其他族', aliases: ['其他', '其它族', '其它'] },
    { code: '92', name: '外国血统', aliases: ['外国血统中国籍人士'] },
    { code: '98', name: '外国民族' },
    { code: '99', name: '加入中国籍的外国人' },
  ],
  variants: (key) => (key.endsWith('族') ? [key.slice(0, -1)] : [`${key}族`]),
});
