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
  /** Matched by the lower row of a two-row header alone. */
  lowerOnly?: boolean;
}

/** Columns matched by their lower header row alone: they count less when choosing the header rows. */
const LOWER_ONLY = new WeakSet<SheetColumn>();

/** How a column's header was read: as written, the rows of a two-row header joined smartly, or the lower row alone. */
interface HeaderForms {
  header: string;
  /** `审计发现问题` over `问题数（个）` → `审计发现问题数` (the overlap said once), when it differs from the plain join. */
  joined: string | null;
  /** The lower row alone (`问题数（个）`). */
  lower: string | null;
}

/** Every spec a header matches at the best quality found (label, synonym, normalized, then fuzzy), one per key. */
function bestMatches(header: string, specs: readonly ColumnSpec[], allowFuzzy: boolean): Candidate[] {
  if (header === '') return [];
  const found = (hits: Candidate[]) => hits.filter((c, i) => hits.findIndex((o) => o.key === c.key) === i);
  let hits: Candidate[] = specs.filter((s) => s.label === header).map((s) => ({ key: s.key, match: 'label' as const, quality: QUALITY.label }));
  if (hits.length) return found(hits);
  hits = specs.filter((s) => s.synonyms?.includes(header)).map((s) => ({ key: s.key, match: 'synonym' as const, quality: QUALITY.synonym }));
  if (hits.length) return found(hits);
  const h = headerKey(header);
  if (h === '') return [];
  hits = specs.filter((s) => [s.label, ...(s.synonyms ?? [])].some((n) => headerKey(n) === h)).map((s) => ({ key: s.key, match: 'normalized' as const, quality: QUALITY.normalized }));
  if (hits.length || !allowFuzzy) return found(hits);
  let best: Candidate[] = [];
  for (const s of specs) {
    for (const name of [s.label, ...(s.synonyms ?? [])]) {
      const n = headerKey(name);
      if (n.length < 2) continue;
      const [short, long] = n.length <= h.length ? [n, h] : [h, n];
      if (short.length / long.length < 0.6 || !(long.startsWith(short) || long.endsWith(short))) continue;
      const quality = QUALITY.fuzzy + short.length / long.length;
      if (!best.length || quality > best[0]!.quality) best = [{ key: s.key, match: 'fuzzy', quality }];
      else if (quality === best[0]!.quality && !best.some((b) => b.key === s.key)) best.push({ key: s.key, match: 'fuzzy', quality });
    }
  }
  return best;
}

/**
 * Best spec for one header: exact label, exact synonym, normalized equality, then prefix/suffix likeness
 * (`身份证号码` ~ `身份证号`) when the shorter is at least 60% of the longer (`问题` is not `问题类别`).
 * When two specs match equally well, the first (see `matchColumn` for the ambiguity).
 */
export function matchHeader(header: string, specs: readonly ColumnSpec[], allowFuzzy = true): Candidate | null {
  return bestMatches(header, specs, allowFuzzy)[0] ?? null;
}

/**
 * The specs one column matches at its best: its header as written first, then (a little lower) the two
 * rows of a two-row header joined without repeating their overlap, then (lower still, no fuzzy likeness)
 * the lower row alone — so `审计发现问题·问题数（个）` finds 发现问题数 and `在职教育·学历` stays 在职学历.
 * More than one key at the same best quality: the header could mean either (ambiguous).
 */
function matchColumn(forms: HeaderForms, specs: readonly ColumnSpec[]): Candidate[] {
  const all = [
    ...bestMatches(forms.header, specs, true),
    ...(forms.joined ? bestMatches(forms.joined, specs, false).map((c) => ({ ...c, quality: c.quality - 0.1 })) : []),
    ...(forms.lower ? bestMatches(forms.lower, specs, false).map((c) => ({ ...c, quality: c.quality - 0.2, lowerOnly: true })) : []),
  ];
  const top = Math.max(...all.map((c) => c.quality));
  return all.filter((c, i) => c.quality === top && all.findIndex((o) => o.key === c.key && o.quality === top) === i);
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
  /** Headers that could mean two fields or more (处分类型: 类别 or 处理方式?): left unmapped until the user chooses. */
  ambiguous: Array<{ header: string; candidates: Array<{ key: string; label: string }> }>;
}

const isTextCell = (v: RawCell) => typeof v === 'string' && v.trim() !== '' && !/^[\d\s.,:/-]+$/u.test(v);

