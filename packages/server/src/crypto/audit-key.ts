/**
 * The audit checkpoints' signing key: an SM2 key pair in a PEM file beside the SM4 key file (mode 0600),
 * never in the database, so whoever can rewrite the database cannot forge a checkpoint.
 *
 * node:crypto signs with real SM2 (SM3 digest, empty signer ID) only for a key imported from PEM: a key
 * straight from generateKeyPairSync('ec', SM2) is treated as plain ECDSA. So the key is always read back
 * from its PEM text before use (security checklist §3).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm3 } from './sm.ts';

export interface AuditSigner {
  /** SM3 of the public key (SPKI DER), hex, first 16 bytes: names the key in each checkpoint. */
  fingerprint: string;
  sign(message: Buffer): Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface AuditVerifier {
  fingerprint: string;
  verify(message: Buffer, signature: Buffer): boolean;
}

function verifierOf(pub: crypto.KeyObject): AuditVerifier {
  const der = pub.export({ type: 'spki', format: 'der' });
  return {
    fingerprint: sm3(der).subarray(0, 16).toString('hex'),
    verify: (message, signature) => {
      try {
        return crypto.verify('sm3', message, pub, signature);
      } catch {
        return false;
      }
    },
  };
}

function signerOf(pem: string): AuditSigner {
  const key = crypto.createPrivateKey(pem);
  const v = verifierOf(crypto.createPublicKey(pem));
  return { ...v, sign: (message) => crypto.sign('sm3', message, key) };
}

/** Reads the SM2 key, creating it (exclusively, 0600) when asked and it does not exist yet. */
export function loadAuditSigner(file: string, options: { create: boolean }): AuditSigner | null {
  if (!fs.existsSync(file)) {
    if (!options.create) return null;
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    return signerOf(text);
  } catch {
    throw new Error(`审计签名密钥文件无法读取或格式错误：${file}`);
  }
}

/** An in-memory key for tests. */
export function ephemeralAuditSigner(): AuditSigner {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return signerOf(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
}
