/**
 * One spreadsheet cell → a typed value, per column type, or a Chinese message saying why not.
 * Cells arrive as readers produce them: text, numbers (Excel serials, IDs that lost digits), booleans,
 * Dates (date-formatted cells, read by their UTC components). Nothing is guessed: an ambiguous or
 * damaged value is an error the user fixes in the file.
 *
 * Free text keeps Chinese punctuation (，：（）): only full-width letters, digits and spaces are folded,
 * since NFKC would turn `经查，` into `经查,`. Comparisons (enum options, booleans, numbers) use NFKC.
 */
import type { ColumnSpec, ColumnType } from '../contracts/sheet.ts';
import { MAX_YEAR, MIN_YEAR, parsePartialDate } from './dates.ts';
import { parseIdNumber } from './id-number.ts';

export type RawCell = string | number | boolean | Date | null | undefined;
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

const DAY_MS = 86_400_000;
/** Excel's last valid date serial, 9999-12-31. */
export const MAX_EXCEL_SERIAL = 2_958_465;

/**
 * An Excel date serial → a Date whose UTC components are the date and time shown in Excel.
 * 1900 system: serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was (serial 60, → null);
 * from 61 on the real calendar is one day behind the serial. Null for a time-only value (< 1) too.
 */
export function excelSerialToDate(serial: number, date1904 = false): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_EXCEL_SERIAL) return null;
  const whole = Math.floor(serial);
  const fraction = Math.round((serial - whole) * DAY_MS);
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + whole * DAY_MS + fraction);
  if (whole === 60) return null;
  const base = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + whole * DAY_MS + fraction);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isoOfDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** A number as Excel shows it in General format: at most 15 significant digits (no float noise). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** The text a cell shows, before any normalization. */
export function cellText(raw: RawCell): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return numberText(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return Number.isNaN(raw.getTime()) ? '' : isoOfDate(raw);
}

const FORMAT_CHARS = /[\p{Cc}\p{Cf}]/gu;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu;

/**
 * Characters that need no folding: printable ASCII, CJK ideographs, and Chinese punctuation other than
 * the ideographic space. A string of only these (the usual cell) skips NFC and the replacements.
 */
const PLAIN = /^[\x20-\x7E\u00B7\u2014-\u201D\u2026\u3001-\u3011\u4E00-\u9FFF\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF5E]*$/u;

/** Full-width letters and digits → ASCII, any Unicode space (U+3000, NBSP …) → ' ', controls removed. */
export function foldText(s: string): string {
  let t = s;
  if (!PLAIN.test(t)) {
    t = t.normalize('NFC')
      .replace(/\r\n?/gu, '\n')
      .replace(FORMAT_CHARS, (c) => (c === '\n' || c === '\t' ? c : ''))
      .replace(/[^\S\n]/gu, ' ')
      .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  }
  return t;
}

/** The key values are compared by: NFKC, no whitespace at all, lower case. */
export function matchKey(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{Cf}]+/gu, '').toLowerCase();
}

const PLACEHOLDER = /^[-－—–―‐/／\\、.。…·]+$/u;

/** Empty, whitespace only (incl. U+3000) or nothing but control characters. */
export function isBlankCell(raw: RawCell): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') {
    if (raw.length === 0) return true;
    const c = raw.charCodeAt(0);
    // Fast answer for a cell starting with a visible ASCII character or an ideograph.
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
    return foldText(raw).trim() === '';
  }
  if (raw instanceof Date) return Number.isNaN(raw.getTime());
  return typeof raw === 'number' && Number.isNaN(raw);
}

export function normalizeText(raw: RawCell): CellResult<string> {
  return ok(foldText(cellText(raw)).trim());
}

const DOTS = /[·•・･‧∙⋅．.]/gu;
const HAN_NAME = /^[\p{Script=Han}·]+$/u;
const PLAIN_HAN_NAME = /^[\u4E00-\u9FFF]{1,20}$/u;

/**
 * A person's name: a Chinese name loses the spaces used to pad it (`张  三` → `张三`, `王\u3000五`),
 * a minority name keeps its middle dot, unified to `·` (`阿依古丽 • 买买提` → `阿依古丽·买买提`);
 * other names keep single spaces.
 */
export function normalizeName(raw: RawCell): CellResult<string> {
  if (typeof raw === 'string' && PLAIN_HAN_NAME.test(raw)) return ok(raw);
  const text = foldText(cellText(raw)).trim();
  const compact = text.replace(/\s+/gu, '').replace(DOTS, '·');
  let value: string;
  if (HAN_NAME.test(compact)) {
    value = compact.replace(/^·+|·+$/gu, '').replace(/·{2,}/gu, '·');
  } else {
    value = text.replace(/\s+/gu, ' ');
  }
  if (/\d/u.test(value)) return fail(`姓名“${value}”中含有数字，请检查是否填错了列`);
  if (!/\p{L}/u.test(value)) return fail(`“${value}”不是有效的姓名`);
  return ok(value);
}