/** The rows of a two-row header joined, their overlap said once (`审计发现问题` + `问题数` → `审计发现问题数`); null when there is no overlap. */
function overlapJoin(upper: string, lower: string): string | null {
  const u = headerKey(upper);
  const l = headerKey(lower);
  for (let k = Math.min(u.length, l.length - 1); k >= 1; k--) if (u.endsWith(l.slice(0, k))) return u + l.slice(k);
  return null;
}

/** Column names for a header of one row, or of two (parent over children), from the raw cells. */
function headerNames(upper: RawCell[], lower: RawCell[] | null): HeaderForms[] {
  const top = upper.map(headerText);
  if (!lower) return top.map((header) => ({ header, joined: null, lower: null }));
  const bottom = lower.map(headerText);
  const width = Math.max(top.length, bottom.length);
  const names: HeaderForms[] = [];
  let parent = '';
  for (let c = 0; c < width; c++) {
    const t = top[c] ?? '';
    const b = bottom[c] ?? '';
    if (t !== '') parent = b !== '' ? t : '';
    const p = t !== '' ? t : parent;
    if (b === '') names.push({ header: t, joined: null, lower: null });
    else if (p !== '') names.push({ header: `${p}·${b}`, joined: overlapJoin(p, b), lower: b });
    else names.push({ header: b, joined: null, lower: null });
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

function assign(names: HeaderForms[], specs: readonly ColumnSpec[], overrides: HeaderOverrides, notes: string[] | null): SheetColumn[] {
  const columns: SheetColumn[] = names.map((n, index) => ({ index, header: n.header, key: null, match: null }));
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
  const hits = columns
    .filter((c) => !decided.has(c.index) && c.header !== '')
    .map((c) => ({ col: c, hits: matchColumn(names[c.index]!, specs) }))
    .filter((x) => x.hits.length > 0)
    .sort((a, b) => b.hits[0]!.quality - a.hits[0]!.quality || a.col.index - b.col.index);
  // Clear headers first; then an ambiguous one takes the one candidate the others left free, or is asked about.
  for (const { col, hits: [hit, ...rest] } of [...hits.filter((x) => x.hits.length === 1), ...hits.filter((x) => x.hits.length > 1)]) {
    const free = [hit!, ...rest].filter((h) => !taken.has(h.key));
    if (free.length > 1) {
      col.candidates = free.map((h) => h.key);
      continue;
    }
    if (free.length === 0) {
      const first = columns.find((c) => c.key === hit!.key)!;
      notes?.push(`“${col.header}”列与“${first.header}”列对应同一字段，只导入“${first.header}”列`);
      continue;
    }
    col.key = free[0]!.key;
    col.match = free[0]!.match;
    if (free[0]!.lowerOnly) LOWER_ONLY.add(col);
    taken.add(free[0]!.key);
  }
  return columns;
}

function score(columns: SheetColumn[]): number {
  return columns.reduce((sum, c) => sum + (c.candidates ? 1 : c.match === null ? 0 : c.match === 'fuzzy' || LOWER_ONLY.has(c) ? 0.5 : 1), 0);
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
    ambiguous: columns.filter((c) => c.candidates).map((c) => ({
      header: c.header, candidates: c.candidates!.map((key) => ({ key, label: specs.find((s) => s.key === key)?.label ?? key })),
    })),
  };
}

/** Applies overrides to a mapping already detected (the preview's “change the mapping” step). */
export function remapColumns(mapping: SheetMapping, specs: readonly ColumnSpec[], overrides: HeaderOverrides): { mapping: SheetMapping; notes: string[] } {
  const notes: string[] = [];
  const byIndex = new Map(mapping.columns.map((c) => [c.index, c.header]));
  const width = Math.max(0, ...mapping.columns.map((c) => c.index + 1));
  const names = Array.from({ length: width }, (_, i): HeaderForms => {
    const header = byIndex.get(i) ?? '';
    const [upper, lower] = header.includes('·') ? [header.slice(0, header.indexOf('·')), header.slice(header.indexOf('·') + 1)] : ['', ''];
    return { header, joined: lower ? overlapJoin(upper, lower) : null, lower: lower || null };
  });
  const columns = assign(names, specs, overrides, notes).filter((c) => c.header !== '');
  return { mapping: { ...mapping, columns }, notes };
}
