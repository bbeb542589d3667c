/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence,
 * 1 check character computed by ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Full-width digits/letters to half-width, spaces (incl. U+3000) removed, x upper-cased. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberResult =
  | { ok: true; value: string; birth: string; gender: '男' | '女' }
  | { ok: false; message: string };

/** Validates a 身份证号 and returns the normalized value, its birth month (YYYY-MM) and gender. */
export function parseIdNumber(raw: string): IdNumberResult {
  const v = normalizeIdNumber(raw);
  if (v.length === 0) return { ok: false, message: '身份证号不能为空' };
  if (v.length === 15) return { ok: false, message: '不支持15位旧身份证号，请填写18位身份证号' };
  if (v.length !== 18) return { ok: false, message: `身份证号应为18位，实际为${v.length}位` };
  if (!/^\d{17}[\dX]$/u.test(v)) return { ok: false, message: '身份证号前17位应为数字，最后一位为数字或X' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: '身份证号中的出生日期无效' };
  }
  const expected = idNumberCheckChar(v.slice(0, 17));
  if (v[17] !== expected) return { ok: false, message: '身份证号校验位不正确（可能有数字录错或丢失）' };
  return {
    ok: true,
    value: v,
    birth: `${v.slice(6, 10)}-${v.slice(10, 12)}`,
    gender: Number(v[16]) % 2 === 1 ? '男' : '女',
  };
}

export function isValidIdNumber(raw: string): boolean {
  return parseIdNumber(raw).ok;
}

/** Masked form for lists: 1101**********1234. */
export function maskIdNumber(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}