const ID_PLAIN = /^\d{17}[\dXx]$/u;

const LOST_DIGITS = '在Excel中被保存为数字，末尾的数字已丢失（Excel数字只保留15位有效数字），无法还原。'
  + '请将该列设置为“文本”格式后重新填写完整的18位号码';

/** 身份证号 via `parseIdNumber`; a number from a numeric cell is never trusted (≥16 digits cannot survive). */
export function normalizeIdNumberCell(raw: RawCell): CellResult<string> {
  if (typeof raw === 'string' && raw.length === 18 && ID_PLAIN.test(raw)) {
    const r = parseIdNumber(raw);
    if (r.ok) return ok(r.value);
  }
  if (typeof raw === 'number') {
    if (Math.abs(raw) >= 1e15) return fail(`身份证号“${cellText(raw)}”${LOST_DIGITS}`);
    const r = parseIdNumber(String(raw));
    return r.ok ? fail(`身份证号“${raw}”${LOST_DIGITS}`) : r;
  }
  if (typeof raw !== 'string') return fail('身份证号应为18位文本');
  // `'110…` (typed to force text) and `="110…"` (a CSV trick) keep their digits: unwrap them.
  let s = raw.trim().replace(/^=\s*"(.*)"$/su, '$1').replace(/^['‘’`]/u, '');
  s = s.normalize('NFKC').replace(/\s+/gu, '');
  if (/^\d(\.\d+)?e\+?\d+$/iu.test(s)) return fail(`身份证号“${s}”${LOST_DIGITS}`);
  const r = parseIdNumber(s);
  if (r.ok) return ok(r.value);
  if (/^\d{15}000$/u.test(s)) return fail(`${r.message}。号码以000结尾，可能是在Excel中被保存为数字后丢失了末尾数字，请将该列设为文本格式后重新填写`);
  return r;
}

function dateOfNumber(n: number): CellResult<{ value: string; precision: 'year' | 'month' | 'day' }> {
  const shown = numberText(n);
  if (Number.isInteger(n)) {
    if (n >= MIN_YEAR && n <= MAX_YEAR) return fromText(shown);
    if (n >= 18000101 && n <= 21991231) return fromText(shown);
    if (n >= 180001 && n <= 219912) return fromText(shown);
  } else if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    // 2025.3 typed into a General cell: year.month. 2025.10 became 2025.1 — January or October?
    if (/^\d{4}\.1$/u.test(shown)) {
      return fail(`日期“${shown}”被Excel保存为数字，无法区分${shown.slice(0, 4)}年1月和10月；请将该列设为文本格式，填写“${shown}0”或“${shown.slice(0, 5)}01”`);
    }
    return fromText(shown);
  }
  if (n >= 1 && n <= MAX_EXCEL_SERIAL) {
    if (Math.floor(n) === 60) return fail('Excel日期序列号60对应不存在的1900年2月29日（Excel的历史错误），请重新填写日期');
    const d = excelSerialToDate(n)!;
    if (d.getUTCFullYear() < MIN_YEAR || d.getUTCFullYear() > MAX_YEAR) return fail(`日期“${isoOfDate(d)}”超出合理范围`);
    return ok({ value: isoOfDate(d), precision: 'day' });
  }
  return fail(`无法把数字“${shown}”识别为日期，请填写如2025-03-15的日期`);
}

function fromText(s: string): CellResult<{ value: string; precision: 'year' | 'month' | 'day' }> {
  const r = parsePartialDate(s);
  return r.ok ? ok({ value: r.value, precision: r.precision }) : r;
}

/** `2025-03-15`, `2025/3/15`, `2025.3`: the usual forms, checked here without the general parser. */
const COMMON_DATE = /^(\d{4})([-./])(\d{1,2})(?:\2(\d{1,2}))?$/u;

function commonDate(s: string): { value: string; precision: 'month' | 'day' } | null {
  const m = COMMON_DATE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12) return null;
  if (m[4] === undefined) return { value: `${y}-${pad2(mo)}`, precision: 'month' };
  const d = Number(m[4]);
  if (d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return { value: `${y}-${pad2(mo)}-${pad2(d)}`, precision: 'day' };
}

function partialDate(raw: RawCell): CellResult<{ value: string; precision: 'year' | 'month' | 'day' }> {
  if (typeof raw === 'string') {
    const quick = commonDate(raw);
    if (quick) return ok(quick);
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail('无效的日期');
    const y = raw.getUTCFullYear();
    if (y < MIN_YEAR || y > MAX_YEAR) return fail(`日期“${isoOfDate(raw)}”超出合理范围`);
    return ok({ value: isoOfDate(raw), precision: 'day' });
  }
  if (typeof raw === 'number') return dateOfNumber(raw);
  if (typeof raw !== 'string') return fail('应为日期，如2025-03-15');
  // Five digits can be nothing but an Excel serial (1927–2173) saved as text, e.g. by Excel's CSV export.
  const serial = /^\s*(\d{5}(?:\.\d+)?)\s*$/u.exec(foldText(raw));
  if (serial) return dateOfNumber(Number(serial[1]));
  const s = foldText(raw).trim()
    .replace(/(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)$/u, '') // a time of day after the date
    .replace(/号$/u, '日');
  return fromText(s);
}

/** A day: Excel serial or date cell, `2025-03-15`, `2025/3/15`, `2025.3.15`, `2025年3月15日`, `20250315` → `YYYY-MM-DD`. */
export function normalizeDateCell(raw: RawCell): CellResult<string> {
  const r = partialDate(raw);
  if (!r.ok) return r;
  const shown = cellText(raw).trim();
  if (r.value.precision === 'month') return fail(`日期“${shown}”只有年月，缺少日（本列需要具体日期，如${r.value.value}-01）`);
  if (r.value.precision === 'year') return fail(`日期“${shown}”只有年份，缺少月和日（本列需要具体日期，如${r.value.value}-03-15）`);
  return ok(r.value.value);
}

/** A month: any date form, or `2025.3`, `2025年3月`, `202503` → `YYYY-MM` (a day given is dropped). */
export function normalizeMonthCell(raw: RawCell): CellResult<string> {
  const r = partialDate(raw);
  if (!r.ok) return r;
  if (r.value.precision === 'year') return fail(`“${cellText(raw).trim()}”只有年份，缺少月份（如${r.value.value}-03）`);
  return ok(r.value.value.slice(0, 7));
}

export function normalizeYearCell(raw: RawCell): CellResult<number> {
  let y: number;
  if (raw instanceof Date) y = raw.getUTCFullYear();
  else if (typeof raw === 'number') y = raw;
  else {
    const m = /^(\d{4})(?:年度?)?$/u.exec(foldText(cellText(raw)).replace(/\s+/gu, ''));
    y = m ? Number(m[1]) : NaN;
  }
  if (!Number.isInteger(y)) return fail(`“${cellText(raw).trim()}”不是年份，应为四位年份，如2025`);
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`年份${y}超出合理范围（${MIN_YEAR}—${MAX_YEAR}）`);
  return ok(y);
}

