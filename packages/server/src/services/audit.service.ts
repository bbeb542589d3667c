/** The audit log as the 审计管理员 sees it: filtered reads (themselves audited) and chain verification. */
import type { AuditQuery, AuditRow, AuditVerifyResult } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { queryAudit, recordAudit, recordAuditAlone, verifyAudit } from '../repositories/audit.repository.ts';
import type { Actor, Clock } from './context.ts';
import { ServiceError } from './errors.ts';

function parseTime(v: string | undefined, field: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new ServiceError('invalid', `${field}不是有效的时间`, 'invalid', [{ path: field, message: '时间格式无效' }]);
  return d;
}

export async function readAudit(deps: { db: Database; clock: Clock }, actor: Actor, q: AuditQuery): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
  const [beforeSeq] = decodeCursor<[number]>(q.cursor, ['int']) ?? [undefined];
  const filter = {
    from: parseTime(q.from, 'from'), to: parseTime(q.to, 'to'), actor: q.actor, action: q.action,
    objectType: q.objectType, objectId: q.objectId, result: q.result, beforeSeq, limit: q.limit + 1,
  };
  return deps.db.tx(async (tx) => {
    const items = await queryAudit(tx, filter);
    const more = items.length > q.limit;
    if (more) items.pop();
    await recordAudit(tx, actor, {
      action: 'audit.read', objectType: 'audit_log',
      details: { actor: q.actor ?? null, action: q.action ?? null, from: q.from ?? null, to: q.to ?? null, returned: items.length },
    }, deps.clock);
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.seq]) : null };
  });
}

export async function verify(deps: { db: Database; clock: Clock }, actor: Actor): Promise<AuditVerifyResult> {
  const result = await verifyAudit(deps.db);
  await recordAuditAlone(deps.db, actor, {
    action: 'audit.verify', objectType: 'audit_log', result: result.ok ? 'success' : 'failure',
    reason: result.ok ? null : result.message, details: { checked: result.checked, brokenAt: result.brokenAt },
  }, deps.clock);
  return result;
}
