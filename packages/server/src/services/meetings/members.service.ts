/**
 * 成员单位 of each convener's joint meeting (issue 13 point 1): every department by default (active, its
 * member accounts covering the convener as contacts); the secretary sets a department inactive or names its
 * contacts — an appended row, audited.
 */
import type { MeetingMemberBody, MeetingMemberView } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/meetings/members.repository.ts';
import { listConveners } from '../../repositories/meetings.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import type { MeetingsDeps } from '../meetings.service.ts';

/** The members of a convener (in the caller's transaction; the convener already checked). */
export async function membersOf(tx: Tx, convenerId: string): Promise<MeetingMemberView[]> {
  const rows = await repo.membersOf(tx, convenerId);
  const accounts = await repo.memberAccountsCovering(tx, convenerId);
  const set = rows.flatMap((r) => r.contact_user_ids ?? []);
  const named = new Map((await repo.accountsByIds(tx, set, convenerId)).map((a) => [a.id, a]));
  return rows.map((r) => {
    const isDefault = r.active === null;
    const contacts = isDefault
      ? accounts.filter((a) => a.department_code === r.code)
      : (r.contact_user_ids ?? []).map((id) => named.get(id)).filter((a) => a !== undefined);
    return {
      convenerId, departmentCode: r.code, departmentName: r.name, active: r.active ?? true,
      contacts: contacts.map((a) => ({ userId: a.id, login: a.login, displayName: a.display_name })),
      contactNote: r.contact_note, isDefault,
    };
  });
}

/** The convener named (in scope), or the first one in scope when none is named. */
export async function convenerInScope(tx: Tx, actor: Actor, convenerId: string | undefined, path = 'convenerId'): Promise<{ id: string; name: string }> {
  const all = await listConveners(tx, actor.scope);
  const c = convenerId ? all.find((x) => x.id === convenerId) : all[0];
  if (!c) {
    throw new ServiceError('invalid', convenerId ? '召集单位应为您管辖范围内的组织部' : '您的管辖范围内没有召集联席会议的组织部', 'invalid', [{ path, message: '请选择召集的组织部' }]);
  }
  return c;
}

export async function listMembers(deps: MeetingsDeps, actor: Actor, convenerId: string | undefined): Promise<MeetingMemberView[]> {
  return deps.db.tx(async (tx) => membersOf(tx, (await convenerInScope(tx, actor, convenerId)).id));
}

/** PUT /api/meetings/members: one department's setting for a convener; contacts must be that department's member accounts. */
export async function setMember(deps: MeetingsDeps, actor: Actor, body: MeetingMemberBody): Promise<MeetingMemberView[]> {
  return deps.db.tx(async (tx) => {
    const convener = await convenerInScope(tx, actor, body.convenerId);
    const rows = await repo.membersOf(tx, convener.id);
    const dept = rows.find((r) => r.code === body.departmentCode);
    if (!dept) throw new ServiceError('invalid', `没有代码为“${body.departmentCode}”的成员单位`, 'invalid', [{ path: 'departmentCode', message: '成员单位不存在' }]);
    const ids = [...new Set(body.contactUserIds)];
    const accounts = await repo.accountsByIds(tx, ids, convener.id);
    for (const id of ids) {
      const a = accounts.find((x) => x.id === id);
      if (!a || !a.member || a.disabled || a.department_code !== dept.code || !a.covers) {
        throw new ServiceError('invalid', `联络人应为${dept.name}的成员单位账号（已启用，管辖范围包含${convener.name}）${a ? `：${a.login}不符合` : ''}`, 'invalid',
          [{ path: 'contactUserIds', message: '联络人不是该成员单位的账号' }]);
      }
    }
    await repo.insertMember(tx, {
      convenerId: convener.id, departmentCode: dept.code, active: body.active, contactUserIds: ids, contactNote: body.contactNote ?? null,
      setBy: actor.userId, setByLogin: actor.login, at: deps.clock.now(),
    });
    await recordAudit(tx, actor, {
      action: 'meeting.members', objectType: 'org', objectId: convener.id,
      details: { convenerId: convener.id, departmentCode: dept.code, active: body.active, contacts: accounts.map((a) => a.login).join(',') },
    }, deps.clock);
    return membersOf(tx, convener.id);
  });
}
