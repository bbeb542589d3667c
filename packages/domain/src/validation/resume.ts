/**
 * 简历 (the `JianLi` text of 干部任免审批表) → periods, by the line grammar of reference/lrmx.md §4:
 *
 *   Line  = Entry | Cont | Blank
 *   Entry = [ws] Start [ws] Sep [ws] [End] Gap Text        Start = Date; End = Date | 至今
 *   Cont  = a line not starting with a digit → belongs to the previous entry (wrapped text, （其间：…）)
 *
 * Nothing is dropped: every period keeps its date text and its full text (continuations and notes
 * included), and whatever cannot be attributed to a period comes back in `unparsed` with a reason.
 * Dates are normalized to `YYYY-MM`, or `YYYY` when only a year is written.
 */
import { parsePartialDate } from './dates.ts';

export type ResumeEndKind = 'date' | 'open' | 'present';

export interface ResumeSubPeriod {
  /** `YYYY-MM` / `YYYY`; null when the note has no (valid) date. */
  start: string | null;
  end: string | null;
  /** null when the note gives no range (a single date, or none). */
  endKind: ResumeEndKind | null;
  /** The note's text after its dates. */
  text: string;
  /** The note item as written. */
  raw: string;
}

export interface ResumePeriod {
  start: string;
  /** null for an open end (`YYYY.MM--`) and for 至今. */
  end: string | null;
  /** `date`: closed; `open`: end left blank; `present`: 至今. */
  endKind: ResumeEndKind;
  /** The date part as written, e.g. `1990.09--1994.07`. */
  dateText: string;
  /** Everything after the dates: the entry's text and its continuation lines (joined with `\n`), notes included. */
  text: string;
  /** `text` without the （其间：…） notes, its lines joined. */
  main: string;
  /** The （其间：…） sub-periods found in `text`. */
  sub: ResumeSubPeriod[];
  /** Index into `lines` of the entry line. */
  line: number;
  /** Number of lines the period spans (entry line, continuations and blank lines between them). */
  lineCount: number;
}

export interface ResumeUnparsed {
  line: number;
  text: string;
  reason: string;
}

export interface ResumeWarning {
  line: number;
  message: string;
}

export interface ParsedResume {
  /** The input, unchanged. */
  original: string;
  /** Logical lines: split at every kind of line break, and before entries that lost their newline. */
  lines: string[];
  periods: ResumePeriod[];
  unparsed: ResumeUnparsed[];
  warnings: ResumeWarning[];
}

/** `\r\n`, `\r`, `\n`, VT, FF, NEL, U+2028/2029, a literal `&#xD;`/`&#13;`/`&#xA;`/`&#10;`, `<br>`/`<br/>`. */
const BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]|&#(?:x0*[da]|0*1[03]);|<\/?br\s*\/?>/giu;
const DATE = '\\d{4}(?:[-.。/]\\d{1,2}(?:[-.。/]\\d{1,2})?|\\d{2}(?:\\d{2})?)?';
const SEP = '(?:[-~\\u2010-\\u2015\\u2212\\u2500\\u2501\\uFE58\\uFE63\\uFF0D\\uFF5E]{1,3}|至)';
const NOT_MORE_DATE = '(?![\\d年月.。/])';
const DATES = `(${DATE})\\s*(?:(至今|现在)|${SEP}\\s*(?:(至今|今|现在)|(${DATE})${NOT_MORE_DATE})?)`;
const ENTRY = new RegExp(`^(\\s*)${DATES}`, 'u');
const SUB = new RegExp(`^\\s*(?:${DATES}|(${DATE})${NOT_MORE_DATE})?`, 'u');
/** An entry start inside a line (lost newline): a year with a month, then a separator. */
const MID = new RegExp(`(?<![\\d.。/-])\\d{4}(?:[-.。/]\\d{1,2}|\\d{2})\\s*${SEP}`, 'gu');
const SUB_SPLIT = /[；;]|[，,、](?=\s*\d{4}(?:[-.。/]\d{1,2}|\d{2})(?!\d))/gu;
const NOTE_START = /[（(]\s*(?:其间|期间)|^[ \t\u3000\u2002]*(?:其间|期间)(?=\s*[：:，,]|\s*\d)/gmu;
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f]/gu;
const OPEN = '（(【[';
const CLOSE = '）)】]';

