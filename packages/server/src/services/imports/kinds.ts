/**
 * The kinds of the import job. A new kind: one file implementing `ImportKind` (kind.ts) and one line here,
 * before the ledger (the last: it takes every entry kind).
 */
import { rosterImport } from '../cadre-imports/roster.ts';
import type { ImportKind } from './kind.ts';
import { ledgerImport } from './ledger.ts';
import { orgImport } from './orgs.ts';

const KINDS: readonly ImportKind[] = [
  rosterImport,
  orgImport,
  ledgerImport,
];

/** The import kind a user's reference names (`roster`, `干部名册`, `jjzrsj`, `经济责任审计` …) with its kind code; null: none. */
export function resolveImportKind(ref: string): { kind: string; of: ImportKind } | null {
  for (const of of KINDS) {
    const kind = of.resolve(ref);
    if (kind !== null) return { kind, of };
  }
  return null;
}

/** The import kind of a batch's kind code (`import_batch.kind`); a code no kind claims is the ledger's. */
export function importKindOf(kind: string): ImportKind {
  return KINDS.find((k) => k.resolve(kind) === kind) ?? ledgerImport;
}
