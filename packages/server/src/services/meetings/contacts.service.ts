/** 成员单位联络人: the accounts a secretary may name as a member department's contacts (GET /api/meetings/members/candidates). */
import type { MeetingContactCandidate } from '@jiandu/domain';
import type { Actor } from '../../context.ts';
import { notFound } from '../../errors.ts';
import * as repo from '../../repositories/meetings/contacts.repository.ts';
import type { RulesDeps } from '../supervision/warnings.service.ts';

export async function contactCandidates(
  deps: Pick<RulesDeps, 'db'>, actor: Actor, p: { convenerId: string; departmentCode: string; q?: string },
): Promise<MeetingContactCandidate[]> {
  return deps.db.tx(async (tx) => {
    const convener = await repo.convenerOrg(tx, p.convenerId, actor.scope);
    if (!convener) throw notFound('召集单位');
    const list = await repo.contactCandidates(tx, convener.path, p.departmentCode, p.q, 50);
    return list.map((u) => ({ userId: u.id, login: u.login, displayName: u.display_name }));
  });
}
