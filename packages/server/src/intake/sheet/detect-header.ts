/**
 * Finds the header among the first rows of a sheet and maps its columns to field keys.
 *
 * Real sheets put a title (`2025年度经济责任审计结果汇总表`, merged across) and lines like `填报单位：…`
 * above the header, and group columns under a parent merged over two or more children
 * (`审计发现问题` over `数量` and `金额(万元)` → `审计发现问题·数量`). Streaming readers see merged cells
 * as a value in the first cell and blanks after it, and so does a CSV saved from such a sheet; the
 * two-row reading below works from that alone. Each candidate (one row, or two) is scored by how many
 * specs its headers match, and the best wins.
 */
import { cellText, matchKey, type ColumnSpec, type HeaderOverrides, type SheetColumn, type SheetMapping } from '@jiandu/domain';
import type { RawCell, RawRow } from './types.ts';

export const HEADER_SCAN_ROWS = 15;

type Match = NonNullable<SheetColumn['match']>;

const QUALITY: Record<Match, number> = { manual: 5, label: 4, synonym: 3.5, normalized: 3, fuzzy: 1 };

/** A header compared loosely: NFKC, no spaces, no brackets with their content (units, 必填), no punctuation or `*`. */
export function headerKey(text: string): string {
  const k = matchKey(text);
  const bare = k.replace(/[(（【[〔][^)）】\]〕]*[)）】\]〕]/gu, '');
  return (bare === '' ? k : bare).replace(/[\p{P}\p{S}]/gu, '');
}

/** Header text as shown: trimmed, inner whitespace and line breaks (`金额\n（万元）`) collapsed. */
export function headerText(raw: RawCell): string {
  return cellText(raw).normalize('NFC').replace(/[\s\u3000]+/gu, ' ').trim();
}

interface Candidate {
  key: string;
  match: Match;
  quality: number;
}

/**
 * Best spec for one header: exact label, exact synonym, normalized equality, then prefix/suffix likeness
 * (`身份证号码` ~ `身份证号`) when the shorter is at least 60% of the longer (`问题` is not `问题类别`).
 */
export function matchHeader(header: string, specs: readonly ColumnSpec[], allowFuzzy = true): Candidate | null {
  if (header === '') return null;
  for (const s of specs) if (s.label === header) return { key: s.key, match: 'label', quality: QUALITY.label };
  for (const s of specs) if (s.synonyms?.includes(header)) return { key: s.key, match: 'synonym', quality: QUALITY.synonym };
  const h = headerKey(header);
  if (h === '') return null;
  for (const s of specs) {
    for (const name of [s.label, ...(s.synonyms ?? [])]) if (headerKey(name) === h) return { key: s.key, match: 'normalized', quality: QUALITY.normalized };
  }
  if (!allowFuzzy) return null;
  let best: Candidate | null = null;
  for (const s of specs) {
    for (const name of [s.label, ...(s.synonyms ?? [])]) {
      const n = headerKey(name);
      if (n.length < 2) continue;
      const [short, long] = n.length <= h.length ? [n, h] : [h, n];
      if (short.length / long.length < 0.6 || !(long.startsWith(short) || long.endsWith(short))) continue;
      const quality = QUALITY.fuzzy + short.length / long.length;
      if (!best || quality > best.quality) best = { key: s.key, match: 'fuzzy', quality };
    }
  }
  return best;
}

export interface HeaderDetection {
  mapping: SheetMapping;
  /** Headers of the file that feed no field (ignored on import). */
  unmapped: string[];
  /** Required fields no column feeds: import cannot go on until they are mapped. */
  missing: Array<{ key: string; label: string }>;
  /** Optional fields no column feeds. */
  absent: Array<{ key: string; label: string }>;
  /** The sheet's title above the header, if any (`2025年度经济责任审计结果汇总表`). */
  title: string | null;
  /** Every line above the header, as text (title, `填报单位：…`, `填报日期：…`). */
  preamble: string[];
  /** Notes in Chinese: columns mapped twice, overrides that name no field. */
  notes: string[];
}

const isTextCell = (v: RawCell) => typeof v === 'string' && v.trim() !== '' && !/^[\d\s.,:/-]+$/u.test(v);

/** Column names for a header of one row, or of two (parent over children), from the raw cells. */
function headerNames(upper: RawCell[], lower: RawCell[] | null): string[] {
  const top = upper.map(headerText);
  if (!lower) return top;
  const bottom = lower.map(headerText);
  const width = Math.max(top.length, bottom.length);
  const names: string[] = [];
  let parent = '';
  for (let c = 0; c < width; c++) {
    const t = top[c] ?? '';
    const b = bottom[c] ?? '';
    if (t !== '') parent = b !== '' ? t : '';
    if (b === '') names.push(t);
    else if (t !== '') names.push(`${t}·${b}`);
    else names.push(parent !== '' ? `${parent}·${b}` : b);
  }
  return names;
}

/**
 * Whether `lower` reads as the child row of a two-row header: text only, and at least one child stands
 * under a parent that spans it (a blank upper cell right of a parent that has a child too, or the parent
 * text repeated).
 */
function looksLikeChildRow(upper: RawCell[], lower: RawCell[]): boolean {
  if (!lower.some(isTextCell)) return false;
  if (lower.some((v) => v !== null && v !== '' && !isTextCell(v))) return false;
  const top = upper.map(headerText);
  const bottom = lower.map(headerText);
  for (let c = 1; c < bottom.length; c++) {
    if (bottom[c] === '') continue;
    if ((top[c] ?? '') === '' || top[c] === top[c - 1]) {
      let p = c - 1;
      while (p > 0 && (top[p] ?? '') === '') p--;
      if ((top[p] ?? '') !== '' && bottom[p] !== '') return true;
    }
  }
  return false;
}

