import type { CellValue, RawCell, SheetIssue } from '@jiandu/domain';

export type { RawCell };

export type SheetFileErrorCode =
  | 'not-a-sheet' | 'too-large' | 'bad-zip' | 'zip-bomb' | 'macro' | 'encrypted' | 'old-xls' | 'bad-xml'
  | 'no-sheet' | 'bad-csv' | 'missing-columns' | 'too-many-rows' | 'unsafe-path';

/** A file that cannot be read at all (as opposed to problems of single rows); the message is Chinese. */
export class SheetFileError extends Error {
  constructor(readonly code: SheetFileErrorCode, message: string) {
    super(message);
    this.name = 'SheetFileError';
  }
}

/** One row as read: the Excel row number (CSV: the record number) and the cells from column A on. */
export interface RawRow {
  row: number;
  cells: RawCell[];
}

export type SheetFormat = 'xlsx' | 'csv';

export interface ReadSheetOptions {
  /** The name the user uploaded the file under (its extension helps tell a CSV from a renamed binary). */
  fileName?: string;
  /** Largest file accepted, in bytes (default 200 MB). */
  maxBytes?: number;
  /** Worksheet to read: its name, or its 1-based position; default the first visible one. */
  sheet?: string | number;
  /** Cells right of this column are ignored with a warning (default 500). */
  maxColumns?: number;
  maxEntries?: number;
  maxUncompressedBytes?: number;
}

export interface SheetInfo {
  format: SheetFormat;
  /** Worksheets in workbook order (CSV: none). */
  sheetNames: string[];
  sheetName: string | null;
  /** CSV only: the encoding the text was decoded with (`utf-8`, `gb18030`, `utf-16le` …). */
  encoding: string | null;
  /** Last row the sheet declares (xlsx `<dimension>`), for progress; null when unknown. */
  lastRowHint: number | null;
  warnings: string[];
}

export type { CellValue, SheetIssue };

/** One data row, normalized. `errors` empty ⇔ the row can be imported. */
export interface ParsedRow {
  row: number;
  /** Every spec key → its normalized value (null when blank, invalid or the column is absent). */
  values: Record<string, CellValue>;
  errors: SheetIssue[];
  /** Hash of the normalized values (spec keys, not positions): equal rows, in any file, share it. */
  fingerprint: string;
  /** The earlier row with the same fingerprint in this file, or null. */
  duplicateOf: number | null;
  /** The cells as read, for the rejects file. */
  cells: RawCell[];
}

export type SkipReason = 'total' | 'footer' | 'example';

export interface SheetSummary {
  /** Rows holding data (imported or rejected), not counting skipped or blank ones. */
  dataRows: number;
  validRows: number;
  /** Rows with at least one problem, duplicates included. */
  errorRows: number;
  duplicateRows: number;
  blankRows: number;
  skipped: Array<{ row: number; reason: SkipReason; note: string }>;
  /** Notes for the preview (skipped rows, ignored columns …), in Chinese. */
  notes: string[];
}
