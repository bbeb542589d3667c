/**
 * Cadre photos at rest: SM4-encrypted (crypto/blob.ts, AAD `cadre-photo:<cadreId>`), the SM3 of the
 * plaintext kept beside them (the import compares photos by it). Rows written before encryption are
 * plaintext: read as they are (`isEncryptedBlob`), and encrypted by `encryptLegacyPhotos` (housekeeping).
 */
import type { FieldCrypto } from '../crypto/keys.ts';
import { isEncryptedBlob } from '../crypto/blob.ts';
import { IntegrityError, sm3 } from '../crypto/sm.ts';

export const photoAad = (cadreId: string) => `cadre-photo:${cadreId}`;

export function sealPhoto(box: FieldCrypto, cadreId: string, plain: Buffer): Buffer {
  return box.encryptBytes(plain, photoAad(cadreId));
}

/** The photo's bytes (decrypted, or a legacy plaintext row as stored), checked against its SM3. */
export function openPhoto(box: FieldCrypto, cadreId: string, stored: Buffer, digestHex: string): Buffer {
  if (!isEncryptedBlob(stored)) return stored;
  try {
    return box.decryptBytes(stored, photoAad(cadreId));
  } catch (e) {
    if (sm3(stored).toString('hex') === digestHex) return stored; // legacy plaintext starting with the magic
    throw e instanceof Error ? e : new IntegrityError();
  }
}
