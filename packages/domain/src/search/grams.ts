/**
 * Keyword search over sealed text (the 台账's 摘要): the text is cut into character bigrams, which the
 * server hashes with a key (a blind index, crypto/entry-search.ts). A query matches when every bigram of
 * every term occurs in the text. Pure: the same cut on the write path and on the query path.
 */

/** The text as it is searched: NFKC (full-width → half-width), lower case. */
export function searchNormalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The whitespace-separated terms of a query (at most 8), normalized. */
export function searchTerms(q: string): string[] {
  return searchNormalize(q).split(/\s+/u).filter(Boolean).slice(0, 8);
}

/** Whitespace as `\s` has it (code points). */
function isSpace(c: number): boolean {
  return c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const PLANE = 0x110000;

/**
 * The distinct character bigrams of a text as numbers (first code point × 0x110000 + second: no strings
 * are built, this runs for every entry written), whitespace breaking runs (a one-character run gives none).
 */
export function bigramCodes(text: string): number[] {
  const s = searchNormalize(text);
  const out = new Set<number>();
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (isSpace(c)) {
      prev = -1;
      continue;
    }
    if (prev >= 0) out.add(prev * PLANE + c);
    prev = c;
  }
  return [...out];
}

/** The text of a bigram code. */
export const bigramOfCode = (code: number): string => String.fromCodePoint(Math.floor(code / PLANE), code % PLANE);

/** The distinct character bigrams of a text, whitespace breaking runs (a one-character run gives none). */
export function textBigrams(text: string): string[] {
  return bigramCodes(text).map(bigramOfCode);
}
