import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseWords, checkPassword, isKeyboardPattern, isRepeatedBlock } from '../src/index.ts';

const ORG = ['青川市委组织部', '青川', 'qingchuan', '张三'];

describe('AUTH-02 password denylist: common passwords, patterns and organisation words', () => {
  it.each([
    // The four passwords of issue 9 (accepted before the denylist).
    ['Passw0rd!234', /常见词“password”/u],
    ['Welcome2024!', /常见词“welcome”/u],
    ['P@ssw0rd2024', /常见词“password”/u],
    ['Aa1!Aa1!Aa1!', /重复的片段/u],
    // Common passwords and their variants.
    ['Iloveyou520!', /常见词“iloveyou”/u],
    ['Woaini1314!!', /常见词“woaini”/u],
    ['2024Admin#!1', /常见/u],
    ['Adm1n@2024!!', /常见词“admin”/u],
    ['Qwerty!@#123', /常见|键盘/u],
    ['1qaz@WSX3edc', /键盘/u],
    ['Zxcvbnm,./12', /键盘|常见/u],
    ['Abcd1234!@#$', /键盘|常见/u],
    ['9876543210Aa!', /键盘|常见/u],
    ['Xy$asdfgh#19Q', /键盘/u],
    ['abcABCabc1!x', /重复的片段/u],
    ['Hhhhhhhhh1!h', /重复的片段/u],
    // Organisation and account words.
    ['Zuzhibu@2024', /常见|单位/u],
    ['Zuzh1bu#8842', /zuzhibu/u],
    ['Jiandu#2024x', /jiandu/u],
    ['Qingchuan#2024', /单位.*qingchuan/u],
    ['Qingchu@n#2024', /单位.*qingchuan/u],
    ['青川Tk9#mVx2p', /单位.*青川/u],
    ['组织部Tk9#mVx2', /组织部/u],
    ['Zhangsan#8842', /登录名/u],
    ['Zh@ngs4n#8842', /登录名/u],
  ])('%s is refused (%s)', (pw, reason) => {
    const problems = checkPassword(pw, 'zhangsan', undefined, ORG);
    expect(problems.join('；')).toMatch(reason);
  });

  it.each([
    'Kq7#mVx2pL9w', // TEST_PASSWORD of the API tests
    'Tz8!vQm3Lp4x',
    'Hbqzmwre82',
    '密码密码密码Aa1#',
    'Rj5%nWc8Ty2&',
    'Gm!83vQz0Tkp',
    '春风又绿江南岸Kq7#',
  ])('%s is accepted', (pw) => {
    expect(checkPassword(pw, 'zhangsan', undefined, ORG)).toEqual([]);
  });

  it('the secadmin\'s extra words are refused too', () => {
    expect(checkPassword('Dongping#7Kq2', 'x', { minLength: 10, maxLength: 128, minClasses: 3, extraWords: ['dongping'] }).join()).toMatch(/dongping/u);
    expect(checkPassword('Dongping#7Kq2', 'x')).toEqual([]);
  });

  it('normalisation: leetspeak undone, digits, years and symbols around the word removed', () => {
    expect(baseWords('P@ssw0rd2024')).toContain('password');
    expect(baseWords('2023Welcome!')).toContain('welcome');
    expect(baseWords('He11o!!')).toContain('hello');
    expect(isKeyboardPattern('1qaz2wsx3edc')).toBe(true);
    expect(isKeyboardPattern('!QAZ@WSX#EDC')).toBe(true);
    expect(isKeyboardPattern('Kq7#mVx2pL9w')).toBe(false);
    expect(isRepeatedBlock('Aa1!Aa1!Aa1!')).toBe(true);
    expect(isRepeatedBlock('Kq7#mVx2pL9w')).toBe(false);
  });

  it('a 64-character password works; one character past the maximum is refused, not truncated', () => {
    const long = 'Kq7#mVx2pL9w'.repeat(6).slice(0, 60) + 'Zr5&';
    // A repeated block is refused as such: build 64 distinct-looking characters instead.
    const pw = Array.from({ length: 64 }, (_, i) => 'Kq7#mVx2pL9wRj5%nWc8Ty2&Gm!3vQz0TkpHb4$sDf6'[(i * 7) % 43]).join('');
    expect(long.length).toBe(64);
    expect(checkPassword(pw, 'x')).toEqual([]);
    expect(checkPassword(pw, 'x', { minLength: 10, maxLength: 64, minClasses: 3 })).toEqual([]);
    expect(checkPassword(pw + 'a', 'x', { minLength: 10, maxLength: 64, minClasses: 3 }).join()).toMatch(/不能超过64位/u);
  });

  it('property: random passwords of 4 classes (like the generated one-time passwords) pass', () => {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789#%+=@!?';
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: alphabet.length - 1 }), { minLength: 12, maxLength: 24 }), (idx) => {
      const pw = `Aa2#${idx.map((i) => alphabet[i]).join('')}`;
      return checkPassword(pw, 'zhangsan', undefined, ORG).length === 0;
    }), { seed: 20261207, numRuns: 300 });
  });
});
