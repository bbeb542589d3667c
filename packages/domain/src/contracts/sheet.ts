/**
 * Spreadsheet intake, entry-agnostic: a kind (or the cadre roster) describes its columns with
 * `ColumnSpec`s; the server's sheet reader finds the header, maps it to the specs, normalizes every
 * cell and reports problems by row and column. The schemas below cross the API (preview, mapping
 * override, problem list).
 */
import { z } from 'zod';

export type ColumnType =
  | 'text' | 'name' | 'idNumber' | 'date' | 'month' | 'year' | 'integer' | 'decimal' | 'enum' | 'boolean' | 'list';

export interface ColumnSpec {
  /** Field key, e.g. `idNumber`. */
  key: string;
  /** Canonical Chinese header, e.g. `身份证号`. */
  label: string;
  /** Other headers seen in real sheets (`公民身份号码`, `身份证`, `证件号码` …). */
  synonyms?: string[];
  type: ColumnType;
  required?: boolean;
  /** Allowed values of an `enum` (or of each item of a `list`); the template's dropdown. */
  options?: readonly string[];
  /** Example-row value for the template. */
  example?: string;
  /** One-line instruction for the template. */
  help?: string;
  maxLength?: number;
}

/** One problem of one row: `column` is the header as written in the file ('' for a whole-row problem). */
export const SheetIssue = z.object({
  row: z.number().int().min(1).describe('Excel 行号'),
  column: z.string().describe('文件中的列标题；整行问题为空'),
  /** 1-based column number (A = 1) when the problem is in one cell. */
  col: z.number().int().min(1).optional(),
  message: z.string(),
});
export type SheetIssue = z.infer<typeof SheetIssue>;

/** One column of the file: its header text (two-row headers joined by `·`) and the field it feeds. */
export const SheetColumn = z.object({
  /** 0-based column index (A = 0). */
  index: z.number().int().min(0),
  header: z.string(),
  key: z.string().nullable(),
  /** How the key was found: exact label, synonym, normalized/fuzzy match, or a manual override. */
  match: z.enum(['label', 'synonym', 'normalized', 'fuzzy', 'manual']).nullable(),
  /** A header that could mean two fields or more (处分类型: 类别 or 处理方式?): their keys; the column stays unmapped until the user chooses. */
  candidates: z.array(z.string()).optional(),
});
export type SheetColumn = z.infer<typeof SheetColumn>;

export const SheetMapping = z.object({
  /** Excel row number of the (first) header row. */
  headerRow: z.number().int().min(1),
  /** 1, or 2 for a parent header merged over child headers. */
  headerRows: z.union([z.literal(1), z.literal(2)]),
  columns: z.array(SheetColumn).max(2000),
  /** How the check read the columns, for the check step and the report (`发生日期取自年度列：按每年12月31日计`). */
  notes: z.array(z.string()).optional(),
});
export type SheetMapping = z.infer<typeof SheetMapping>;

/** Manual mapping: header text as shown in the file → field key, or null to ignore the column. */
export const HeaderOverrides = z.record(z.string().max(200), z.string().max(100).nullable());
export type HeaderOverrides = z.infer<typeof HeaderOverrides>;

/** `第5行 C列“身份证号”：…` — the form the preview and the rejects file use. */
export function formatSheetIssue(issue: SheetIssue): string {
  const where = issue.col !== undefined ? `第${issue.row}行 ${columnLetter(issue.col)}列` : `第${issue.row}行`;
  const column = issue.column !== '' ? `“${issue.column}”` : '';
  return `${where}${column}：${issue.message}`;
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
