/**
 * Dates as 干部任免审批表 files and rosters write them: `YYYYMM`, `YYYYMMDD`, `YYYY.MM`, `YYYY.MM.DD`,
 * `YYYY-MM`, `YYYY` (also `YYYY.M`, `YYYY/MM`, `YYYY年MM月DD日`, full-width digits). Normalized to
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; an invalid value gives a Chinese message, never a guess.
 */

export type DatePrecision = 'year' | 'month' | 'day';

export interface PartialDate {
  year: number;
  month: number | null;
  day: number | null;
  precision: DatePrecision;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  value: string;
}

export type PartialDateResult = ({ ok: true } & PartialDate) | { ok: false; message: string };

export const MIN_YEAR = 1800;
export const MAX_YEAR = 2199;

const FORMATS_HINT = '应为 YYYYMM、YYYYMMDD、YYYY.MM、YYYY.MM.DD、YYYY-MM 或 YYYY';

const PATTERNS: readonly RegExp[] = [
  /^(\d{4})$/u,
  /^(\d{4})(\d{2})$/u,
  /^(\d{4})(\d{2})(\d{2})$/u,
  /^(\d{4})[./-](\d{1,2})$/u,
  /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/u,
  /^(\d{4})年$/u,
  /^(\d{4})年(\d{1,2})月$/u,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/u,
];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses one of the accepted date forms. Empty text is an error too (`日期为空`): check emptiness first. */
export function parsePartialDate(raw: string): PartialDateResult {
  const s = raw.normalize('NFKC').replace(/\s+/gu, '').replace(/[。．]/gu, '.');
  if (s === '') return { ok: false, message: '日期为空' };
  let m: RegExpExecArray | null = null;
  for (const p of PATTERNS) {
    m = p.exec(s);
    if (m) break;
  }
  if (!m) return { ok: false, message: `无法识别的日期“${raw.trim()}”，${FORMATS_HINT}` };
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, message: `日期“${raw.trim()}”的年份${year}超出合理范围（${MIN_YEAR}—${MAX_YEAR}）` };
  }
  if (month !== null && (month < 1 || month > 12)) {
    return { ok: false, message: `日期“${raw.trim()}”的月份${pad2(month)}无效，应为01至12` };
  }
  if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month))) {
    return { ok: false, message: `日期“${raw.trim()}”不存在（${year}年${month}月没有${day}日）` };
  }
  const precision: DatePrecision = day !== null ? 'day' : month !== null ? 'month' : 'year';
  const value = precision === 'year' ? String(year)
    : precision === 'month' ? `${year}-${pad2(month!)}`
      : `${year}-${pad2(month!)}-${pad2(day!)}`;
  return { ok: true, year, month, day, precision, value };
}

export type NormalizedDateResult = { ok: true; value: string } | { ok: false; message: string };

/** Any accepted form → `YYYY-MM` (day dropped) or `YYYY` when only a year is given. */
export function normalizeMonth(raw: string): NormalizedDateResult {
  const r = parsePartialDate(raw);
  if (!r.ok) return r;
  return { ok: true, value: r.month === null ? String(r.year) : `${r.year}-${pad2(r.month)}` };
}

/** Any accepted form → `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping the precision given. */
export function normalizeDate(raw: string): NormalizedDateResult {
  const r = parsePartialDate(raw);
  return r.ok ? { ok: true, value: r.value } : r;
}

/** A normalized value back to the digit-string form of .lrmx files: `YYYYMM` / `YYYYMMDD` (or less when unknown). */
export function toCompactDate(value: string, format: 'YYYYMM' | 'YYYYMMDD'): string {
  const r = parsePartialDate(value);
  if (!r.ok) return '';
  if (r.month === null) return String(r.year);
  const ym = `${r.year}${pad2(r.month)}`;
  if (format === 'YYYYMM' || r.day === null) return ym;
  return `${ym}${pad2(r.day)}`;
}

/**
 * Age in whole years as the Word exporters of 任免表 compute it: `y2 − y1 − (m2 < m1 ? 1 : 0)`
 * (month precision; the day is ignored). Null when either date is unknown or not a month.
 */
export function ageAt(birth: string, reference: string): number | null {
  const b = parsePartialDate(birth);
  const r = parsePartialDate(reference);
  if (!b.ok || !r.ok || b.month === null || r.month === null) return null;
  return r.year - b.year - (r.month < b.month ? 1 : 0);
}
