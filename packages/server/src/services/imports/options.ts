/** What the user chose for an import beyond the mapping (`import_batch.options`): a roster's default unit and tenures. */
import { findOrgInScope } from '../../repositories/orgs.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import type { ImportDeps } from './types.ts';

export type BatchOptions = { orgId?: string | null; tenures?: boolean };

/** The options given (absent keys left out); the default unit must be in the actor's jurisdiction. */
export async function checkOptions(deps: ImportDeps, actor: Actor, o: BatchOptions): Promise<BatchOptions> {
  if (o.orgId && !(await deps.db.tx((tx) => findOrgInScope(tx, o.orgId!, actor.scope)))) {
    throw new ServiceError('invalid', '所选默认单位不存在或不在管辖范围内', 'invalid', [{ path: 'orgId', message: '单位不存在或不在管辖范围内' }]);
  }
  return { ...(o.orgId !== undefined ? { orgId: o.orgId } : {}), ...(o.tenures !== undefined ? { tenures: o.tenures } : {}) };
}

