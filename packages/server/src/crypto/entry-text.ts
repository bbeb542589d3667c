/**
 * The free text of ledger entries at rest: 摘要 (`entry.summary`) and 处理结果 (`entry.outcome`) hold what a
 * petitioner reported (信访), so they are stored encrypted, like the 身份证号.
 *
 * Stored form: `enc1:` + base64(FieldCrypto.encrypt(text, `entry:<entry id>:<column>`)) (SM4-CBC + HMAC-SM3,
 * crypto/sm.ts). The AAD binds the text to its entry (not to a version: a withdrawal carries the previous
 * version's stored text over unchanged) and to its column, so a stored value moved to another entry or
 * column fails to open. The import stages the sealed form under the entry id it will get, so its
 * INSERT … SELECT copies ciphertext. Rows written before encryption was introduced (no prefix) read as they
 * are; entry rows are append-only and are not rewritten (they stay plaintext until corrected).
 *
 * Every write seals with `sealEntryText`; every reader opens with `entryText`.
 */
import type { FieldCrypto } from './keys.ts';

export const ENTRY_TEXT_PREFIX = 'enc1:';
export type EntryTextColumn = 'summary' | 'outcome';

export const entryTextAad = (entryId: string, column: EntryTextColumn): string => `entry:${entryId.toLowerCase()}:${column}`;

/** True when a stored value is sealed (not a legacy plaintext row). */
export const isSealedEntryText = (stored: string): boolean => stored.startsWith(ENTRY_TEXT_PREFIX);

/** The stored form of an entry's text (null stays null). */
export function sealEntryText(crypto: FieldCrypto, entryId: string, column: EntryTextColumn, text: string): string;
export function sealEntryText(crypto: FieldCrypto, entryId: string, column: EntryTextColumn, text: string | null): string | null;
export function sealEntryText(crypto: FieldCrypto, entryId: string, column: EntryTextColumn, text: string | null): string | null {
  if (text === null) return null;
  return ENTRY_TEXT_PREFIX + crypto.encrypt(text, entryTextAad(entryId, column)).toString('base64');
}

/**
 * The plaintext of a stored entry text: sealed values are opened (a value that fails its check throws
 * IntegrityError: it was altered or moved), legacy plaintext is returned as it is, null stays null.
 */
export function entryText(crypto: FieldCrypto, entryId: string, column: EntryTextColumn, stored: string): string;
export function entryText(crypto: FieldCrypto, entryId: string, column: EntryTextColumn, stored: string | null): string | null;
export function entryText(crypto: FieldCrypto, entryId: string, column: EntryTextColumn, stored: string | null): string | null {
  if (stored === null || !isSealedEntryText(stored)) return stored;
  return crypto.decrypt(Buffer.from(stored.slice(ENTRY_TEXT_PREFIX.length), 'base64'), entryTextAad(entryId, column));
}
