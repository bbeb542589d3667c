/**
 * Raw rows + a header mapping + column specs → normalized rows with their problems, streamed.
 * Skipped with a note: blank rows (and rows with data only in unmapped columns, such as a pre-filled
 * 序号), the template's example row, 合计/总计/小计 rows and a 填表说明 footer. A row equal to an earlier
 * one (same normalized values) is marked `与第N行重复` and is not imported. Memory: constant, but for
 * the set of fingerprints seen (about 60 bytes a row; `dedupe: false` turns it off).
 */
import { createHash } from 'node:crypto';
import {
  cellText, isBlankCell, matchKey, normalizeCell, type CellValue, type ColumnSpec, type SheetIssue, type SheetMapping,
} from '@jiandu/domain';
import { SheetFileError, type ParsedRow, type RawCell, type RawRow, type SheetSummary } from './types.ts';

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

function firstTexts(cells: RawCell[], n: number): string[] {
  const out: string[] = [];
  for (const c of cells) {
    if (isBlankCell(c)) continue;
    out.push(cellText(c).trim());
    if (out.length === n) break;
  }
  return out;
}

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

/** Fingerprint of normalized values: SHA-256 of key/value pairs in key order, 128 bits, base64url. */
export function fingerprintOf(values: ReadonlyArray<readonly [string, string]>): string {
  const h = createHash('sha256');
  for (const [k, v] of values) h.update(`${k}\u0001${v}\u0002`);
  return h.digest('base64url').slice(0, 22);
}

/** Normalizes the rows below the header; `summary` is filled in as the rows go by. */
export async function* parseRows(
  rows: AsyncIterable<RawRow>, mapping: SheetMapping, specs: readonly ColumnSpec[], summary: SheetSummary, opts: ParseRowsOptions = {},
): AsyncGenerator<ParsedRow> {
  const bound = bindColumns(mapping, specs);
  const fpOrder = [...bound].sort((a, b) => (a.spec.key < b.spec.key ? -1 : a.spec.key > b.spec.key ? 1 : 0));
  const examples = bound.filter((b) => b.spec.example !== undefined && b.spec.example !== '');
  const firstData = mapping.headerRow + mapping.headerRows;
  const seen = opts.dedupe === false ? null : new Map<string, number>();
  const maxRows = opts.maxRows ?? 2_000_000;
  let inFooter = false;
  const skip = (row: number, reason: 'total' | 'footer' | 'example', note: string) => {
    summary.skipped.push({ row, reason, note });
    if (summary.notes.length < 100) summary.notes.push(note);
  };

  for await (const { row, cells } of rows) {
    if (row < firstData) continue;
    let anyMapped = false;
    for (const b of bound) {
      if (!isBlankCell(cells[b.index])) {
        anyMapped = true;
        break;
      }
    }
    const first = firstTexts(cells, 3);
    if (first.length === 0) {
      summary.blankRows++;
      continue;
    }
    const lead = first[0]!;
    if (inFooter && (first.length === 1 || /^[(（]?[\d一二三四五六七八九十]+[)）.、．]/u.test(lead))) {
      skip(row, 'footer', `第${row}行是表尾说明，已跳过`);
      continue;
    }
    if (FOOTER_START.test(lead) || FOOTER_SIGNATURE.test(lead) || (FOOTER_NOTE.test(lead) && first.length <= 2)) {
      inFooter = true;
      skip(row, 'footer', `第${row}行是表尾说明（${lead.slice(0, 12)}${lead.length > 12 ? '…' : ''}），已跳过`);
      continue;
    }
    inFooter = false;
    const total = first.find((t) => TOTAL_WORDS.has(matchKey(t).replace(/[:：]/gu, '')));
    if (total !== undefined) {
      skip(row, 'total', `第${row}行是${matchKey(total).replace(/[:：]/gu, '')}行，已跳过`);
      continue;
    }
    if (!anyMapped) {
      summary.blankRows++;
      continue;
    }
    if (EXAMPLE_MARK.test(lead) || isExampleRow(cells, examples)) {
      skip(row, 'example', `第${row}行是模板的示例行，已跳过`);
      continue;
    }

    summary.dataRows++;
    if (summary.dataRows > maxRows) throw new SheetFileError('too-many-rows', `文件超过${maxRows}行数据，请分批导入`);
    const values: Record<string, CellValue> = {};
    for (const s of specs) values[s.key] = null;
    const errors: SheetIssue[] = [];
    const fp: Array<[string, string]> = [];
    for (const b of bound) {
      const raw = cells[b.index];
      const r = normalizeCell(b.spec, raw);
      if (r.ok) values[b.spec.key] = r.value;
      else errors.push({ row, column: b.header, col: b.index + 1, message: r.message });
    }
    for (const b of fpOrder) {
      const v = values[b.spec.key];
      if (v !== null && v !== undefined) fp.push([b.spec.key, typeof v === 'string' ? v : JSON.stringify(v)]);
      else if (!isBlankCell(cells[b.index])) fp.push([b.spec.key, `!${cellText(cells[b.index])}`]);
    }
    const fingerprint = fingerprintOf(fp);
    let duplicateOf: number | null = null;
    if (seen) {
      const earlier = seen.get(fingerprint);
      if (earlier !== undefined) {
        duplicateOf = earlier;
        errors.push({ row, column: '', message: `与第${earlier}行重复` });
        summary.duplicateRows++;
      } else {
        seen.set(fingerprint, row);
      }
    }
    if (errors.length === 0) summary.validRows++;
    else summary.errorRows++;
    yield { row, values, errors, fingerprint, duplicateOf, cells };
  }
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
