import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, normalizeIdNumber, parseIdNumber } from '../src/index.ts';

describe('身份证号 (GB 11643)', () => {
  it.each([
    ['11010519491231002X', true, '1949-12', '女'],
    ['11010519491231002x', true, '1949-12', '女'],
    ['１１０１０５１９４９１２３１００２Ｘ', true, '1949-12', '女'],
    ['  110105 19491231 002X\u3000', true, '1949-12', '女'],
  ])('accepts %s', (raw, ok, birth, gender) => {
    const r = parseIdNumber(raw);
    expect(r.ok).toBe(ok);
    if (r.ok) {
      expect(r.value).toBe('11010519491231002X');
      expect(r.birth).toBe(birth);
      expect(r.gender).toBe(gender);
    }
  });

  it.each([
    ['110105194912310021', '校验位'],
    ['1101051949123100', '18位'],
    ['110105491231002', '15位'],
    ['110105194902300021', '出生日期'],
    ['440524188001010014', '出生日期'], // valid check digit, but no cadre was born before 1900
    ['11010519491231002A', '数字'],
    ['', '不能为空'],
  ])('rejects %s with a Chinese reason', (raw, reason) => {
    const r = parseIdNumber(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });

  it('an ID typed as a number in Excel loses its last digits and is rejected, never guessed', () => {
    const id = '110105194912310021'.slice(0, 17);
    const full = id + idNumberCheckChar(id);
    const asNumber = String(Number(full)).slice(0, 15) + '000'; // 15 significant digits survive
    if (asNumber !== full) expect(parseIdNumber(asNumber).ok).toBe(false);
  });

  it('property: a valid number with any one digit changed is rejected', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 999 }),
      (pos, delta, seq) => {
        const first17 = `51990119800101${String(seq).padStart(3, '0')}`;
        const id = first17 + idNumberCheckChar(first17);
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const r = parseIdNumber(changed);
        return !r.ok || r.value === id;
      },
    ));
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(normalizeIdNumber(' ａ1 ')).toBe('A1');
  });
});
