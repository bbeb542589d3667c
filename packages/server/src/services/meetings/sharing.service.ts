/**
 * 成果共享 (issue 13 point 5): a member department reads, in its own scope, the conclusions about the subjects
 * it reported on or is responsible for — in its view (GET /api/meetings/shared) and through its systems'
 * token (GET /api/v1/meeting-items). The 身份证号 only where it reported on the cadre (it knew it already).
 * Every read is audited (who read which meeting's conclusions).
 */
import type { SharedConclusionList } from '@jiandu/domain';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/meetings/sharing.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import { idAad } from '../cadres.service.ts';
import type { DecisionDeps } from './conclusions.service.ts';
import { conclusionName, loadConclusionKinds } from './views.ts';

export interface SharingDeps extends DecisionDeps { crypto: FieldCrypto }

export interface SharedQuery { q?: string; since?: string; cursor?: string; limit?: number }

async function shared(deps: SharingDeps, actor: Actor, department: string, q: SharedQuery, audit: 'meeting.shared' | 'meeting.api-items'): Promise<SharedConclusionList> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const after = decodeCursor<[string, string]>(q.cursor, ['date', 'uuid']);
  return deps.db.tx(async (tx) => {
    const kinds = await loadConclusionKinds(tx);
    const found = await repo.sharedConclusions(tx, department, actor.scope, { q: q.q?.trim() || undefined, since: q.since, after, limit: limit + 1 });
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    await recordAudit(tx, actor, {
      action: audit, objectType: 'meeting', objectId: null,
      details: { department, items: page.length, meetings: [...new Set(page.map((r) => r.meeting_id))].join(','), since: q.since ?? null },
    }, deps.clock);
    return {
      items: page.map((r) => ({
        meetingId: r.meeting_id, meetingTitle: r.meeting_title, heldOn: r.held_on, subjectType: r.subject_type, name: r.name,
        idNumber: r.id_number_enc && r.cadre_id ? deps.crypto.decrypt(Buffer.from(r.id_number_enc), idAad(r.cadre_id)) : null,
        orgName: r.org_name, conclusion: r.conclusion, conclusionName: conclusionName(kinds, r.conclusion),
        responsibleDepartment: r.responsible_department, deadline: r.deadline,
        why: r.task_department === department ? 'responsible' as const : 'reported' as const,
        taskId: r.task_department === department ? r.task_id : null, taskStatus: r.task_department === department ? r.task_status : null,
      })),
      nextCursor: found.length > limit && last ? encodeCursor([last.held_on, last.subject_id]) : null,
    };
  });
}

/** A member account's 成果共享 (its department, its scope). */
export function sharedForMember(deps: SharingDeps, actor: Actor, q: SharedQuery): Promise<SharedConclusionList> {
  if (!actor.departmentCode) throw new ServiceError('forbidden', '该账号未关联成员单位');
  return shared(deps, actor, actor.departmentCode, q, 'meeting.shared');
}

/** A department system's read with its token (the token's department and scope). */
export function sharedForToken(deps: SharingDeps, token: { departmentCode: string; actor: Actor }, q: SharedQuery): Promise<SharedConclusionList> {
  return shared(deps, token.actor, token.departmentCode, q, 'meeting.api-items');
}
