/** What the import job's files share (kept apart so that stored-file.ts and the kinds need not import imports.service.ts). */
import type { Database } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import type { Actor, Clock } from '../../context.ts';

export interface ImportDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
}

/** A supervisor's import is accepted at once; a member department's waits for review (pending). */
export type ImportMode = 'supervisor' | 'member';

export function modeOf(actor: Actor): ImportMode {
  return actor.permissions.has('entry:write') || actor.userId === null ? 'supervisor' : 'member';
}
