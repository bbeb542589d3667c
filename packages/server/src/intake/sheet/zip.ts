/**
 * A small zip reader for .xlsx: the central directory is read and judged BEFORE anything is inflated
 * (entry count, declared sizes and ratios, macros, encryption, zip64), then single entries are inflated
 * on demand, never past the size their directory record declared (a lying zip bomb stops there too).
 */
import type { FileHandle } from 'node:fs/promises';
import { rangeStream, type SheetOrigin } from './origin.ts';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { SheetFileError } from './types.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Most entries a workbook may have (default 10,000). */
  maxEntries: number;
  /** Most uncompressed bytes, all entries together, as declared (default 3 GiB). */
  maxTotalSize: number;
  /** An entry inflating more than this many times its compressed size, past 1 MiB, is a bomb (default 250). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalSize: 3 * 1024 ** 3, maxRatio: 250 };

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

const bad = (message: string) => new SheetFileError('bad-zip', message);

function findEocd(tail: Buffer): number {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) return i;
  }
  return -1;
}

/** Reads and checks the central directory; throws `SheetFileError` before any entry is inflated. */
export async function readZipDirectory(fh: FileHandle, fileSize: number, limits: ZipLimits): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await fh.read(tail, 0, tailLength, fileSize - tailLength);
  const at = findEocd(tail);
  if (at < 0) throw bad('文件不是完整的Excel文件（压缩包结构损坏或文件不完整），请重新保存后再上传');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw bad('文件过大或结构异常（ZIP64），无法导入');
  if (count > limits.maxEntries) throw bad(`文件包含${count}个内部文件，超过上限${limits.maxEntries}，不是正常的Excel文件`);
  const eocdOffset = fileSize - tailLength + at;
  if (cdOffset + cdSize > eocdOffset) throw bad('文件的压缩包目录损坏');

  const cd = Buffer.alloc(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN) throw bad('文件的压缩包目录损坏');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLength > cd.length) throw bad('文件的压缩包目录损坏');
    const name = entryName(cd.subarray(p + 46, p + 46 + nameLength), flags);
    p += 46 + nameLength + extraLength + commentLength;

    if (/(^|\/)vbaProject\.bin$/iu.test(name)) throw new SheetFileError('macro', '文件包含宏（VBA），出于安全考虑不能导入；请另存为不含宏的 .xlsx 文件');
    if (flags & 1) throw new SheetFileError('encrypted', '文件内容已加密，请取消密码后再导入');
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw bad('文件过大或结构异常（ZIP64），无法导入');
    if (method !== 0 && method !== 8) throw bad(`文件使用了不支持的压缩方式（${method}）`);
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..') || name.includes('\0') || /^[A-Za-z]:/u.test(name)) {
      throw new SheetFileError('unsafe-path', '文件包含异常的内部路径，不是正常的Excel文件');
    }
    if (localOffset + 30 + compressedSize > cdOffset) throw bad('文件的压缩包目录损坏');
    if (size > 1024 * 1024 && size > compressedSize * limits.maxRatio) {
      throw new SheetFileError('zip-bomb', `文件中的“${name}”解压后达${formatBytes(size)}，压缩比异常（疑似压缩炸弹），拒绝导入`);
    }
    total += size;
    if (total > limits.maxTotalSize) {
      throw new SheetFileError('zip-bomb', `文件解压后超过${formatBytes(limits.maxTotalSize)}，超出导入上限`);
    }
    if (entries.has(name)) throw bad(`文件中有重复的内部文件“${name}”`);
    entries.set(name, { name, method, compressedSize, size, localOffset });
  }
  return entries;
}

/**
 * An entry's name: UTF-8 when the zip says so (flag bit 11) or when the bytes are valid UTF-8; else the
 * GBK of zips made by Chinese Windows (`张三.lrmx`), which would otherwise read as mojibake.
 */
function entryName(raw: Buffer, flags: number): string {
  if (flags & 0x800) return raw.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('gb18030').decode(raw);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}

async function dataOffset(fh: FileHandle, entry: ZipEntry): Promise<number> {
  const head = Buffer.alloc(30);
  await fh.read(head, 0, 30, entry.localOffset);
  if (head.readUInt32LE(0) !== LOC) throw bad(`文件中的“${entry.name}”损坏`);
  return entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
}

/** The whole (small) entry as text; refuses more than `maxBytes` or more than its declared size. */
export async function readEntryText(fh: FileHandle, entry: ZipEntry, maxBytes: number): Promise<string> {
  return (await readEntryBytes(fh, entry, maxBytes)).toString('utf8');
}

/** The whole (small) entry's bytes; refuses more than `maxBytes` or more than its declared size. */
export async function readEntryBytes(fh: FileHandle, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.size > maxBytes) throw new SheetFileError('too-large', `文件中的“${entry.name}”过大（${formatBytes(entry.size)}）`);
  const start = await dataOffset(fh, entry);
  const compressed = Buffer.alloc(entry.compressedSize);
  await fh.read(compressed, 0, entry.compressedSize, start);
  let data: Buffer;
  if (entry.method === 0) data = compressed;
  else {
    try {
      data = inflateRawSync(compressed, { maxOutputLength: Math.max(entry.size, 1) });
    } catch {
      throw bad(`文件中的“${entry.name}”无法解压（文件损坏或大小与目录不符）`);
    }
  }
  if (data.length !== entry.size) throw bad(`文件中的“${entry.name}”大小与目录不符`);
  return data;
}

/** Streams an entry's inflated bytes, stopping with an error if it inflates past its declared size. */
export async function* streamEntry(path: SheetOrigin, fh: FileHandle, entry: ZipEntry, onRead?: (compressedBytes: number) => void): AsyncGenerator<Buffer> {
  const start = await dataOffset(fh, entry);
  if (entry.compressedSize === 0) return;
  const source = rangeStream(path, start, start + entry.compressedSize - 1, 256 * 1024);
  if (onRead) source.on('data', (chunk) => onRead(chunk.length));
  const stream = entry.method === 0 ? source : source.pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  if (stream !== source) source.on('error', (e) => stream.destroy(e));
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.size) throw new SheetFileError('zip-bomb', `文件中的“${entry.name}”解压后超过其声明的大小（疑似压缩炸弹），拒绝导入`);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof SheetFileError) throw e;
    throw bad(`文件中的“${entry.name}”无法解压（文件损坏）`);
  } finally {
    source.destroy();
    stream.destroy();
  }
}
