/**
 * Files at rest (import uploads, rejected-row files, attachments, photos): SM4-CBC + HMAC-SM3 in chunks.
 *
 * Format: magic `JDB1` ‖ key version (1 B) ‖ chunks; a chunk is
 *   [plaintext length 4 B BE][final flag 1 B][iv 16 B][ciphertext][tag 32 B]
 * with tag = HMAC-SM3(mac, magic ‖ version ‖ AAD ‖ chunk index 8 B ‖ final flag ‖ iv ‖ ciphertext).
 * The index and the final flag make reordered, dropped and truncated chunks fail, so a stream can be
 * decrypted chunk by chunk with bounded memory. AAD binds the blob to its place (e.g. `attachment:<id>`).
 */
import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { IntegrityError, hmacSm3, type FieldKeys } from './sm.ts';

export const BLOB_MAGIC = Buffer.from('JDB1', 'latin1');
/** Plaintext bytes per chunk. */
export const BLOB_CHUNK = 1 << 20;
const HEAD = 5; // magic + version
const CHUNK_HEAD = 4 + 1 + 16;
const TAG = 32;

/** True when the bytes start like an encrypted blob (rows written before encryption was introduced do not). */
export function isEncryptedBlob(data: Buffer): boolean {
  return data.length >= HEAD && data.subarray(0, 4).equals(BLOB_MAGIC);
}

function chunkTag(keys: FieldKeys, aad: Buffer, index: number, final: boolean, iv: Buffer, ct: Buffer): Buffer {
  const idx = Buffer.alloc(8);
  idx.writeBigUInt64BE(BigInt(index));
  return hmacSm3(keys.mac, Buffer.concat([BLOB_MAGIC, Buffer.from([keys.version]), aad, idx, Buffer.from([final ? 1 : 0]), iv, ct]));
}

function sealChunk(keys: FieldKeys, aad: Buffer, index: number, final: boolean, plain: Buffer): Buffer {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('sm4-cbc', keys.enc, iv);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(plain.length, 0);
  head[4] = final ? 1 : 0;
  return Buffer.concat([head, iv, ct, chunkTag(keys, aad, index, final, iv, ct)]);
}

function paddedLength(n: number): number {
  return (Math.floor(n / 16) + 1) * 16;
}

/** Encrypts a whole buffer (small files: attachments, photos). */
export function encryptBlob(keys: FieldKeys, plain: Buffer, aad: string): Buffer {
  const a = Buffer.from(aad, 'utf8');
  const parts: Buffer[] = [BLOB_MAGIC, Buffer.from([keys.version])];
  let index = 0;
  for (let off = 0; off < plain.length || index === 0; off += BLOB_CHUNK) {
    const end = Math.min(plain.length, off + BLOB_CHUNK);
    parts.push(sealChunk(keys, a, index, end >= plain.length, plain.subarray(off, end)));
    index += 1;
  }
  return Buffer.concat(parts);
}

/** Incremental decryptor shared by the buffer and the stream forms. */
class Opener {
  private pending: Buffer = Buffer.alloc(0);
  private keys: FieldKeys | null = null;
  private index = 0;
  private finished = false;
  constructor(private readonly keysByVersion: (v: number) => FieldKeys, private readonly aad: Buffer) {}

  push(data: Buffer, out: (plain: Buffer) => void): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    if (!this.keys) {
      if (this.pending.length < HEAD) return;
      if (!this.pending.subarray(0, 4).equals(BLOB_MAGIC)) throw new IntegrityError('加密文件格式无效');
      this.keys = this.keysByVersion(this.pending[4]!);
      this.pending = this.pending.subarray(HEAD);
    }
    for (;;) {
      if (this.pending.length < CHUNK_HEAD) return;
      if (this.finished) throw new IntegrityError('加密文件在结束标记之后还有数据');
      const len = this.pending.readUInt32BE(0);
      if (len > BLOB_CHUNK) throw new IntegrityError('加密文件分块长度无效');
      const total = CHUNK_HEAD + paddedLength(len) + TAG;
      if (this.pending.length < total) return;
      const final = this.pending[4] === 1;
      const iv = this.pending.subarray(5, 21);
      const ct = this.pending.subarray(21, 21 + paddedLength(len));
      const tag = this.pending.subarray(21 + ct.length, total);
      const expected = chunkTag(this.keys, this.aad, this.index, final, iv, ct);
      if (!crypto.timingSafeEqual(tag, expected)) throw new IntegrityError();
      const decipher = crypto.createDecipheriv('sm4-cbc', this.keys.enc, iv);
      const plain = Buffer.concat([decipher.update(ct), decipher.final()]);
      if (plain.length !== len) throw new IntegrityError('加密文件分块长度不符');
      out(plain);
      this.index += 1;
      this.finished = final;
      this.pending = this.pending.subarray(total);
    }
  }

  end(): void {
    if (!this.finished || this.pending.length > 0) throw new IntegrityError('加密文件不完整（被截断）');
  }
}

export function decryptBlob(keysByVersion: (v: number) => FieldKeys, blob: Buffer, aad: string): Buffer {
  const parts: Buffer[] = [];
  const o = new Opener(keysByVersion, Buffer.from(aad, 'utf8'));
  o.push(blob, (p) => parts.push(p));
  o.end();
  return Buffer.concat(parts);
}

/** A Transform: plaintext in, encrypted blob out; memory bounded by one chunk. */
export function encryptStream(keys: FieldKeys, aad: string): Transform {
  const a = Buffer.from(aad, 'utf8');
  let buffered: Buffer[] = [];
  let size = 0;
  let index = 0;
  let started = false;
  const start = (t: Transform) => {
    if (!started) { t.push(Buffer.concat([BLOB_MAGIC, Buffer.from([keys.version])])); started = true; }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      start(this);
      buffered.push(chunk);
      size += chunk.length;
      // Keep at least one byte back, so the last chunk is always sealed in flush() with the final flag.
      while (size > BLOB_CHUNK) {
        const all = Buffer.concat(buffered);
        this.push(sealChunk(keys, a, index++, false, all.subarray(0, BLOB_CHUNK)));
        buffered = [all.subarray(BLOB_CHUNK)];
        size = buffered[0]!.length;
      }
      cb();
    },
    flush(cb: TransformCallback) {
      start(this);
      this.push(sealChunk(keys, a, index++, true, Buffer.concat(buffered)));
      buffered = [];
      cb();
    },
  });
}

/** A Transform: encrypted blob in, plaintext out; fails with IntegrityError on tampering or truncation. */
export function decryptStream(keysByVersion: (v: number) => FieldKeys, aad: string): Transform {
  const o = new Opener(keysByVersion, Buffer.from(aad, 'utf8'));
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try { o.push(chunk, (p) => this.push(p)); cb(); } catch (e) { cb(e as Error); }
    },
    flush(cb: TransformCallback) {
      try { o.end(); cb(); } catch (e) { cb(e as Error); }
    },
  });
}
