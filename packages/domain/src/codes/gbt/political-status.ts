import { defineCodeTable } from './table.ts';

/**
 * 政治面貌 GB/T 4762-1984. Names as the 任免表 editor writes them; the long official forms and common
 * short forms are accepted (`中国共产党党员`, `中共预备党员`, `九三学社社员`, `无党派人士` …).
 */
export const POLITICAL_STATUS_TABLE = defineCodeTable({
  id: 'GB4762',
  title: '政治面貌',
  source: 'GB/T 4762-1984 政治面貌代码',
  entries: [
    { code: '01', name: '中共党员', aliases: ['中国共产党党员', '共产党员', '党员', '中共'] },
    { code: '02', name: '预备党员', aliases: ['中共预备党员', '中国共产党预备党员'] },
    { code: '03', name: '共青团员', aliases: ['中国共产主义青年团团员', '团员'] },
    { code: '04', name: '民革', aliases: ['中国国民党革命委员会会员', '民革会员', '民革党员'] },
    { code: '05', name: '民盟', aliases: ['中国民主同盟盟员', '民盟盟员'] },
    { code: '06', name: '民建', aliases: ['中国民主建国会会员', '民建会员'] },
    { code: '07', name: '民进', aliases: ['中国民主促进会会员', '民进会员'] },
    { code: '08', name: '农工党', aliases: ['中国农工民主党党员', '农工党党员', '农工'] },
    { code: '09', name: '致公党', aliases: ['中国致公党党员', '致公党党员', '致公'] },
    { code: '10', name: '九三', aliases: ['九三学社社员', '九三学社'] },
    { code: '11', name: '台盟', aliases: ['台湾民主自治同盟盟员', '台盟盟员'] },
    { code: '12', name: '无党派', aliases: ['无党派民主人士', '无党派人士'] },
    { code: '13', name: '群众' },
  ],
});
