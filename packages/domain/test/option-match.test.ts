import { describe, expect, it } from 'vitest';
import { optionMatchRank, optionMatches, pinyinInitials, searchTerms, textBigrams } from '../src/index.ts';

describe('select options match by label and pinyin initials, never by value', () => {
  it('reads initials from the Chinese collation', () => {
    expect(pinyinInitials('党风廉政建设考核')).toBe('dflzjskh');
    expect(pinyinInitials('处分问责')).toBe('cfwz');
    expect(pinyinInitials('临江区委组织部')).toBe('ljqwzzb');
    expect(pinyinInitials('A区2号')).toBe('aq2h');
  });
  it('matches by substring of the label', () => {
    expect(optionMatches('处分问责', '处分')).toBe(true);
    expect(optionMatches('党风廉政建设考核', '处分')).toBe(false);
    expect(optionMatches('党风廉政建设考核', '廉政')).toBe(true);
  });
  it('matches by pinyin initials', () => {
    expect(optionMatches('党风廉政建设考核', 'dflz')).toBe(true);
    expect(optionMatches('处分问责', 'cf')).toBe(true);
    expect(optionMatches('处分', 'cf')).toBe(true);
    expect(optionMatches('党风廉政建设考核', 'cf')).toBe(false);
    expect(optionMatches('处分问责', 'CF')).toBe(true);
  });
  it('ranks the exact label first, then a prefix, a substring, initials', () => {
    expect(optionMatchRank('处分', '处分')).toBeGreaterThan(optionMatchRank('处分问责', '处分'));
    expect(optionMatchRank('处分问责', '处分')).toBeGreaterThan(optionMatchRank('党纪处分', '处分'));
    expect(optionMatchRank('党纪处分', '处分')).toBeGreaterThan(optionMatchRank('处分问责', 'cf'));
    expect(optionMatchRank('任何', '')).toBe(1);
  });
});

describe('search bigrams', () => {
  it('cuts text into distinct bigrams, whitespace breaking runs', () => {
    expect(textBigrams('违规吃喝')).toEqual(['违规', '规吃', '吃喝']);
    expect(textBigrams('ＡＢ c')).toEqual(['ab']);
    expect(textBigrams('啊')).toEqual([]);
  });
  it('splits a query into terms', () => {
    expect(searchTerms('  违规  吃喝 ')).toEqual(['违规', '吃喝']);
  });
});