function assign(names: string[], specs: readonly ColumnSpec[], overrides: HeaderOverrides, notes: string[] | null): SheetColumn[] {
  const columns: SheetColumn[] = names.map((header, index) => ({ index, header, key: null, match: null }));
  const taken = new Set<string>();
  const decided = new Set<number>();
  const known = new Set(specs.map((s) => s.key));
  for (const col of columns) {
    if (col.header === '' || !Object.hasOwn(overrides, col.header)) continue;
    const key = overrides[col.header]!;
    decided.add(col.index);
    if (key === null) continue;
    if (!known.has(key)) notes?.push(`手工指定的字段“${key}”不存在，“${col.header}”列未导入`);
    else if (taken.has(key)) notes?.push(`“${col.header}”列与其他列指定了同一字段，已忽略`);
    else {
      col.key = key;
      col.match = 'manual';
      taken.add(key);
    }
  }
  const candidates = columns
    .filter((c) => !decided.has(c.index))
    .map((c) => ({ col: c, hit: matchHeader(c.header, specs) }))
    .filter((x): x is { col: SheetColumn; hit: Candidate } => x.hit !== null)
    .sort((a, b) => b.hit.quality - a.hit.quality || a.col.index - b.col.index);
  for (const { col, hit } of candidates) {
    if (taken.has(hit.key)) {
      const first = columns.find((c) => c.key === hit.key)!;
      notes?.push(`“${col.header}”列与“${first.header}”列对应同一字段，只导入“${first.header}”列`);
      continue;
    }
    col.key = hit.key;
    col.match = hit.match;
    taken.add(hit.key);
  }
  return columns;
}

function score(columns: SheetColumn[]): number {
  return columns.reduce((sum, c) => sum + (c.match === null ? 0 : c.match === 'fuzzy' ? 0.5 : 1), 0);
}

function rowTexts(cells: RawCell[]): string[] {
  return cells.map(headerText).filter((t) => t !== '');
}

/**
 * Picks the header among the first `HEADER_SCAN_ROWS` rows (given in order) and maps it.
 * `overrides` (header text as shown → key, or null to ignore) win over automatic matching.
 */
export function detectHeader(rows: readonly RawRow[], specs: readonly ColumnSpec[], overrides: HeaderOverrides = {}): HeaderDetection {
  const scan = rows.slice(0, HEADER_SCAN_ROWS);
  let best: { at: number; rows: 1 | 2; columns: SheetColumn[]; score: number } | null = null;
  for (let i = 0; i < scan.length; i++) {
    const upper = scan[i]!.cells;
    if (!upper.some(isTextCell)) continue;
    const one = assign(headerNames(upper, null), specs, overrides, null);
    const s1 = score(one);
    if (!best || s1 > best.score) best = { at: i, rows: 1, columns: one, score: s1 };
    const next = scan[i + 1];
    if (next && next.row === scan[i]!.row + 1 && looksLikeChildRow(upper, next.cells)) {
      const two = assign(headerNames(upper, next.cells), specs, overrides, null);
      const s2 = score(two);
      if (s2 >= s1 && s2 > 0 && (best.score < s2 || (best.at === i && best.rows === 1))) best = { at: i, rows: 2, columns: two, score: s2 };
    }
  }
  if (!best || best.score === 0) {
    // Nothing matched: take the first row with the most text cells, so the user can map by hand.
    let at = 0;
    let most = -1;
    scan.forEach((r, i) => {
      const n = r.cells.filter(isTextCell).length;
      if (n > most) {
        most = n;
        at = i;
      }
    });
    best = { at, rows: 1, columns: [], score: 0 };
  }

  const notes: string[] = [];
  const headerRows = scan.slice(best.at, best.at + best.rows);
  const names = headerNames(headerRows[0]?.cells ?? [], best.rows === 2 ? headerRows[1]!.cells : null);
  const columns = assign(names, specs, overrides, notes).filter((c) => c.header !== '');
  const mappedKeys = new Set(columns.map((c) => c.key).filter((k) => k !== null));
  const preamble = scan.slice(0, best.at).map((r) => rowTexts(r.cells).join(' ')).filter((t) => t !== '');
  const title = scan.slice(0, best.at).map((r) => rowTexts(r.cells)).find((t) => t.length === 1 && !/[:：]/u.test(t[0]!))?.[0] ?? null;
  return {
    mapping: { headerRow: headerRows[0]?.row ?? 1, headerRows: best.rows, columns },
    unmapped: columns.filter((c) => c.key === null).map((c) => c.header),
    missing: specs.filter((s) => s.required && !mappedKeys.has(s.key)).map((s) => ({ key: s.key, label: s.label })),
    absent: specs.filter((s) => !s.required && !mappedKeys.has(s.key)).map((s) => ({ key: s.key, label: s.label })),
    title,
    preamble,
    notes,
  };
}

/** Applies overrides to a mapping already detected (the preview's “change the mapping” step). */
export function remapColumns(mapping: SheetMapping, specs: readonly ColumnSpec[], overrides: HeaderOverrides): { mapping: SheetMapping; notes: string[] } {
  const notes: string[] = [];
  const byIndex = new Map(mapping.columns.map((c) => [c.index, c.header]));
  const width = Math.max(0, ...mapping.columns.map((c) => c.index + 1));
  const names = Array.from({ length: width }, (_, i) => byIndex.get(i) ?? '');
  const columns = assign(names, specs, overrides, notes).filter((c) => c.header !== '');
  return { mapping: { ...mapping, columns }, notes };
}
