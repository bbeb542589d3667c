import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageAt, normalizeDate, normalizeMonth, parsePartialDate, toCompactDate } from '../src/index.ts';

describe('dates of 任免表 files', () => {
  it.each([
    ['197305', '1973-05', '1973-05'],
    ['20250601', '2025-06', '2025-06-01'],
    ['1973.05', '1973-05', '1973-05'],
    ['2004.10.24', '2004-10', '2004-10-24'],
    ['1978-03', '1978-03', '1978-03'],
    ['1978', '1978', '1978'],
    ['1978.3', '1978-03', '1978-03'],
    ['1978/03/09', '1978-03', '1978-03-09'],
    ['1978年3月', '1978-03', '1978-03'],
    ['1978年03月09日', '1978-03', '1978-03-09'],
    ['１９７８．０３', '1978-03', '1978-03'],
    [' 197803 ', '1978-03', '1978-03'],
    ['1978 03', '1978-03', '1978-03'],
    ['20240229', '2024-02', '2024-02-29'],
  ])('%s → %s / %s', (raw, month, date) => {
    expect(normalizeMonth(raw)).toEqual({ ok: true, value: month });
    expect(normalizeDate(raw)).toEqual({ ok: true, value: date });
  });

  it.each([
    ['', '日期为空'],
    ['197313', '月份13无效'],
    ['197300', '月份00无效'],
    ['20230229', '不存在'],
    ['20230431', '不存在'],
    ['19735', '无法识别'],
    ['1973050', '无法识别'],
    ['73.05', '无法识别'],
    ['1973.05.', '无法识别'],
    ['abc', '无法识别'],
    ['中共党员', '无法识别'],
    ['0999.01', '超出合理范围'],
  ])('%j is rejected with a Chinese reason (%s)', (raw, reason) => {
    const r = parsePartialDate(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });

  it('formats back to the compact digit strings of .lrmx', () => {
    expect(toCompactDate('1978-03', 'YYYYMM')).toBe('197803');
    expect(toCompactDate('2025-06-01', 'YYYYMMDD')).toBe('20250601');
    expect(toCompactDate('2025-06-01', 'YYYYMM')).toBe('202506');
    expect(toCompactDate('2025-06', 'YYYYMMDD')).toBe('202506');
    expect(toCompactDate('1978', 'YYYYMM')).toBe('1978');
    expect(toCompactDate('bad', 'YYYYMM')).toBe('');
  });

  it('age as Word exporters compute it: y2 − y1 − (m2 < m1)', () => {
    expect(ageAt('197803', '20250601')).toBe(47);
    expect(ageAt('197807', '20250601')).toBe(46);
    expect(ageAt('197806', '202506')).toBe(47);
    expect(ageAt('1978', '202506')).toBeNull();
    expect(ageAt('', '202506')).toBeNull();
  });

  it('property: every valid month in every accepted form normalizes to the same YYYY-MM', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      const mm = String(m).padStart(2, '0');
      const expected = `${y}-${mm}`;
      return [`${y}${mm}`, `${y}.${mm}`, `${y}-${mm}`, `${y}.${m}`, `${y}${mm}01`, `${y}.${mm}.01`, `${y}年${m}月`]
        .every((s) => { const r = normalizeMonth(s); return r.ok && r.value === expected; });
    }));
  });

  it('property: never throws, and a valid result is always well-formed', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => {
      const r = parsePartialDate(s);
      return r.ok ? /^\d{4}(-\d{2}(-\d{2})?)?$/u.test(r.value) : r.message.length > 0;
    }), { numRuns: 500 });
  });
});
