/** A unit as a command-line user names it: its id, its full name or its short name (must be unique). */
import type { Database } from '../db/client.ts';
import { orgsByName } from '../repositories/imports.repository.ts';
import { findOrgInScope } from '../repositories/orgs.repository.ts';
import { ServiceError } from '../errors.ts';

export async function resolveOrgRef(db: Database, ref: string): Promise<string> {
  const r = ref.trim();
  const found = /^[0-9a-f-]{36}$/iu.test(r)
    ? [await db.tx((tx) => findOrgInScope(tx, r, null))].filter((x) => x !== null)
    : (await db.tx((tx) => orgsByName(tx, [r], null))).get(r) ?? [];
  if (found.length !== 1) throw new ServiceError('invalid', found.length === 0 ? `找不到单位“${r}”` : `有${found.length}个单位名为“${r}”，请用单位ID`);
  return found[0]!.id;
}
