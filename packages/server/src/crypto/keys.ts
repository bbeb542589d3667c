/**
 * KeyProvider: the application's keys come from a key file created at first start (mode 0600),
 * never from the repository. The interface lets them move to a 密码机/HSM later.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Transform } from 'node:stream';
import { decryptField, encryptField, hmacSm3, type FieldKeys } from './sm.ts';
import { decryptBlob, decryptStream, encryptBlob, encryptStream } from './blob.ts';

export interface KeyProvider {
  fieldKeys(): FieldKeys;
  fieldKeysByVersion(version: number): FieldKeys;
  /** Key of the HMAC-SM3 blind index used for exact lookups of encrypted values. */
  blindIndexKey(): Buffer;
}

interface KeyFileV1 {
  format: 'jiandu-keys';
  version: 1;
  createdAt: string;
  keys: Array<{ version: number; enc: string; mac: string }>;
  blindIndex: string;
}

function newKeyFile(): KeyFileV1 {
  return {
    format: 'jiandu-keys',
    version: 1,
    createdAt: new Date().toISOString(),
    keys: [{ version: 1, enc: crypto.randomBytes(16).toString('hex'), mac: crypto.randomBytes(32).toString('hex') }],
    blindIndex: crypto.randomBytes(32).toString('hex'),
  };
}

/** Reads the key file, creating it (exclusively, 0600) when it does not exist yet. */
export function loadOrCreateKeyFile(file: string, options: { create: boolean }): { provider: KeyProvider; created: boolean } {
  let created = false;
  if (!fs.existsSync(file)) {
    if (!options.create) throw new Error(`密钥文件不存在：${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      try {
        fs.writeFileSync(file, JSON.stringify(newKeyFile(), null, 2) + '\n', { flag: 'wx', mode: 0o600 });
      } catch (e) {
        // A key file cut short (full disk) would lock the data out later: leave none rather than half of one.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(file, { force: true });
        throw e;
      }
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  let parsed: KeyFileV1;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFileV1;
  } catch {
    throw new Error(`密钥文件无法读取或格式错误：${file}`);
  }
  if (parsed.format !== 'jiandu-keys' || parsed.version !== 1 || !parsed.keys?.length) {
    throw new Error(`密钥文件格式不受支持：${file}`);
  }
  return { provider: keyProviderFrom(parsed), created };
}

function keyProviderFrom(file: KeyFileV1): KeyProvider {
  const byVersion = new Map<number, FieldKeys>();
  for (const k of file.keys) {
    byVersion.set(k.version, { version: k.version, enc: Buffer.from(k.enc, 'hex'), mac: Buffer.from(k.mac, 'hex') });
  }
  const current = byVersion.get(Math.max(...byVersion.keys()))!;
  const blind = Buffer.from(file.blindIndex, 'hex');
  return {
    fieldKeys: () => current,
    fieldKeysByVersion: (v) => {
      const k = byVersion.get(v);
      if (!k) throw new Error(`找不到版本 ${v} 的数据密钥`);
      return k;
    },
    blindIndexKey: () => blind,
  };
}

/** In-memory keys for tests. */
export function ephemeralKeyProvider(): KeyProvider {
  return keyProviderFrom(newKeyFile());
}

/** Sensitive-field helpers bound to a key provider. */
export class FieldCrypto {
  constructor(private readonly keys: KeyProvider) {}
  encrypt(plaintext: string, aad: string): Buffer {
    return encryptField(this.keys.fieldKeys(), plaintext, aad);
  }
  decrypt(blob: Buffer, aad: string): string {
    return decryptField((v) => this.keys.fieldKeysByVersion(v), blob, aad);
  }
  /** Files at rest (crypto/blob.ts): the whole buffer… */
  encryptBytes(plain: Buffer, aad: string): Buffer {
    return encryptBlob(this.keys.fieldKeys(), plain, aad);
  }
  decryptBytes(blob: Buffer, aad: string): Buffer {
    return decryptBlob((v) => this.keys.fieldKeysByVersion(v), blob, aad);
  }
  /** …or as a stream with memory bounded by one 1 MiB chunk. */
  encryptStream(aad: string): Transform {
    return encryptStream(this.keys.fieldKeys(), aad);
  }
  decryptStream(aad: string): Transform {
    return decryptStream((v) => this.keys.fieldKeysByVersion(v), aad);
  }
  blindIndex(kind: string, normalized: string): Buffer {
    return hmacSm3(this.keys.blindIndexKey(), `${kind}:${normalized}`);
  }
  /** A key derived from the blind-index key for one purpose (the 摘要 search grams, crypto/entry-search.ts). */
  derivedKey(purpose: string): Buffer {
    return hmacSm3(this.keys.blindIndexKey(), `derive:${purpose}`);
  }
}