/** Digits with optional sign, thousands separators and decimals (full-width too) → number, or null. */
function parseNumberText(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/\s+/gu, '');
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)$/u.exec(s) ?? /^([+-]?)()(\.\d+)(%?)$/u.exec(s);
  if (!m) return null;
  const n = Number(`${m[1]}${(m[2] ?? '').replace(/,/gu, '') || '0'}${m[3] ?? ''}`);
  if (!Number.isFinite(n)) return null;
  return m[4] === '%' ? Number((n / 100).toPrecision(15)) : n;
}

const COUNT_UNITS = /[个项人次件条名家起处]$/u;

export function normalizeIntegerCell(raw: RawCell): CellResult<number> {
  let n: number | null;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') n = parseNumberText(raw.trim().replace(COUNT_UNITS, ''));
  else n = null;
  if (n === null || !Number.isFinite(n)) return fail(`“${cellText(raw).trim()}”不是整数`);
  const rounded = Math.round(n);
  if (Math.abs(n - rounded) > 1e-9) return fail(`“${numberText(n)}”不是整数`);
  if (!Number.isSafeInteger(rounded)) return fail(`数字“${numberText(n)}”太大`);
  return ok(rounded);
}

export function normalizeDecimalCell(raw: RawCell): CellResult<number> {
  let n: number | null;
  if (typeof raw === 'number') n = Number.isFinite(raw) ? Number(raw.toPrecision(15)) : null;
  else if (typeof raw === 'string') n = parseNumberText(raw);
  else n = null;
  if (n === null) return fail(`“${cellText(raw).trim()}”不是数字`);
  return ok(n);
}

const optionIndexes = new WeakMap<readonly string[], Map<string, string>>();