/** Same length as the input: full-width digits and dot → ASCII, so indexes stay aligned with the original. */
function view(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF0E]/gu, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)));
}

function monthOf(raw: string): { ok: true; value: string; year: number; month: number } | { ok: false; message: string } {
  const r = parsePartialDate(raw);
  if (!r.ok) return r;
  const value = r.month === null ? String(r.year) : `${r.year}-${String(r.month).padStart(2, '0')}`;
  return { ok: true, value, year: r.year, month: r.month ?? 0 };
}

/** Split one physical line before entry starts that lost their line break (outside brackets, not after 其间). */
function resplit(line: string): string[] {
  const v = view(line);
  const depth: number[] = [];
  let d = 0;
  for (let i = 0; i < v.length; i++) {
    depth.push(d);
    const ch = v[i]!;
    if (OPEN.includes(ch)) d++;
    else if (CLOSE.includes(ch) && d > 0) d--;
  }
  const out: string[] = [];
  let last = 0;
  for (const m of v.matchAll(MID)) {
    const at = m.index;
    if (at <= last || depth[at] !== 0) continue;
    // Only the tail is tested, so rejected candidates cost O(1) each (no quadratic rescans).
    if (/(?:其间|期间)\s*[：:，,]?\s*$/u.test(line.slice(Math.max(last, at - 12), at))) continue;
    const before = line.slice(last, at);
    if (before.trim() === '') continue;
    out.push(before);
    last = at;
  }
  out.push(line.slice(last));
  return out;
}

/** Logical lines of a 简历 text. */
export function splitResumeLines(text: string): string[] {
  return text.split(BREAK).flatMap(resplit);
}

function findClose(text: string, from: number): number {
  let d = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch)) d++;
    else if (CLOSE.includes(ch)) {
      d--;
      if (d === 0) return i;
    }
  }
  return text.length - 1;
}

function parseDates(m: RegExpExecArray, first: number): { start: string; end: string | null; endKind: ResumeEndKind } | string {
  const start = monthOf(m[first]!);
  if (!start.ok) return `起始时间无效：${start.message}`;
  if (m[first + 1] !== undefined || m[first + 2] !== undefined) return { start: start.value, end: null, endKind: 'present' };
  if (m[first + 3] === undefined) return { start: start.value, end: null, endKind: 'open' };
  const end = monthOf(m[first + 3]!);
  if (!end.ok) return `终止时间无效：${end.message}`;
  return { start: start.value, end: end.value, endKind: 'date' };
}

