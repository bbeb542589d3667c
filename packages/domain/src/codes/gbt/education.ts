import { defineCodeTable } from './table.ts';

/**
 * 学历 as the organisation system codes it (ZB64, the 任免表 editor's code group). The `QuanRiZhiJiaoYu_XueLi`
 * / `ZaiZhiJiaoYu_XueLi` values of .lrmx files are these names (`大学`, `研究生`).
 */
export const EDUCATION_TABLE = defineCodeTable({
  id: 'ZB64',
  title: '学历',
  source: 'ZB64 学历代码（组织人事系统，任免表编辑器代码组）',
  entries: [
    { code: '1', name: '研究生教育' },
    { code: '11', name: '研究生', parent: '1', aliases: ['硕士研究生', '博士研究生', '研究生毕业'] },
    { code: '12', name: '研究生班', parent: '1' },
    { code: '1A', name: '中央党校研究生', parent: '1' },
    { code: '1B', name: '省（区、市）委党校研究生', parent: '1', aliases: ['省委党校研究生', '省区市委党校研究生'] },
    { code: '2', name: '本科教育' },
    { code: '21', name: '大学', parent: '2', aliases: ['大学本科', '本科', '大学毕业', '本科毕业'] },
    { code: '22', name: '中央党校大学', parent: '2', aliases: ['中央党校本科'] },
    { code: '23', name: '省（区、市）委党校大学', parent: '2', aliases: ['省委党校大学', '省区市委党校大学', '省委党校本科'] },
    { code: '3', name: '专科教育' },
    { code: '31', name: '大专', parent: '3', aliases: ['大学专科', '专科'] },
    { code: '32', name: '省（区、市）委党校大专', parent: '3', aliases: ['省委党校大专', '省区市委党校大专', '省委党校专科'] },
    { code: '33', name: '大学普通班', parent: '3' },
    { code: '34', name: '中央党校大专', parent: '3', aliases: ['中央党校专科'] },
    { code: '35', name: '中专', aliases: ['中等专科', '中等专业学校'] },
    { code: '36', name: '中技', aliases: ['技工学校', '技校'] },
    { code: '37', name: '高中', aliases: ['普通高中'] },
    { code: '38', name: '初中' },
    { code: '39', name: '小学' },
  ],
});

/**
 * 文化程度 GB/T 4658-2006, used by generic HR systems and some rosters (not by .lrmx files). Group codes
 * (10, 20 …) name the level; the others say 毕业/结业/肄业.
 */
export const EDUCATION_LEVEL_TABLE = defineCodeTable({
  id: 'GB4658',
  title: '文化程度',
  source: 'GB/T 4658-2006 学历代码',
  entries: [
    { code: '10', name: '研究生教育', aliases: ['研究生'] },
    { code: '11', name: '博士研究生毕业', parent: '10', aliases: ['博士研究生'] },
    { code: '12', name: '博士研究生结业', parent: '10' },
    { code: '13', name: '博士研究生肄业', parent: '10' },
    { code: '14', name: '硕士研究生毕业', parent: '10', aliases: ['硕士研究生'] },
    { code: '15', name: '硕士研究生结业', parent: '10' },
    { code: '16', name: '硕士研究生肄业', parent: '10' },
    { code: '17', name: '研究生班毕业', parent: '10', aliases: ['研究生班'] },
    { code: '18', name: '研究生班结业', parent: '10' },
    { code: '19', name: '研究生班肄业', parent: '10' },
    { code: '20', name: '大学本科', aliases: ['本科'] },
    { code: '21', name: '大学本科毕业', parent: '20', aliases: ['本科毕业'] },
    { code: '22', name: '大学本科结业', parent: '20' },
    { code: '23', name: '大学本科肄业', parent: '20' },
    { code: '28', name: '大学普通班毕业', parent: '20' },
    { code: '30', name: '大学专科', aliases: ['专科', '大专'] },
    { code: '31', name: '大学专科毕业', parent: '30', aliases: ['大专毕业', '专科毕业'] },
    { code: '32', name: '大学专科结业', parent: '30' },
    { code: '33', name: '大学专科肄业', parent: '30' },
    { code: '40', name: '中等职业教育' },
    { code: '41', name: '中等专科毕业', parent: '40', aliases: ['中专毕业'] },
    { code: '42', name: '中等专科结业', parent: '40' },
    { code: '43', name: '中等专科肄业', parent: '40' },
    { code: '44', name: '职业高中毕业', parent: '40' },
    { code: '45', name: '职业高中结业', parent: '40' },
    { code: '46', name: '职业高中肄业', parent: '40' },
    { code: '47', name: '技工学校毕业', parent: '40' },
    { code: '48', name: '技工学校结业', parent: '40' },
    { code: '49', name: '技工学校肄业', parent: '40' },
    { code: '60', name: '普通高级中学教育', aliases: ['高中'] },
    { code: '61', name: '普通高中毕业', parent: '60', aliases: ['高中毕业'] },
    { code: '62', name: '普通高中结业', parent: '60' },
    { code: '63', name: '普通高中肄业', parent: '60' },
    { code: '70', name: '初级中学教育', aliases: ['初中'] },
    { code: '71', name: '初中毕业', parent: '70' },
    { code: '73', name: '初中肄业', parent: '70' },
    { code: '80', name: '小学教育', aliases: ['小学'] },
    { code: '81', name: '小学毕业', parent: '80' },
    { code: '83', name: '小学肄业', parent: '80' },
    { code: '90', name: '其他' },
  ],
});
