/**
 * Where a sheet's bytes come from: a path on disk (the CLI's file), or any random-access source — the
 * server reads an upload straight out of its encrypted store (services/imports/stored-file.ts), so no
 * plaintext copy of an upload is ever written to disk (DATA-05).
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

export interface SheetBytes {
  readonly size: number;
  /** Like `FileHandle.read`: up to `length` bytes at `position` into `buffer[offset…]`. */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** The bytes from `start` to `end` (inclusive; the end of the file when undefined), in order. */
  stream(start: number, end: number | undefined, highWaterMark: number): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

export type SheetOrigin = string | SheetBytes;

/** A readable stream of a byte range of the origin. */
export function rangeStream(origin: SheetOrigin, start: number, end: number | undefined, highWaterMark: number): Readable {
  if (typeof origin === 'string') return createReadStream(origin, { start, ...(end !== undefined ? { end } : {}), highWaterMark });
  return Readable.from(origin.stream(start, end, highWaterMark), { objectMode: false });
}

/** The source as the FileHandle the readers use (read, stat, close only). */
export function handleOf(b: SheetBytes): FileHandle {
  return {
    read: (buffer: Buffer, offset: number, length: number, position: number) => b.read(buffer, offset, length, position).then((r) => ({ ...r, buffer })),
    stat: async () => ({ size: b.size }),
    close: () => b.close(),
  } as unknown as FileHandle;
}
