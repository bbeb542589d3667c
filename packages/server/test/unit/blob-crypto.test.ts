import { describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import crypto from 'node:crypto';
import { FieldCrypto, ephemeralKeyProvider } from '../../src/crypto/keys.ts';
import { BLOB_CHUNK, isEncryptedBlob } from '../../src/crypto/blob.ts';
import { IntegrityError } from '../../src/crypto/sm.ts';

const fc = new FieldCrypto(ephemeralKeyProvider());

async function streamThrough(t: NodeJS.ReadWriteStream, input: Buffer, pieces = 7): Promise<Buffer> {
  const out: Buffer[] = [];
  const step = Math.max(1, Math.ceil(input.length / pieces));
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += step) parts.push(input.subarray(i, i + step));
  await pipeline(Readable.from(parts), t, new Writable({ write(c: Buffer, _e, cb) { out.push(c); cb(); } }));
  return Buffer.concat(out);
}

describe('files at rest (SM4-CBC + HMAC-SM3 in chunks)', () => {
  for (const size of [0, 1, 15, 16, BLOB_CHUNK - 1, BLOB_CHUNK, BLOB_CHUNK + 1, 3 * BLOB_CHUNK + 5]) {
    it(`round trip of ${size} bytes, buffer and stream forms interchangeable`, async () => {
      const plain = crypto.randomBytes(size);
      const a = fc.encryptBytes(plain, 'attachment:1');
      expect(isEncryptedBlob(a)).toBe(true);
      expect(fc.decryptBytes(a, 'attachment:1').equals(plain)).toBe(true);
      const s = await streamThrough(fc.encryptStream('attachment:1'), plain);
      expect(fc.decryptBytes(s, 'attachment:1').equals(plain)).toBe(true);
      expect((await streamThrough(fc.decryptStream('attachment:1'), a, 13)).equals(plain)).toBe(true);
    });
  }

  it('does not contain the plaintext', () => {
    const text = Buffer.from('信访人反映110101199003071234存在问题'.repeat(100));
    const blob = fc.encryptBytes(text, 'x');
    expect(blob.includes(Buffer.from('110101199003071234'))).toBe(false);
    expect(blob.includes(Buffer.from('信访人'))).toBe(false);
  });

  it('refuses a wrong AAD, a flipped bit, a truncation and a dropped chunk', async () => {
    const plain = crypto.randomBytes(2 * BLOB_CHUNK + 100);
    const blob = fc.encryptBytes(plain, 'import-file:9');
    expect(() => fc.decryptBytes(blob, 'import-file:8')).toThrow(IntegrityError);
    const flipped = Buffer.from(blob); flipped.writeUInt8(flipped.readUInt8(100) ^ 1, 100);
    expect(() => fc.decryptBytes(flipped, 'import-file:9')).toThrow(IntegrityError);
    const chunkLen = 21 + BLOB_CHUNK + 16 + 32;
    const cut = blob.subarray(0, 5 + chunkLen); // first chunk only
    expect(() => fc.decryptBytes(cut, 'import-file:9')).toThrow(/截断/u);
    const dropped = Buffer.concat([blob.subarray(0, 5), blob.subarray(5 + chunkLen)]);
    expect(() => fc.decryptBytes(dropped, 'import-file:9')).toThrow(IntegrityError);
    await expect(streamThrough(fc.decryptStream('import-file:9'), cut)).rejects.toThrow(IntegrityError);
  });
});
