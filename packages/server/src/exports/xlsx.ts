/**
 * A streaming .xlsx writer for list exports (ExcelJS WorkbookWriter: rows are committed and zipped as
 * they come, so memory stays flat however many rows there are). Every sheet has a title row, the
 * watermark line (who exported it and when), a bold frozen header row with an autofilter, and the same
 * watermark in the printed footer.
 *
 * Formula injection (FILE-04): ExcelJS only writes a formula for a `{ formula }` object, never for a
 * string, but a text cell whose value begins with = + - @ (or a tab / line break) is still written as an
 * explicit inline string with the Text number format, so neither Excel nor WPS ever evaluates it, not even
 * after the user edits the cell.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { watermarkLine, type Exporter } from './format.ts';

export interface SheetColumn {
  header: string;
  /** Width in characters. */
  width: number;
  /** Wrap long text (summaries, details). */
  wrap?: boolean;
}

export type CellInput = string | number | null | undefined;

export interface SheetSpec {
  sheetName: string;
  title: string;
  columns: readonly SheetColumn[];
  exporter: Exporter;
}

/* eslint-disable no-control-regex */
/** XML 1.0 cannot hold these; they never belong in a cell. */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;
/** What a spreadsheet may take for the start of a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r\n]/u;
/* eslint-enable no-control-regex */

/** A cell value that is safe to write: text without XML-invalid characters; risky text as an explicit string. */
export function safeCellValue(v: CellInput): { value: ExcelJS.CellValue; text: boolean } {
  if (v === null || v === undefined) return { value: null, text: false };
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : String(v), text: false };
  const s = v.replace(XML_INVALID, '');
  if (FORMULA_START.test(s)) return { value: { richText: [{ text: s }] }, text: true };
  return { value: s, text: false };
}

/** Whether a code point is set full-width (CJK, Hangul, full-width forms). */
function wide(c: number): boolean {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
    || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

/** Lines a text takes in a wrapped column `width` characters wide (a CJK character counts two). */
export function linesIn(text: string, width: number): number {
  const perLine = Math.max(1, width - 1);
  let lines = 0;
  let units = 0;
  for (const ch of text.replace(/\r\n?/gu, '\n')) {
    const c = ch.codePointAt(0)!;
    if (c === 10) {
      lines += Math.max(1, Math.ceil(units / perLine));
      units = 0;
      continue;
    }
    units += wide(c) ? 2 : 1;
  }
  return lines + Math.max(1, Math.ceil(units / perLine));
}

/** Header/footer codes start with &: a literal & is written &&. */
const headerFooterText = (s: string) => s.replace(/&/gu, '&&');

/** Bytes the sheet has written that the zip has not compressed yet. */
function pendingInZip(ws: unknown): number {
  // ExcelJS pipes each sheet into the zip without heeding backpressure (its StreamBuf ignores write()'s
  // return value), so the rows of a fast producer pile up in the zip's input; we look at that input.
  const pipes = (ws as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return 0;
  let n = 0;
  for (const p of pipes as Array<{ _writableState?: { length?: number }; _readableState?: { length?: number } }>) {
    n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  }
  return n;
}

const MAX_PENDING = 4 * 1024 * 1024;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

/** Waits while the zip or the consumer is behind, so rows are not produced faster than they are sent. */
async function roomIn(out: Writable, ws: unknown): Promise<void> {
  while (!out.destroyed && pendingInZip(ws) > MAX_PENDING) await tick();
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Writes the workbook to `out` and ends it. `chunks` yields rows a chunk at a time (each chunk is what
 * one database round trip returned). Returns the number of data rows written; stops early if `out` is
 * destroyed (the client went away).
 */
export async function writeSheet(out: Writable, spec: SheetSpec, chunks: AsyncIterable<CellInput[][]>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = spec.exporter.who;
  wb.created = spec.exporter.at;
  wb.title = spec.title;
  const n = spec.columns.length;
  const watermark = watermarkLine(spec.exporter);
  const ws = wb.addWorksheet(spec.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, activeCell: 'A4' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
    headerFooter: { oddFooter: `&L&8${headerFooterText(watermark)}&R&8第 &P 页，共 &N 页`, evenFooter: `&L&8${headerFooterText(watermark)}&R&8第 &P 页，共 &N 页` },
  });
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  const alignments: Array<Partial<ExcelJS.Alignment>> = spec.columns.map((c) => (c.wrap ? { wrapText: true, vertical: 'top' } : { vertical: 'top' }));

  const title = ws.addRow([spec.title]);
  title.font = { bold: true, size: 14 };
  title.height = 24;
  ws.mergeCells(1, 1, 1, n);
  title.commit();
  const mark = ws.addRow([watermark]);
  mark.font = { size: 9, color: { argb: 'FF666666' } };
  ws.mergeCells(2, 1, 2, n);
  mark.commit();
  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF999999' } } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  header.commit();
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: n } };

  let rows = 0;
  for await (const chunk of chunks) {
    if (out.destroyed) break;
    for (const values of chunk) {
      const row = ws.addRow([]);
      let lines = 1;
      for (let i = 0; i < n; i++) {
        const { value, text } = safeCellValue(values[i]);
        if (value === null) continue;
        const cell = row.getCell(i + 1);
        cell.value = value;
        cell.alignment = alignments[i]!;
        if (text) cell.numFmt = '@';
        const col = spec.columns[i]!;
        if (col.wrap && typeof values[i] === 'string') lines = Math.max(lines, linesIn(values[i] as string, col.width));
      }
      // Not every reader fits row heights to wrapped text on opening (LibreOffice does not): say it.
      if (lines > 1) row.height = Math.min(lines, 12) * 15;
      row.commit();
      rows++;
    }
    await roomIn(out, ws);
  }
  ws.commit();
  await wb.commit();
  return rows;
}
