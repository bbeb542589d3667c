/**
 * The rejected rows as an annotated .xlsx, streamed (any number of rows): the file's own header and
 * values, then `原行号` and `问题`; each offending cell filled red with a note carrying its message. The
 * user fixes the cells and imports this file again (the extra columns are ignored).
 *
 * FILE-04: a text value beginning with = + - @ (or tab, CR, NUL) is written as a string cell with the
 * text format `@`, so Excel neither evaluates it nor turns it into a formula when the cell is edited.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnLetter, type SheetIssue, type SheetMapping } from '@jiandu/domain';
import type { RawCell } from './types.ts';

export interface RejectRow {
  row: number;
  cells: RawCell[];
  errors: SheetIssue[];
}

export interface WriteRejectsOptions {
  sheetName?: string;
}

const FORMULA_START = /^[=+\-@\t\r\n\0]/u;
const RED_FILL = 'FFFFC7CE';
const RED_TEXT = 'FF9C0006';

/** Strips characters XML cannot carry (ExcelJS would write a file Excel refuses). */
function xmlSafe(s: string): string {
  return s.replace(/[\p{Cc}\uFFFE\uFFFF]/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : ''));
}

function setValue(cell: ExcelJS.Cell, v: RawCell): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'string') {
    cell.value = xmlSafe(v);
    if (FORMULA_START.test(v)) cell.numFmt = '@';
  } else if (v instanceof Date) {
    cell.value = v;
    cell.numFmt = 'yyyy-mm-dd';
  } else {
    cell.value = v;
  }
}

/**
 * Writes the rejects file to `out` (a path or a stream). `mapping` gives the header as it was in the
 * file; `rows` may be any (async) iterable, e.g. the rejected rows of a parse, filtered as they come.
 */
export async function writeRejects(
  out: string | Writable, mapping: SheetMapping, rows: AsyncIterable<RejectRow> | Iterable<RejectRow>, opts: WriteRejectsOptions = {},
): Promise<{ rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out }),
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(opts.sheetName ?? '未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = Math.max(0, ...mapping.columns.map((c) => c.index + 1));
  const headers: string[] = Array.from({ length: width }, () => '');
  for (const c of mapping.columns) headers[c.index] = c.header;
  const rowCol = width + 1;
  const problemCol = width + 2;
  ws.columns = [
    ...headers.map((h) => ({ width: Math.min(40, Math.max(10, [...h].length * 2 + 2)) })),
    { width: 10 },
    { width: 60 },
  ];

  const header = ws.getRow(1);
  headers.forEach((h, i) => setValue(header.getCell(i + 1), h));
  header.getCell(rowCol).value = '原行号';
  header.getCell(problemCol).value = '问题';
  header.font = { bold: true };
  header.commit();

  let n = 0;
  for await (const r of rows) {
    n++;
    const row = ws.getRow(n + 1);
    const byCol = new Map<number, string[]>();
    for (const e of r.errors) {
      if (e.col === undefined) continue;
      const list = byCol.get(e.col) ?? [];
      list.push(e.message);
      byCol.set(e.col, list);
    }
    const last = Math.max(r.cells.length, width);
    for (let i = 0; i < last && i < width; i++) {
      const cell = row.getCell(i + 1);
      setValue(cell, r.cells[i]);
      const messages = byCol.get(i + 1);
      if (messages) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RED_FILL } };
        cell.font = { color: { argb: RED_TEXT } };
        cell.note = xmlSafe(messages.join('\n'));
      }
    }
    row.getCell(rowCol).value = r.row;
    const problems = r.errors.map((e) => {
      const where = e.col !== undefined ? `${columnLetter(e.col)}列${e.column ? `“${e.column}”` : ''}：` : '';
      return `${where}${e.message}`;
    });
    const problemCell = row.getCell(problemCol);
    setValue(problemCell, problems.join('\n'));
    problemCell.alignment = { wrapText: true, vertical: 'top' };
    problemCell.font = { color: { argb: RED_TEXT } };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { rows: n };
}
