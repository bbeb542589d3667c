import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, checkRoleCombination, normalizeLogin, permissionsOf } from '../src/index.ts';

/** n characters without repeated blocks or keyboard walks. */
const varied = (n: number) => Array.from({ length: n }, (_, i) => 'Kq7#mVx2pL9wRj5%nWc8Ty2&Gm!3vQz0TkpHb4$sDf6'[(i * 7) % 43]).join('');

describe('password policy', () => {
  it.each([
    ['Hbqzmwre82', 'zhangsan', true],
    ['abcdefgh12', 'zhangsan', false], // 2 classes
    ['Abc12#', 'zhangsan', false], // too short
    ['Zhangsan#2024', 'zhangsan', false], // contains the login
    ['Jiandu#2024x', 'someone', false], // a context word
    ['密码密码密码Aa1#', 'someone', true],
    [varied(128), 'someone', true], // 128 allowed
    [varied(129), 'someone', false], // 129 refused, not truncated
  ])('%s (login %s) → %s', (pw, login, ok) => {
    expect(checkPassword(pw, login).length === 0).toBe(ok);
  });

  it('property: whatever fails the length or class rules is refused', () => {
    fc.assert(fc.property(fc.string({ minLength: 0, maxLength: 40 }), (pw) => {
      const classes = [/[a-z]/u, /[A-Z]/u, /\d/u, /[^a-zA-Z\d]/u].filter((r) => r.test(pw)).length;
      const len = [...pw].length;
      const lower = pw.toLowerCase();
      const basic = len >= 10 && len <= 128 && classes >= 3 && !lower.includes('tester')
        && !['jiandu', 'password', 'zuzhibu', '123456', 'qwerty'].some((w) => lower.includes(w));
      return basic || checkPassword(pw, 'tester').length > 0;
    }), { seed: 20261207 });
  });

  it('logins compare after NFKC and lower-case', () => {
    expect(normalizeLogin(' ＡＤＭＩＮ ')).toBe('admin');
  });
});

describe('roles', () => {
  it('三员 are disjoint and never combined with business roles', () => {
    expect(checkRoleCombination(['sysadmin'])).toBeNull();
    expect(checkRoleCombination(['sysadmin', 'auditadmin'])).toContain('三员');
    expect(checkRoleCombination(['secadmin', 'supervisor'])).toContain('三员');
    expect(checkRoleCombination(['supervisor', 'leader'])).toBeNull();
    expect(checkRoleCombination([])).not.toBeNull();
  });

  it('a member department cannot read profiles; a sysadmin holds no business data', () => {
    expect(permissionsOf(['member']).has('cadre:read')).toBe(false);
    expect(permissionsOf(['member']).has('cadre:lookup')).toBe(true);
    expect(permissionsOf(['sysadmin']).has('cadre:read')).toBe(false);
    expect(permissionsOf(['sysadmin']).has('audit:read')).toBe(false);
    expect(permissionsOf(['auditadmin']).has('audit:read')).toBe(true);
  });
});
