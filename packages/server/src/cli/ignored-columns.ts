/**
 * No column silently dropped (CLI side): the columns an import leaves out, for `"ignoredColumns"` in the
 * JSON and the text report, and the `--strict` refusal while any column is unmapped. Shared by the
 * `jiandu import` commands (entries, roster, orgs).
 */
import { ignoredColumns, type SheetMapping } from '@jiandu/domain';
import { ServiceError } from '../errors.ts';

/** The file's columns that feed no field (序号 aside), as headed in the file. */
export function ignoredColumnsOf(batch: { sheetMapping?: Pick<SheetMapping, 'columns'> | null }): string[] {
  return ignoredColumns(batch.sheetMapping);
}

/** The line of the text report naming them, or none. */
export function ignoredColumnsLine(columns: string[]): string[] {
  return columns.length ? [`  未识别的列：${columns.join('、')}，未导入`] : [];
}

/**
 * `--strict`: refuses the import while any column is left out (exit status 2, nothing written). `cancel`
 * drops the batch already created, so no upload is left behind.
 */
export async function refuseIgnoredColumns(columns: string[], cancel?: () => Promise<unknown>): Promise<void> {
  if (columns.length === 0) return;
  await cancel?.();
  throw new ServiceError('invalid', `严格模式：未识别的列 ${columns.map((c) => `“${c}”`).join('、')} 不能导入，未写入任何记录。请把表头改为模板中的列名（或删去这些列）后重新导入；不加 --strict 时这些列被忽略`, 'strict_columns');
}
