/**
 * 国密 primitives from node:crypto (OpenSSL 3): SM3, HMAC-SM3, PBKDF2-HMAC-SM3, SM4-CBC.
 * Field encryption is SM4-CBC + HMAC-SM3 (encrypt-then-MAC) because SM4-GCM is not available.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { checkPassword } from '@jiandu/domain';

const pbkdf2 = promisify(crypto.pbkdf2);

export function sm3(data: Buffer | string): Buffer {
  return crypto.createHash('sm3').update(data).digest();
}

export function hmacSm3(key: Buffer, data: Buffer | string): Buffer {
  return crypto.createHmac('sm3', key).update(data).digest();
}

// ---- password hashing: pbkdf2-sm3$iterations$salt$hash (base64) ----

export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await pbkdf2(password.normalize('NFKC'), salt, iterations, 32, 'sm3');
  return `pbkdf2-sm3$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash uses fewer iterations than configured: rehash on success. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string, iterations: number): Promise<PasswordCheck> {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== 'pbkdf2-sm3') return { ok: false, needsRehash: false };
  const iter = Number(parts[1]);
  const salt = Buffer.from(parts[2]!, 'base64');
  const expected = Buffer.from(parts[3]!, 'base64');
  const actual = await pbkdf2(password.normalize('NFKC'), salt, iter, expected.length, 'sm3');
  const ok = actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && iter < iterations };
}

/** Spends the same time as a real check, so unknown users cannot be told apart by timing. */
export async function dummyPasswordCheck(iterations: number): Promise<void> {
  await pbkdf2('x', 'jiandu-dummy-salt', iterations, 32, 'sm3');
}

// ---- field encryption ----

const FORMAT = 1;

export interface FieldKeys {
  version: number;
  enc: Buffer; // 16 bytes SM4
  mac: Buffer; // 32 bytes HMAC-SM3
}

/**
 * IVs are cut from a pool of CSPRNG bytes drawn 16 KiB at a time (as node's randomUUID does): one
 * `randomBytes(16)` per field cost more than the SM4 and the HMAC together (a 100,000-row import seals
 * 100,000 texts). A pool is never written again once handed out: each refill is a new buffer.
 */
const IV_POOL_BYTES = 16 * 1024;
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function freshIv(): Buffer {
  if (ivAt + 16 > ivPool.length) {
    ivPool = crypto.randomBytes(IV_POOL_BYTES);
    ivAt = 0;
  }
  ivAt += 16;
  return ivPool.subarray(ivAt - 16, ivAt);
}

/** HMAC-SM3 over head ‖ AAD ‖ iv ‖ ciphertext (fed piece by piece: the same MAC as over their concatenation). */
function fieldTag(key: Buffer, head: Buffer, aad: string, iv: Buffer, ct: Buffer): Buffer {
  return crypto.createHmac('sm3', key).update(head).update(aad, 'utf8').update(iv).update(ct).digest();
}

/** [format 1B][key version 1B][iv 16B][ciphertext][tag 32B]; the tag covers AAD too. */
export function encryptField(keys: FieldKeys, plaintext: string, aad: string): Buffer {
  const iv = freshIv();
  const cipher = crypto.createCipheriv('sm4-cbc', keys.enc, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const head = Buffer.from([FORMAT, keys.version]);
  return Buffer.concat([head, iv, ct, fieldTag(keys.mac, head, aad, iv, ct)]);
}

export class IntegrityError extends Error {
  constructor(message = '数据完整性校验失败') {
    super(message);
    this.name = 'IntegrityError';
  }
}

export function decryptField(keysByVersion: (v: number) => FieldKeys, blob: Buffer, aad: string): string {
  if (blob.length < 2 + 16 + 16 + 32 || blob[0] !== FORMAT) throw new IntegrityError('密文格式无效');
  const keys = keysByVersion(blob[1]!);
  const head = blob.subarray(0, 2);
  const iv = blob.subarray(2, 18);
  const ct = blob.subarray(18, blob.length - 32);
  const tag = blob.subarray(blob.length - 32);
  const expected = fieldTag(keys.mac, head, aad, iv, ct);
  if (!crypto.timingSafeEqual(tag, expected)) throw new IntegrityError();
  const decipher = crypto.createDecipheriv('sm4-cbc', keys.enc, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** Known-answer tests (GB/T 32905, GB/T 32907): a different Node/OpenSSL build fails loudly at start. */
export function selfTest(): void {
  const h = sm3('abc').toString('hex');
  if (h !== '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0') throw new Error('SM3 自检失败');
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const c = crypto.createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  const out = Buffer.concat([c.update(key), c.final()]).toString('hex');
  if (out !== '681edf34d206965e86b3e94f536e4246') throw new Error('SM4 自检失败');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/**
 * A one-time password that satisfies the policy: 16 chars from 4 classes, no look-alikes, and never one the
 * password check would refuse (a keyboard run or a listed word by chance: drawn again).
 */
export function generatePassword(): string {
  for (;;) {
    const pw = drawPassword();
    if (checkPassword(pw, '').length === 0) return pw;
  }
}

function drawPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[crypto.randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
