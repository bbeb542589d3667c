/** What the user chose for an import beyond the mapping (`import_batch.options`): a roster's default unit and tenures. */
import { placementUnits } from '../../repositories/placement.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import type { ImportDeps } from './types.ts';

export type BatchOptions = { orgId?: string | null; tenures?: boolean };

/** The options given (absent keys left out); the default unit must be in the actor's jurisdiction and not abolished. */
export async function checkOptions(deps: ImportDeps, actor: Actor, o: BatchOptions): Promise<BatchOptions> {
  // The units a new cadre may go to: in the jurisdiction and not abolished.
  if (o.orgId && !(await deps.db.tx((tx) => placementUnits(tx, actor.scope))).some((u) => u.id === o.orgId)) {
    throw new ServiceError('invalid', '所选默认单位不存在、已撤销或不在管辖范围内', 'invalid', [{ path: 'orgId', message: '单位不存在、已撤销或不在管辖范围内' }]);
  }
  return { ...(o.orgId !== undefined ? { orgId: o.orgId } : {}), ...(o.tenures !== undefined ? { tenures: o.tenures } : {}) };
}

