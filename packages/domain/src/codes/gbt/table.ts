/**
 * Code tables (GB/T and organisation-system 代码表): the values in 干部任免审批表 files are display
 * names, not codes, so importers map name → code here and keep the original text beside the result.
 */

export interface CodeEntry {
  /** The code; null where the reference gives names only (e.g. 职级, whose codes are unverified). */
  readonly code: string | null;
  /** Canonical display name, as the 任免表 editor writes it. */
  readonly name: string;
  /** Other spellings that mean the same entry (long/short forms, colloquial names). */
  readonly aliases?: readonly string[];
  /** Code of the parent entry in hierarchical tables (学历, 学位, 文化程度). */
  readonly parent?: string;
}

export interface CodeTable {
  /** Short id, e.g. `GB3304`. */
  readonly id: string;
  /** 中文 title, e.g. `民族`. */
  readonly title: string;
  /** Where the codes come from, e.g. `GB 3304-1991（任免表编辑器代码组）`. */
  readonly source: string;
  readonly entries: readonly CodeEntry[];
  /** name/alias key → entry (keys folded by `foldKey`). */
  readonly byKey: ReadonlyMap<string, CodeEntry>;
  /** code → entry. */
  readonly byCode: ReadonlyMap<string, CodeEntry>;
  /** Extra candidate keys to try for a folded input (e.g. `汉` → `汉族`). */
  readonly variants: (key: string) => readonly string[];
}

export interface CodeLookup {
  /** Standard code, or null when the text is empty, unknown, or the table has no code for it. */
  code: string | null;
  /** Canonical name of the matched entry, or null when nothing matched. */
  name: string | null;
  /** The text exactly as given. */
  original: string;
}

/** Folds a text for matching: NFKC (full-width → half-width), no whitespace at all. */
export function foldKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, '');
}

export function defineCodeTable(def: {
  id: string;
  title: string;
  source: string;
  entries: readonly CodeEntry[];
  variants?: (key: string) => readonly string[];
}): CodeTable {
  const byKey = new Map<string, CodeEntry>();
  const byCode = new Map<string, CodeEntry>();
  for (const e of def.entries) {
    if (e.code !== null) {
      if (byCode.has(e.code)) throw new Error(`code table ${def.id}: duplicate code ${e.code}`);
      byCode.set(e.code, e);
    }
    for (const k of [e.name, ...(e.aliases ?? [])].map(foldKey)) {
      const prev = byKey.get(k);
      if (prev && prev !== e) throw new Error(`code table ${def.id}: ambiguous name ${k}`);
      byKey.set(k, e);
    }
  }
  return { id: def.id, title: def.title, source: def.source, entries: def.entries, byKey, byCode, variants: def.variants ?? (() => []) };
}

/** The entry a text names, tolerant of width, spacing and the table's known variants; null if none. */
export function findEntry(table: CodeTable, text: string): CodeEntry | null {
  const key = foldKey(text);
  if (key === '') return null;
  const direct = table.byKey.get(key);
  if (direct) return direct;
  for (const v of table.variants(key)) {
    const hit = table.byKey.get(v);
    if (hit) return hit;
  }
  return null;
}

/** Name → code. Never throws; an unknown text gives `{ code: null, name: null, original }`. */
export function lookupCode(table: CodeTable, text: string): CodeLookup {
  const e = findEntry(table, text);
  return { code: e?.code ?? null, name: e?.name ?? null, original: text };
}

/** Code → canonical name, or null for an unknown code. */
export function nameOf(table: CodeTable, code: string): string | null {
  return table.byCode.get(code.trim().toUpperCase())?.name ?? table.byCode.get(code.trim())?.name ?? null;
}

/** Name → code, or null. */
export function codeOf(table: CodeTable, text: string): string | null {
  return findEntry(table, text)?.code ?? null;
}
