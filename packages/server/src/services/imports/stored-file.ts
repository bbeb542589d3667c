/**
 * An import's upload at rest (DATA-02, DATA-05): streamed in as it arrives, cut into 1 MiB pieces, each
 * SM4-encrypted with its HMAC-SM3 tag (crypto/blob.ts, AAD `import-file:<batch>:<piece>`) and stored in
 * `import_file_chunk` — in the database, so any app process on the same PostgreSQL can run the check, and
 * nothing of the upload is ever on disk in plaintext. Read back piece by piece as a random-access source
 * for the sheet readers: memory stays at a couple of pieces whatever the file's size (FILE-01).
 */
import crypto from 'node:crypto';
import type { SheetBytes } from '../../intake/sheet/index.ts';
import { IntegrityError } from '../../crypto/sm.ts';
import * as repo from '../../repositories/imports.repository.ts';
import { ServiceError } from '../../errors.ts';
import type { ImportDeps } from './types.ts';
import { bytesText } from './limits.ts';

export const PIECE = 1 << 20;

const aadOf = (batchId: string, idx: number) => `import-file:${batchId}:${idx}`;

export function tooLarge(maxBytes: number): ServiceError {
  return new ServiceError('invalid', `文件超过上限 ${bytesText(maxBytes)}，未保存。请拆分成较小的文件后分批导入`, 'too_large');
}

/**
 * Stores the upload under `batchId` (the batch row exists). Refuses past `maxBytes` as soon as it is
 * passed (the pieces already stored are removed). Returns the size and SM3 of the plaintext.
 */
export async function storeUpload(
  deps: ImportDeps, batchId: string, body: AsyncIterable<Buffer | string>, maxBytes: number, rows?: RecordCounter,
): Promise<{ bytes: number; sm3: string }> {
  const hash = crypto.createHash('sm3');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let idx = 0;
  const put = async (piece: Buffer) => {
    const sealed = deps.crypto.encryptBytes(piece, aadOf(batchId, idx));
    const at = idx++;
    await deps.db.tx((tx) => repo.insertFileChunk(tx, batchId, at, sealed));
  };
  try {
    for await (const part of body) {
      const chunk = typeof part === 'string' ? Buffer.from(part) : part;
      bytes += chunk.length;
      if (bytes > maxBytes) throw tooLarge(maxBytes);
      hash.update(chunk);
      rows?.push(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= PIECE) {
        const all = Buffer.concat(pending);
        await put(all.subarray(0, PIECE));
        pending = all.length > PIECE ? [all.subarray(PIECE)] : [];
        pendingBytes = all.length - PIECE;
      }
    }
    if (pendingBytes > 0) await put(Buffer.concat(pending));
  } catch (e) {
    await deps.db.tx((tx) => repo.dropFile(tx, batchId));
    throw e;
  }
  return { bytes, sm3: hash.digest('hex') };
}

/** The stored upload as a random-access source (the last two pieces read are kept). */
export function storedSource(deps: ImportDeps, batchId: string, size: number): SheetBytes {
  const cache = new Map<number, Buffer>();
  const load = async (idx: number): Promise<Buffer> => {
    const hit = cache.get(idx);
    if (hit) return hit;
    const sealed = await deps.db.tx((tx) => repo.fileChunk(tx, batchId, idx));
    if (!sealed) throw new ServiceError('conflict', '导入文件已清除（已完成、已取消或已过期），请重新上传', 'file_gone');
    const plain = deps.crypto.decryptBytes(sealed, aadOf(batchId, idx));
    const expected = Math.min(PIECE, size - idx * PIECE);
    if (plain.length !== expected) throw new IntegrityError('导入文件分块长度不符');
    cache.set(idx, plain);
    if (cache.size > 2) cache.delete(cache.keys().next().value!);
    return plain;
  };
  return {
    size,
    async read(buffer, offset, length, position) {
      let done = 0;
      while (done < length && position + done < size) {
        const at = position + done;
        const piece = await load(Math.floor(at / PIECE));
        const from = at % PIECE;
        const n = piece.copy(buffer, offset + done, from, Math.min(piece.length, from + (length - done)));
        if (n === 0) break;
        done += n;
      }
      return { bytesRead: done };
    },
    async *stream(start, end) {
      const last = Math.min(size - 1, end ?? size - 1);
      for (let at = start; at <= last;) {
        const idx = Math.floor(at / PIECE);
        const sealed = await deps.db.tx((tx) => repo.fileChunk(tx, batchId, idx));
        if (!sealed) throw new ServiceError('conflict', '导入文件已清除（已完成、已取消或已过期），请重新上传', 'file_gone');
        const piece = deps.crypto.decryptBytes(sealed, aadOf(batchId, idx));
        if (piece.length !== Math.min(PIECE, size - idx * PIECE)) throw new IntegrityError('导入文件分块长度不符');
        const from = at - idx * PIECE;
        const to = Math.min(piece.length, last - idx * PIECE + 1);
        yield piece.subarray(from, to);
        at = idx * PIECE + to;
      }
    },
    async close() {
      cache.clear();
    },
  };
}

/**
 * Counts a CSV's non-empty records in its raw bytes as they arrive (quotes respected), so a file far over
 * the row limit is refused while it is still being received. In UTF-8 and GBK/GB18030 the bytes `"`, CR
 * and LF never occur inside a multi-byte character; a zip (.xlsx) or a UTF-16 text is not counted here
 * (`counted` stays false) and is counted by the reader instead. `over` is called once `records` passes `limit`.
 */
export class RecordCounter {
  records = 0;
  counted = true;
  private started = false;
  private inQuote = false;
  private lineHasData = false;
  private lastCr = false;
  constructor(private readonly limit: number, private readonly over: () => Error) {}

  push(b: Buffer): void {
    if (!this.started) {
      this.started = true;
      if ((b[0] === 0x50 && b[1] === 0x4b) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) this.counted = false;
    }
    if (!this.counted) return;
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (c === 0x22) {
        this.inQuote = !this.inQuote;
        this.lineHasData = true;
      } else if ((c === 0x0a || c === 0x0d) && !this.inQuote) {
        if (c === 0x0a && this.lastCr) { this.lastCr = false; continue; }
        if (this.lineHasData) this.records += 1;
        this.lineHasData = false;
        if (this.records > this.limit) throw this.over();
      } else {
        this.lineHasData = true;
      }
      this.lastCr = c === 0x0d;
    }
  }

  /** Records including a last line without a line break. */
  total(): number {
    return this.records + (this.lineHasData ? 1 : 0);
  }
}
