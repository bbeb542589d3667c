import { defineCodeTable, type CodeEntry } from './table.ts';

/** The twelve disciplines of GB/T 6864-2003, in code order (x01 … x12). */
const DISCIPLINES = ['哲学', '经济学', '法学', '教育学', '文学', '历史学', '理学', '工学', '农学', '医学', '军事学', '管理学'] as const;

function academic(level: '2' | '3' | '4', suffix: string): CodeEntry[] {
  return DISCIPLINES.map((d, i) => ({ code: `${level}${String(i + 1).padStart(2, '0')}`, name: `${d}${suffix}`, parent: level }));
}

/**
 * 学位 GB/T 6864-2003 as the 任免表 editor ships it (academic degrees by discipline plus the professional
 * degrees it lists). Trailing `学位` / `专业学位` is ignored (`工学学士学位` = `工学学士`).
 */
export const DEGREE_TABLE = defineCodeTable({
  id: 'GB6864',
  title: '学位',
  source: 'GB/T 6864-2003 中华人民共和国学位代码（任免表编辑器代码组）',
  entries: [
    { code: '1', name: '名誉博士' },
    { code: '2', name: '博士' },
    ...academic('2', '博士'),
    { code: '245', name: '临床医学博士', parent: '2' },
    { code: '248', name: '兽医博士', parent: '2' },
    { code: '250', name: '口腔医学博士', parent: '2' },
    { code: '3', name: '硕士' },
    ...academic('3', '硕士'),
    { code: '341', name: '法律硕士', parent: '3', aliases: ['JM'] },
    { code: '342', name: '教育硕士', parent: '3' },
    { code: '343', name: '工程硕士', parent: '3' },
    { code: '344', name: '建筑学硕士', parent: '3' },
    { code: '345', name: '临床医学硕士', parent: '3' },
    { code: '346', name: '工商管理硕士', parent: '3', aliases: ['MBA'] },
    { code: '347', name: '农业推广硕士', parent: '3' },
    { code: '348', name: '兽医硕士', parent: '3' },
    { code: '349', name: '公共管理硕士', parent: '3', aliases: ['MPA'] },
    { code: '350', name: '口腔医学硕士', parent: '3' },
    { code: '351', name: '公共卫生硕士', parent: '3' },
    // The editor's table spells this one 军士硕士 (a typo); both are accepted.
    { code: '352', name: '军事硕士', parent: '3', aliases: ['军士硕士'] },
    { code: '4', name: '学士' },
    ...academic('4', '学士'),
    { code: '444', name: '建筑学学士', parent: '4' },
  ],
  variants: (key) => {
    const out: string[] = [];
    for (const suffix of ['专业学位', '学位']) if (key.endsWith(suffix) && key.length > suffix.length) out.push(key.slice(0, -suffix.length));
    return out;
  },
});
