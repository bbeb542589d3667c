/** The member departments of a convener's joint meeting (`meeting_member`, append-only: the latest row per department counts). */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';

export interface MemberRow {
  code: string; name: string; active: boolean | null; contact_user_ids: string[] | null; contact_note: string | null; set_at: Date | string | null;
}

/** Every department, with the convener's latest setting for it (null columns: never set). */
export function membersOf(tx: Tx, convenerId: string): Promise<MemberRow[]> {
  return rows<MemberRow>(tx, sql`
    select d.code, d.name, mm.active, mm.contact_user_ids, mm.contact_note, mm.set_at
    from department d
    left join lateral (select * from meeting_member x where x.convener_id = ${convenerId}::uuid and x.department_code = d.code
                       order by x.set_at desc, x.id desc limit 1) mm on true
    order by d.sort_order, d.code`);
}

export interface ContactRow { id: string; login: string; display_name: string; department_code: string | null; covers: boolean }

/** Active member-department accounts whose scope covers the convener (the default contacts), by department. */
export function memberAccountsCovering(tx: Tx, convenerId: string): Promise<ContactRow[]> {
  return rows<ContactRow>(tx, sql`
    select u.id, u.login, u.display_name, u.department_code, true as covers
    from app_user u left join org a on a.id = u.scope_org_id, org cv
    where cv.id = ${convenerId}::uuid and not u.disabled and u.department_code is not null
      and exists (select 1 from user_role ur where ur.user_id = u.id and ur.role = 'member')
      and (u.scope_org_id is null or cv.path like a.path || '%')
    order by u.login`);
}

/** Accounts by id: whether each is an active member account, its department, and whether its scope covers the convener. */
export function accountsByIds(tx: Tx, ids: readonly string[], convenerId: string): Promise<Array<ContactRow & { member: boolean; disabled: boolean }>> {
  if (!ids.length) return Promise.resolve([]);
  return rows(tx, sql`
    select u.id, u.login, u.display_name, u.department_code, u.disabled,
      exists (select 1 from user_role ur where ur.user_id = u.id and ur.role = 'member') as member,
      (u.scope_org_id is null or (select cv.path from org cv where cv.id = ${convenerId}::uuid) like a.path || '%') as covers
    from app_user u left join org a on a.id = u.scope_org_id
    where u.id = any(${sql.param([...ids])}::uuid[])`);
}

export async function insertMember(tx: Tx, m: {
  convenerId: string; departmentCode: string; active: boolean; contactUserIds: readonly string[]; contactNote: string | null;
  setBy: string | null; setByLogin: string | null; at: Date;
}): Promise<void> {
  await tx.execute(sql`insert into meeting_member (convener_id, department_code, active, contact_user_ids, contact_note, set_by, set_by_login, set_at)
    values (${m.convenerId}::uuid, ${m.departmentCode}, ${m.active}, ${sql.param([...m.contactUserIds])}::uuid[], ${m.contactNote},
            ${m.setBy}::uuid, ${m.setByLogin}, ${m.at.toISOString()}::timestamptz)`);
}
