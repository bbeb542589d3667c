/**
 * Spreadsheet intake, entry-agnostic. Two passes over the uploaded file:
 *
 *   const specs: ColumnSpec[] = …;                       // the kind's columns
 *   const look = await inspectSheet(path, specs, { fileName });   // header, mapping, samples
 *   // show look.mapping / look.missing / look.unmapped; the user may override: remapColumns(…)
 *   const parse = await parseSheet(path, specs, look.mapping, { fileName });
 *   for await (const row of parse) row.errors.length ? rejects.push(row) : write(row.values, row.fingerprint);
 *   parse.summary;                                        // counts, skipped rows, notes
 *   await writeRejects(outPath, look.mapping, rejects);
 */
import type { ColumnSpec, HeaderOverrides, SheetMapping } from '@jiandu/domain';
import { detectHeader, HEADER_SCAN_ROWS, type HeaderDetection } from './detect-header.ts';
import { emptySummary, parseBatches, type ParseRowsOptions } from './parse-rows.ts';
import { openSheet } from './read-sheet.ts';
import type { SheetOrigin } from './origin.ts';
import { SheetFileError, type ParsedRow, type RawRow, type ReadSheetOptions, type SheetInfo, type SheetSummary } from './types.ts';

export * from './types.ts';
export { openSheet, readSheet, sniff, DEFAULT_MAX_BYTES, type SheetSource } from './read-sheet.ts';
export { detectHeader, remapColumns, matchHeader, headerKey, headerText, HEADER_SCAN_ROWS, type HeaderDetection } from './detect-header.ts';
export { parseRows, parseBatches, RowParser, emptySummary, fingerprintOf, EXAMPLE_MARK, type ParseRowsOptions } from './parse-rows.ts';
export { writeTemplate, type TemplateOptions } from './write-template.ts';
export { writeRejects, type RejectRow, type WriteRejectsOptions } from './write-rejects.ts';
export { CsvParser } from './csv-reader.ts';
export { handleOf, rangeStream, type SheetBytes, type SheetOrigin } from './origin.ts';
export { isDateFormat } from './xlsx-reader.ts';

export interface InspectOptions extends ReadSheetOptions {
  overrides?: HeaderOverrides;
  /** Data rows below the header returned for the preview (default 5). */
  sampleSize?: number;
}

export interface SheetInspection extends HeaderDetection {
  info: SheetInfo;
  /** Excel row number of the header (the first of two rows for a two-row header). */
  headerRow: number;
  /** The first rows below the header, raw, for the preview. */
  sampleRows: RawRow[];
}

/** Reads only the first rows: finds the header, maps it to `specs` and returns a few sample rows. */
export async function inspectSheet(path: SheetOrigin, specs: readonly ColumnSpec[], opts: InspectOptions = {}): Promise<SheetInspection> {
  const source = await openSheet(path, opts);
  const sampleSize = opts.sampleSize ?? 5;
  const rows: RawRow[] = [];
  try {
    for await (const r of source.rows()) {
      rows.push(r);
      if (rows.length >= HEADER_SCAN_ROWS + 2 + sampleSize) break;
    }
  } finally {
    await source.close();
  }
  const detection = detectHeader(rows, specs, opts.overrides);
  const { headerRow, headerRows } = detection.mapping;
  const sampleRows = rows.filter((r) => r.row >= headerRow + headerRows).slice(0, sampleSize);
  return { ...detection, info: source.info, headerRow, sampleRows };
}

export interface ParseSheetOptions extends ReadSheetOptions, ParseRowsOptions {}

/**
 * The parsed rows of a sheet, once, in file order — row by row (`for await (const row of parse)`) or in
 * batches (`parse.batches()`, one per chunk read, for chunked commits); `summary` is complete at the end.
 */
export interface SheetParse extends AsyncIterable<ParsedRow> {
  batches(): AsyncIterable<ParsedRow[]>;
  readonly info: SheetInfo;
  readonly summary: SheetSummary;
  /** Fraction of the file read so far, 0–1. */
  progress(): number;
  /** Releases the file when the rows are not read to the end (breaking out of `for await` does it too). */
  close(): Promise<void>;
}

/**
 * Opens the file (checks it again: it may have changed since the preview) and returns its rows,
 * normalized per `specs` under `mapping`. Throws `SheetFileError('missing-columns')` when a required
 * field has no column.
 */
export async function parseSheet(path: SheetOrigin, specs: readonly ColumnSpec[], mapping: SheetMapping, opts: ParseSheetOptions = {}): Promise<SheetParse> {
  const mapped = new Set(mapping.columns.map((c) => c.key));
  const missing = specs.filter((s) => s.required && !mapped.has(s.key));
  if (missing.length > 0) {
    throw new SheetFileError('missing-columns', `缺少必填列：${missing.map((s) => s.label).join('、')}；请在表格中补充这些列，或手工指定对应的列`);
  }
  const source = await openSheet(path, opts);
  const summary = emptySummary();
  let started = false;
  async function* batches(): AsyncGenerator<ParsedRow[]> {
    if (started) throw new Error('parseSheet: the rows can be read only once');
    started = true;
    yield* parseBatches(source.batches(), mapping, specs, summary, opts);
    summary.notes.push(...source.info.warnings);
  }
  return {
    info: source.info,
    summary,
    progress: source.progress,
    close: source.close,
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}
