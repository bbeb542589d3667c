/** Who may be a member department's contact for a convener's joint meeting: its active member accounts covering the convener. */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import type { Scope } from '../../context.ts';
import { inScope } from '../orgs.repository.ts';

/** The convener (a 组织部 org) when it is in the reader's scope. */
export async function convenerOrg(tx: Tx, convenerId: string, scope: Scope | null): Promise<{ id: string; path: string } | null> {
  const [r] = await rows<{ id: string; path: string }>(tx, sql`select o.id, o.path from org o where o.id = ${convenerId}::uuid and ${inScope(sql`o.path`, scope)}`);
  return r ?? null;
}

/** Active member accounts of the department whose scope covers the convener (by login, name). */
export function contactCandidates(tx: Tx, convenerPath: string, departmentCode: string, q: string | undefined, limit: number) {
  const like = q ? `%${q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%` : null;
  return rows<{ id: string; login: string; display_name: string }>(tx, sql`
    select u.id, u.login, u.display_name from app_user u left join org a on a.id = u.scope_org_id
    where not u.disabled and u.department_code = ${departmentCode}
      and exists (select 1 from user_role ur where ur.user_id = u.id and ur.role = 'member')
      and (u.scope_org_id is null or ${convenerPath} like a.path || '%')
      ${like ? sql`and (u.login like ${like} or u.display_name like ${like})` : sql``}
    order by u.login limit ${limit}`);
}
