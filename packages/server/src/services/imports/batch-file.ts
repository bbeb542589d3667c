/** The batch's file as the import job reads it: the CLI's path or the sealed upload, its row limit and its SM3. */
import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { openSheet, SheetFileError, type SheetOrigin } from '../../intake/sheet/index.ts';
import type * as repo from '../../repositories/imports.repository.ts';
import { ServiceError } from '../../errors.ts';
import { grouped, importLimits } from './limits.ts';
import { storedSource } from './stored-file.ts';
import type { ImportDeps } from './types.ts';

export const maxFile = () => importLimits().maxBytes;

/** The batch's file for the readers: the CLI's own path, or the stored upload read out of its encrypted pieces. */
export async function withFile<T>(deps: ImportDeps, batch: repo.BatchRow, localPath: string | null, fn: (p: SheetOrigin) => Promise<T>): Promise<T> {
  if (localPath) return fn(localPath);
  if (batch.fileBytes === null || batch.fileBytes === undefined) throw new ServiceError('conflict', '导入文件已清除，请重新上传', 'file_gone');
  const source = storedSource(deps, batch.id, batch.fileBytes);
  try {
    return await fn(source);
  } finally {
    await source.close();
  }
}

/**
 * Counts the sheet's rows (raw records, streamed: nothing kept) and refuses the file as soon as its data
 * rows pass the limit — before anything is checked or staged (FILE-01).
 */
export async function refuseTooManyRows(origin: SheetOrigin, fileName: string, headerRow: number): Promise<number> {
  const { maxRows } = importLimits();
  const source = await openSheet(origin, { fileName, maxBytes: maxFile() }).catch(fileError);
  let n = 0;
  try {
    for await (const batch of source.batches()) {
      n += batch.length;
      if (n - headerRow > maxRows) throw tooManyRows(maxRows);
    }
  } catch (e) {
    fileError(e);
  } finally {
    await source.close();
  }
  return Math.max(0, n - headerRow);
}

export function tooManyRows(maxRows: number): ServiceError {
  return new ServiceError('invalid', `表格超过 ${grouped(maxRows)} 行数据的上限，未导入。请拆分成每个不超过 ${grouped(maxRows)} 行的文件后分批导入`, 'too_many_rows');
}

export function fileError(e: unknown): never {
  if (e instanceof SheetFileError && e.code === 'too-many-rows') throw tooManyRows(importLimits().maxRows);
  if (e instanceof SheetFileError) throw new ServiceError('invalid', e.message, `sheet_${e.code}`);
  throw e;
}

export async function sm3OfFile(p: string): Promise<string> {
  const h = crypto.createHash('sm3');
  await pipeline(createReadStream(p), h);
  return h.digest('hex');
}
