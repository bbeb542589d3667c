/**
 * Raw rows + a header mapping + column specs → normalized rows with their problems, streamed.
 * Skipped with a note: blank rows (and rows with data only in unmapped columns, such as a pre-filled
 * 序号), the template's example row, 合计/总计/小计 rows and a 填表说明 footer. A row equal to an earlier
 * one (same normalized values) is marked `与第N行重复` and is not imported. Memory: constant, but for
 * the index of fingerprints seen (about 32 bytes a row, off the JS heap; `dedupe: false` turns it off).
 */
import { hash } from 'node:crypto';
import {
  cellText, isBlankCell, matchKey, normalizeCell, type CellValue, type ColumnSpec, type SheetIssue, type SheetMapping,
} from '@jiandu/domain';
import { FingerprintIndex } from './fingerprint-index.ts';
import { SheetFileError, type ParsedRow, type RawCell, type RawRow, type SheetSummary, type SkipReason } from './types.ts';

export interface ParseRowsOptions {
  /** Mark rows equal to an earlier row as duplicates (default true). */
  dedupe?: boolean;
  /** Refuse a file with more data rows than this (default 2,000,000). */
  maxRows?: number;
}

export function emptySummary(): SheetSummary {
  return { dataRows: 0, validRows: 0, errorRows: 0, duplicateRows: 0, blankRows: 0, skipped: [], notes: [] };
}

const TOTAL_WORDS = new Set(['合计', '总计', '小计', '共计', '总合计', '累计', '总数']);
const FOOTER_START = /^(?:填表说明|填报说明|编制说明)/u;
const FOOTER_NOTE = /^(?:说明|注|备注|附注)\s*[:：]/u;
const FOOTER_SIGNATURE = /^(?:填表人|制表人|填报人|审核人|审批人|负责人|单位负责人|分管领导|联系人|联系电话|填报日期|制表日期|填表日期)\s*[:：]/u;
/** `示例`, `【示例】`, `示例：张三` — the template's example row. */
export const EXAMPLE_MARK = /^(?:[【[(（]\s*示\s*例\s*[】\])）]|示\s*例\s*(?:[:：]|$))/u;

/** The first `n` filled cells, as trimmed text for strings and '' for other values (never a footer or total). */
function firstTexts(cells: RawCell[], n: number): string[] {
  const out: string[] = [];
  for (const c of cells) {
    if (isBlankCell(c)) continue;
    out.push(typeof c === 'string' ? c.trim() : '');
    if (out.length === n) break;
  }
  return out;
}

/** First characters of the footer words above: most rows are ruled out by one lookup. */
const FOOTER_FIRST = new Set([...'填编说注备附制审负单分联']);

interface Bound {
  spec: ColumnSpec;
  index: number;
  header: string;
}

/** Spec per mapped column; a spec without a column is bound to nothing (its value is null). */
export function bindColumns(mapping: SheetMapping, specs: readonly ColumnSpec[]): Bound[] {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const bound: Bound[] = [];
  for (const c of mapping.columns) {
    const spec = c.key === null ? undefined : byKey.get(c.key);
    if (spec) bound.push({ spec, index: c.index, header: c.header });
  }
  return bound;
}

/** Fingerprint of normalized values: SHA-256 of `key␁value␂…` in key order, its first 128 bits in base64url. */
export function fingerprintOf(values: ReadonlyArray<readonly [string, string]>): string {
  let text = '';
  for (const [k, v] of values) text += `${k}\u0001${v}\u0002`;
  return hash('sha256', text, 'buffer').toString('base64url', 0, 16);
}

/** A cell that may say 合计/总计/小计 (cheap test first: short, with one of the telling characters). */
function totalWord(text: string): string | null {
  if (text.length > 8 || !/[计数]/u.test(text)) return null;
  const word = matchKey(text).replace(/[:：]/gu, '');
  return TOTAL_WORDS.has(word) ? word : null;
}

/**
 * The row logic, synchronous and batch-wise: `push` takes raw rows in file order and returns the parsed
 * data rows among them, filling `summary` as it goes.
 */
export class RowParser {
  private readonly bound: Bound[];
  private readonly fpOrder: Bound[];
  private readonly examples: Bound[];
  private readonly firstData: number;
  private readonly seen: FingerprintIndex | null;
  private readonly maxRows: number;
  private inFooter = false;

  constructor(mapping: SheetMapping, private readonly specs: readonly ColumnSpec[], readonly summary: SheetSummary, opts: ParseRowsOptions = {}) {
    this.bound = bindColumns(mapping, specs);
    this.fpOrder = [...this.bound].sort((a, b) => (a.spec.key < b.spec.key ? -1 : a.spec.key > b.spec.key ? 1 : 0));
    this.examples = this.bound.filter((b) => b.spec.example !== undefined && b.spec.example !== '');
    this.firstData = mapping.headerRow + mapping.headerRows;
    this.seen = opts.dedupe === false ? null : new FingerprintIndex();
    this.maxRows = opts.maxRows ?? 2_000_000;
  }

