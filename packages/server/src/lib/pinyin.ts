import { pinyin } from 'pinyin-pro';

/**
 * Sort key and initials of a Chinese name: '张三明' → { key: 'zhang san ming', initials: 'zsm' }.
 * Syllables are space-separated so byte order (COLLATE "C") sorts syllable by syllable; surname mode
 * reads 单/曾/仇 as surnames.
 */
export function nameKeys(name: string): { key: string; initials: string } {
  const clean = name.normalize('NFKC').replace(/[\s·•.]/gu, '');
  const syllables = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/gu, ''))
    .filter(Boolean);
  return { key: syllables.join(' '), initials: syllables.map((s) => s[0]).join('') };
}
