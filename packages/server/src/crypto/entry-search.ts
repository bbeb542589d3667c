/**
 * The blind index of the 摘要 (entry.summary_grams, migration 0027): the sealed 摘要 cannot be searched by
 * SQL, so each entry version carries the keyed hashes of its 摘要's character bigrams (domain
 * search/grams.ts) — the first 4 bytes of HMAC-SM3(key, gram) as int4, the key derived from the key file's
 * blind-index key. A query's bigrams, hashed the same way, must all be contained (`@>`, GIN index).
 * Leakage (docs/security.md): equal bigrams hash equal, so the column shows which entries share bigrams.
 *
 * Speed: the HMAC's inner and outer SM3 states are computed once per key and copied per gram, and the
 * hashes of grams seen are remembered (bounded): Chinese text repeats its bigrams.
 */
import crypto from 'node:crypto';
import { bigramCodes, bigramOfCode, searchTerms } from '@jiandu/domain';
import type { FieldCrypto } from './keys.ts';

const BLOCK = 64;

class GramHasher {
  private readonly inner: crypto.Hash;
  private readonly outer: crypto.Hash;
  private readonly memo = new Map<number, number>();
  constructor(key: Buffer) {
    const k = Buffer.alloc(BLOCK);
    key.copy(k);
    const ipad = Buffer.alloc(BLOCK);
    const opad = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i++) {
      ipad[i] = k[i]! ^ 0x36;
      opad[i] = k[i]! ^ 0x5c;
    }
    this.inner = crypto.createHash('sm3').update(ipad);
    this.outer = crypto.createHash('sm3').update(opad);
  }
  /** HMAC-SM3(key, gram) itself (tested against node's createHmac). */
  mac(gram: string): Buffer {
    const inner = this.inner.copy().update(gram, 'utf8').digest();
    return this.outer.copy().update(inner).digest();
  }
  /** The stored hash of a bigram given as its code (domain bigramCodes). */
  hash(code: number): number {
    let h = this.memo.get(code);
    if (h === undefined) {
      h = this.mac(bigramOfCode(code)).readInt32BE(0);
      if (this.memo.size >= 200_000) this.memo.clear();
      this.memo.set(code, h);
    }
    return h;
  }
}

const hashers = new WeakMap<FieldCrypto, GramHasher>();
function hasherOf(box: FieldCrypto): GramHasher {
  let h = hashers.get(box);
  if (!h) {
    h = new GramHasher(box.derivedKey('entry-summary-grams'));
    hashers.set(box, h);
  }
  return h;
}

/** For tests: the HMAC of one gram under the derived key. */
export const gramMac = (box: FieldCrypto, gram: string): Buffer => hasherOf(box).mac(gram);

/** The stored grams of a 摘要 (plaintext): distinct, sorted. */
export function summaryGrams(box: FieldCrypto, summary: string): number[] {
  const h = hasherOf(box);
  const out = new Set<number>();
  for (const g of bigramCodes(summary)) out.add(h.hash(g));
  return [...out].sort((a, b) => a - b);
}

/**
 * The grams each term of a query must contain; a term of one character has none (it matches the 姓名
 * and 文号 only). Terms in the order of `searchTerms`.
 */
export function queryGrams(box: FieldCrypto, q: string): Array<{ term: string; grams: number[] }> {
  return searchTerms(q).map((term) => ({ term, grams: summaryGrams(box, term) }));
}

/** A 摘要's grams memoized per distinct string (the seed writes the same sentences again and again). */
export function memoSummaryGrams(box: FieldCrypto, limit = 100_000): (summary: string) => number[] {
  const memo = new Map<string, number[]>();
  return (summary) => {
    let g = memo.get(summary);
    if (!g) {
      g = summaryGrams(box, summary);
      if (memo.size >= limit) memo.clear();
      memo.set(summary, g);
    }
    return g;
  };
}

/** The terms of a keyword search as the ledger list's filter takes them (undefined without a query). */
export function entrySearch(box: FieldCrypto, q: string | undefined): Array<{ term: string; grams: number[] }> | undefined {
  if (!q || !q.trim()) return undefined;
  return queryGrams(box, q);
}