  push(rows: readonly RawRow[]): ParsedRow[] {
    const out: ParsedRow[] = [];
    for (const r of rows) {
      const parsed = this.one(r.row, r.cells);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  private skip(row: number, reason: SkipReason, note: string): null {
    this.summary.skipped.push({ row, reason, note });
    if (this.summary.notes.length < 100) this.summary.notes.push(note);
    return null;
  }

  private one(row: number, cells: RawCell[]): ParsedRow | null {
    const { summary, bound } = this;
    if (row < this.firstData) return null;
    const first = firstTexts(cells, 3);
    if (first.length === 0) {
      summary.blankRows++;
      return null;
    }
    const lead = first[0]!;
    if (this.inFooter && (first.length === 1 || /^[(（]?[\d一二三四五六七八九十]+[)）.、．]/u.test(lead))) {
      return this.skip(row, 'footer', `第${row}行是表尾说明，已跳过`);
    }
    if (FOOTER_FIRST.has(lead[0] ?? '') && (FOOTER_START.test(lead) || FOOTER_SIGNATURE.test(lead) || (FOOTER_NOTE.test(lead) && first.length <= 2))) {
      this.inFooter = true;
      return this.skip(row, 'footer', `第${row}行是表尾说明（${lead.slice(0, 12)}${lead.length > 12 ? '…' : ''}），已跳过`);
    }
    this.inFooter = false;
    for (const t of first) {
      const word = totalWord(t);
      if (word !== null) return this.skip(row, 'total', `第${row}行是${word}行，已跳过`);
    }
    if (!bound.some((b) => !isBlankCell(cells[b.index]))) {
      summary.blankRows++;
      return null;
    }
    // The template's example row sits right under the header: look for it until the first data row.
    if (summary.dataRows === 0 && (EXAMPLE_MARK.test(lead) || isExampleRow(cells, this.examples))) {
      return this.skip(row, 'example', `第${row}行是模板的示例行，已跳过`);
    }

    summary.dataRows++;
    if (summary.dataRows > this.maxRows) throw new SheetFileError('too-many-rows', `文件超过${this.maxRows}行数据，请分批导入`);
    const values: Record<string, CellValue> = {};
    for (const s of this.specs) values[s.key] = null;
    const errors: SheetIssue[] = [];
    for (const b of bound) {
      const r = normalizeCell(b.spec, cells[b.index]);
      if (r.ok) values[b.spec.key] = r.value;
      else errors.push({ row, column: b.header, col: b.index + 1, message: r.message });
    }
    let text = '';
    for (const b of this.fpOrder) {
      const v = values[b.spec.key];
      if (v !== null && v !== undefined) text += `${b.spec.key}\u0001${typeof v === 'object' ? JSON.stringify(v) : v}\u0002`;
      else if (!isBlankCell(cells[b.index])) text += `${b.spec.key}\u0001!${cellText(cells[b.index])}\u0002`;
    }
    const digest = hash('sha256', text, 'buffer');
    const fingerprint = digest.toString('base64url', 0, 16);
    let duplicateOf: number | null = null;
    const earlier = this.seen ? this.seen.claim(digest, row) : 0;
    if (earlier !== 0) {
      duplicateOf = earlier;
      errors.push({ row, column: '', message: `与第${earlier}行重复` });
      summary.duplicateRows++;
    }
    if (errors.length === 0) summary.validRows++;
    else summary.errorRows++;
    return { row, values, errors, fingerprint, duplicateOf, cells };
  }
}

/** Normalizes the rows below the header, batch by batch; `summary` is filled in as they go by. */
export async function* parseBatches(
  batches: AsyncIterable<readonly RawRow[]>, mapping: SheetMapping, specs: readonly ColumnSpec[], summary: SheetSummary, opts: ParseRowsOptions = {},
): AsyncGenerator<ParsedRow[]> {
  const parser = new RowParser(mapping, specs, summary, opts);
  for await (const batch of batches) {
    const parsed = parser.push(batch);
    if (parsed.length > 0) yield parsed;
  }
}

/** The same, row by row, from any iterable of raw rows. */
export async function* parseRows(
  rows: AsyncIterable<RawRow> | Iterable<RawRow>, mapping: SheetMapping, specs: readonly ColumnSpec[], summary: SheetSummary, opts: ParseRowsOptions = {},
): AsyncGenerator<ParsedRow> {
  const parser = new RowParser(mapping, specs, summary, opts);
  for await (const r of rows) yield* parser.push([r]);
}

/** Every filled mapped cell equals its spec's example (and at least two do): the template's example row. */
function isExampleRow(cells: RawCell[], examples: readonly Bound[]): boolean {
  if (examples.length < 2) return false;
  let equal = 0;
  for (const b of examples) {
    const v = cells[b.index];
    if (isBlankCell(v)) continue;
    if (matchKey(cellText(v)) !== matchKey(b.spec.example!)) return false;
    equal++;
  }
  return equal >= 2;
}