function subPeriods(text: string): { notes: Array<[number, number]>; sub: ResumeSubPeriod[] } {
  const notes: Array<[number, number]> = [];
  const sub: ResumeSubPeriod[] = [];
  for (const m of text.matchAll(NOTE_START)) {
    const open = m.index;
    if (notes.length > 0 && open <= notes[notes.length - 1]![1]) continue;
    const bracketed = /^[（(]/u.test(m[0]);
    let end: number;
    if (bracketed) end = findClose(text, open);
    else {
      const nl = text.indexOf('\n', open);
      end = (nl < 0 ? text.length : nl) - 1;
    }
    notes.push([open, end]);
    const closed = bracketed && CLOSE.includes(text[end] ?? '');
    const inner = text.slice(open + m[0].length, closed ? end : end + 1).replace(/^\s*[：:，,]?\s*/u, '');
    const v = view(inner);
    let last = 0;
    const cuts: Array<[number, number]> = [];
    for (const s of v.matchAll(SUB_SPLIT)) {
      cuts.push([last, s.index]);
      last = s.index + s[0].length;
    }
    cuts.push([last, inner.length]);
    for (const [a, b] of cuts) {
      const raw = inner.slice(a, b).trim();
      if (raw === '') continue;
      const sm = SUB.exec(view(raw))!;
      let start: string | null = null;
      let endValue: string | null = null;
      let endKind: ResumeEndKind | null = null;
      if (sm[1] !== undefined) {
        const p = parseDates(sm, 1);
        if (typeof p !== 'string') ({ start, end: endValue, endKind } = p);
      } else if (sm[5] !== undefined) {
        const single = monthOf(sm[5]);
        if (single.ok) start = single.value;
      }
      sub.push({ start, end: endValue, endKind, text: raw.slice(sm[0].length).trim(), raw });
    }
  }
  return { notes, sub };
}

function buildPeriod(lines: string[], line: number, m: RegExpExecArray, dates: { start: string; end: string | null; endKind: ResumeEndKind }): ResumePeriod {
  const src = lines[line]!;
  return {
    ...dates,
    dateText: src.slice(m[1]!.length, m[0].length).trim(),
    text: src.slice(m[0].length).replace(ODD_SPACES, ' ').trim(),
    main: '',
    sub: [],
    line,
    lineCount: 1,
  };
}

function finish(p: ResumePeriod): void {
  const { notes, sub } = subPeriods(p.text);
  let main = '';
  let last = 0;
  for (const [a, b] of notes) {
    main += p.text.slice(last, a);
    last = b + 1;
  }
  main += p.text.slice(last);
  p.main = main.split('\n').map((s) => s.trim()).join('');
  p.sub = sub;
}

function compare(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number);
  const [by, bm] = b.split('-').map(Number);
  if (ay !== by) return ay! - by!;
  if (am === undefined || bm === undefined) return 0;
  return am - bm;
}

/** Parses a 简历 text. Never throws. */
export function parseResume(original: string): ParsedResume {
  const lines = splitResumeLines(original);
  const periods: ResumePeriod[] = [];
  const unparsed: ResumeUnparsed[] = [];
  const warnings: ResumeWarning[] = [];
  let current: ResumePeriod | null = null;
  let orphanReason = '第一个时间段之前的文字，无法归入任何时间段';

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.replace(ODD_SPACES, ' ').trim();
    if (trimmed === '') continue;
    const v = view(line);
    const m = ENTRY.exec(v);
    if (m) {
      const dates = parseDates(m, 2);
      if (typeof dates === 'string') {
        unparsed.push({ line: i, text: trimmed, reason: dates });
        current = null;
        orphanReason = '所属时间段的起止时间无法识别';
        continue;
      }
      current = buildPeriod(lines, i, m, dates);
      periods.push(current);
      continue;
    }
    if (/^\s*\d/u.test(v)) {
      unparsed.push({ line: i, text: trimmed, reason: '以数字开头，但不是“起始时间--终止时间  内容”的格式' });
      current = null;
      orphanReason = '所属时间段的起止时间无法识别';
      continue;
    }
    if (current) {
      current.text = current.text === '' ? trimmed : `${current.text}\n${trimmed}`;
      current.lineCount = i - current.line + 1;
    } else {
      unparsed.push({ line: i, text: trimmed, reason: orphanReason });
    }
  }

  periods.forEach((p, idx) => {
    finish(p);
    if (p.end !== null && compare(p.end, p.start) < 0) warnings.push({ line: p.line, message: `终止时间早于起始时间（${p.dateText}）` });
    if (p.endKind === 'open' && idx < periods.length - 1) warnings.push({ line: p.line, message: `不是最后一段，却没有终止时间（${p.dateText}）` });
    const prev = periods[idx - 1];
    if (prev && compare(p.start, prev.start) < 0) warnings.push({ line: p.line, message: `起始时间早于上一段（${p.dateText}），时间顺序可能有误` });
  });
  return { original, lines, periods, unparsed, warnings };
}