function optionIndex(options: readonly string[]): Map<string, string> {
  let index = optionIndexes.get(options);
  if (!index) {
    index = new Map(options.map((o) => [matchKey(o), o] as const));
    optionIndexes.set(options, index);
  }
  return index;
}

function optionsHint(options: readonly string[]): string {
  const shown = options.slice(0, 15).join('、');
  return options.length > 15 ? `${shown}等${options.length}项` : shown;
}

/** One of `options`, exactly or after NFKC / whitespace / case folding (`Ａ 级` → `A级`). */
export function normalizeEnumCell(raw: RawCell, options: readonly string[]): CellResult<string> {
  const text = foldText(cellText(raw)).trim();
  if (options.includes(text)) return ok(text);
  const hit = optionIndex(options).get(matchKey(text));
  if (hit !== undefined) return ok(hit);
  return fail(`“${text}”不是有效的选项，应为：${optionsHint(options)}`);
}

const TRUE_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '√', '✓', '✔', '1', '对']);
const FALSE_WORDS = new Set(['否', '无', '没有', 'n', 'no', 'false', '×', '✗', '✘', 'x', '0', '错']);

export function normalizeBooleanCell(raw: RawCell): CellResult<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === '是') return ok(true);
  if (raw === '否') return ok(false);
  const key = matchKey(cellText(raw));
  if (TRUE_WORDS.has(key)) return ok(true);
  if (FALSE_WORDS.has(key)) return ok(false);
  return fail(`“${cellText(raw).trim()}”无法识别，应填“是”或“否”`);
}

const LIST_SEPARATORS = /[、，,;；/／|｜\n]+/u;

/** Items split on 、，,;；/ and line breaks; each checked against `options` when given. */
export function normalizeListCell(raw: RawCell, options?: readonly string[]): CellResult<string[]> {
  const items = foldText(cellText(raw)).split(LIST_SEPARATORS).map((s) => s.trim()).filter((s) => s !== '');
  const out: string[] = [];
  const bad: string[] = [];
  for (const item of items) {
    const r = options ? normalizeEnumCell(item, options) : ok(item);
    if (!r.ok) bad.push(item);
    else if (!out.includes(r.value)) out.push(r.value);
  }
  if (bad.length > 0) return fail(`${bad.map((b) => `“${b}”`).join('、')}不是有效的选项，应为：${optionsHint(options!)}`);
  return ok(out);
}

const PLACEHOLDER_BLANK: ReadonlySet<ColumnType> = new Set(['idNumber', 'date', 'month', 'year', 'integer', 'decimal', 'boolean', 'list']);

export type CellValue = string | number | boolean | string[] | null;

/**
 * A cell of a column: blank → null (or “不能为空” when required); `—` or `/` in a date/number/list column
 * counts as blank; strings longer than `maxLength` are refused.
 */
export function normalizeCell(spec: ColumnSpec, raw: RawCell): CellResult<CellValue> {
  let blank = isBlankCell(raw);
  if (!blank && typeof raw === 'string' && PLACEHOLDER_BLANK.has(spec.type) && PLACEHOLDER.test(raw.trim())) blank = true;
  if (!blank && spec.type === 'list' && typeof raw === 'string' && !spec.options?.includes('无') && matchKey(raw) === '无') blank = true;
  if (blank) return spec.required ? fail('必填项，不能为空') : ok(null);
  const r = normalizeByType(spec, raw);
  if (!r.ok || spec.maxLength === undefined) return r;
  const texts = typeof r.value === 'string' ? [r.value] : Array.isArray(r.value) ? r.value : [];
  for (const t of texts) {
    if (t.length <= spec.maxLength) continue; // UTF-16 length ≥ characters: most texts end here
    const length = [...t].length;
    if (length > spec.maxLength) return fail(`内容有${length}个字，超过了${spec.maxLength}个字的上限`);
  }
  return r;
}

function normalizeByType(spec: ColumnSpec, raw: RawCell): CellResult<CellValue> {
  switch (spec.type) {
    case 'text': return normalizeText(raw);
    case 'name': return normalizeName(raw);
    case 'idNumber': return normalizeIdNumberCell(raw);
    case 'date': return normalizeDateCell(raw);
    case 'month': return normalizeMonthCell(raw);
    case 'year': return normalizeYearCell(raw);
    case 'integer': return normalizeIntegerCell(raw);
    case 'decimal': return normalizeDecimalCell(raw);
    case 'enum': return normalizeEnumCell(raw, spec.options ?? []);
    case 'boolean': return normalizeBooleanCell(raw);
    case 'list': return normalizeListCell(raw, spec.options);
  }
}
