/**
 * Opens an uploaded spreadsheet for streaming: checks it first (size cap, magic bytes — an .exe, an old
 * .xls or a PDF renamed .xlsx is refused — and for .xlsx the zip directory: entry count, declared sizes,
 * macros) and only then reads rows. Rows come as raw cells with their Excel row numbers.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { openCsv } from './csv-reader.ts';
import { handleOf, type SheetOrigin } from './origin.ts';
import { SheetFileError, type RawRow, type ReadSheetOptions, type SheetInfo } from './types.ts';
import { openXlsx } from './xlsx-reader.ts';
import { DEFAULT_ZIP_LIMITS, formatBytes, readZipDirectory } from './zip.ts';

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

export interface SheetSource {
  info: SheetInfo;
  /** The rows, once; stopping early (break) releases the file. */
  rows(): AsyncGenerator<RawRow>;
  /** The same rows in batches (one per chunk read): fewer async steps for bulk work. */
  batches(): AsyncGenerator<RawRow[]>;
  /** Fraction of the data read so far, 0–1, for a progress bar. */
  progress(): number;
  close(): Promise<void>;
}

const MAGIC: Array<[number[], string]> = [
  [[0x4d, 0x5a], '可执行程序（.exe）'],
  [[0x7f, 0x45, 0x4c, 0x46], '可执行程序'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包'],
  [[0x1f, 0x8b], 'gzip 压缩包'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF 文档'],
];

/** What the first bytes say the file is: `zip`, `ole` (.xls/.doc or an encrypted .xlsx), text, or a named binary. */
export function sniff(head: Buffer): { kind: 'zip' | 'ole' | 'text' } | { kind: 'binary'; what: string } {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { kind: 'zip' };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return { kind: 'ole' };
  for (const [bytes, what] of MAGIC) if (bytes.every((b, i) => head[i] === b)) return { kind: 'binary', what };
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) return { kind: 'binary', what: '空的或不完整的压缩包' };
  return { kind: 'text' };
}

const NOT_A_SHEET = '请上传 Excel（.xlsx）或 CSV 文件';

/** Checks and opens `path`. Throws `SheetFileError` (Chinese message) for anything that is not a readable sheet. */
export async function openSheet(path: SheetOrigin, opts: ReadSheetOptions = {}): Promise<SheetSource> {
  const fh = typeof path === 'string' ? await open(path, 'r') : handleOf(path);
  try {
    return await openChecked(path, fh, opts);
  } catch (e) {
    await fh.close();
    throw e;
  }
}

async function openChecked(path: SheetOrigin, fh: FileHandle, opts: ReadSheetOptions): Promise<SheetSource> {
  const { size } = await fh.stat();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > maxBytes) throw new SheetFileError('too-large', `文件大小为${formatBytes(size)}，超过上限${formatBytes(maxBytes)}`);
  if (size === 0) throw new SheetFileError('not-a-sheet', '文件是空的');
  const head = Buffer.alloc(Math.min(size, 16));
  await fh.read(head, 0, head.length, 0);
  const kind = sniff(head);
  const ext = (opts.fileName ?? (typeof path === 'string' ? path : '')).toLowerCase().match(/\.([a-z0-9]+)$/u)?.[1] ?? '';

  if (kind.kind === 'binary') throw new SheetFileError('not-a-sheet', `文件实际是${kind.what}，不是表格文件；${NOT_A_SHEET}`);
  if (kind.kind === 'ole') {
    throw new SheetFileError('old-xls', '这是旧版 Excel（.xls）文件或设置了打开密码的文件，请在 Excel 中“另存为” .xlsx 格式（不设密码）后再导入');
  }
  if (kind.kind === 'text' && ['xlsx', 'xlsm', 'xls', 'xltx'].includes(ext)) {
    throw new SheetFileError('not-a-sheet', `文件扩展名为 .${ext}，但内容不是 Excel 文件；${NOT_A_SHEET}`);
  }
  if (kind.kind === 'text' && opts.fileName !== undefined && !['csv', 'txt', 'tsv', ''].includes(ext)) {
    throw new SheetFileError('not-a-sheet', `不支持 .${ext} 文件；${NOT_A_SHEET}`);
  }

  const maxColumns = opts.maxColumns ?? 500;
  let source: { info: SheetInfo; batches(): AsyncGenerator<RawRow[]>; progress(): number };
  if (kind.kind === 'zip') {
    const entries = await readZipDirectory(fh, size, {
      maxEntries: opts.maxEntries ?? DEFAULT_ZIP_LIMITS.maxEntries,
      maxTotalSize: opts.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxTotalSize,
      maxRatio: DEFAULT_ZIP_LIMITS.maxRatio,
    });
    source = await openXlsx(path, fh, entries, opts.sheet, maxColumns);
  } else {
    source = await openCsv(path, fh, size);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await fh.close();
  };
  async function* batches(): AsyncGenerator<RawRow[]> {
    try {
      yield* source.batches();
    } finally {
      await close();
    }
  }
  return {
    info: source.info,
    progress: source.progress,
    close,
    batches,
    async *rows() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

/** All rows of a sheet, streamed: `for await (const { row, cells } of readSheet(path)) …`. */
export async function* readSheet(path: SheetOrigin, opts: ReadSheetOptions = {}): AsyncGenerator<RawRow, SheetInfo> {
  const source = await openSheet(path, opts);
  yield* source.rows();
  return source.info;
}
