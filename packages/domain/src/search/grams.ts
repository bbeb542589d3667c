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

/** The distinct character bigrams of a text, whitespace breaking runs (a one-character run gives none). */
export function textBigrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of searchNormalize(text).split(/\s+/u)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}
