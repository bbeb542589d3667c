import crypto from 'node:crypto';
import type { OrgCreateBody, OrgNode, TeamView } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { insertChange } from '../repositories/org-changes.repository.ts';
import * as orgs from '../repositories/orgs.repository.ts';
import { todayOf, type Actor, type Clock } from '../context.ts';
import { ServiceError, notFound, pgErrorOf } from '../errors.ts';

export interface OrgsDeps {
  db: Database;
  clock: Clock;
}

export async function children(deps: OrgsDeps, actor: Actor, parentId: string | null): Promise<OrgNode[]> {
  return deps.db.tx(async (tx) => {
    if (parentId && !(await orgs.findOrgInScope(tx, parentId, actor.scope))) throw notFound('组织');
    return orgs.orgChildren(tx, parentId, actor.scope);
  });
}

export async function getOrg(deps: OrgsDeps, actor: Actor, id: string) {
  return deps.db.tx(async (tx) => {
    const node = await orgs.orgNode(tx, id, actor.scope);
    if (!node) throw notFound('组织');
    const o = (await orgs.findOrgInScope(tx, id, actor.scope))!;
    const ancestors = await orgs.ancestorNames(tx, o.path);
    const scopeDepth = actor.scope ? actor.scope.path.split('/').filter(Boolean).length - 1 : 0;
    return { ...node, ancestors: ancestors.slice(scopeDepth) };
  });
}

export async function searchOrgs(deps: OrgsDeps, actor: Actor, q: string) {
  return deps.db.tx((tx) => orgs.searchOrgs(tx, q, actor.scope, 30)).then((r) => r.map(({ id, name, parentName, teamId }) => ({ id, name, parentName, teamId })));
}

export async function getTeam(deps: OrgsDeps, actor: Actor, orgId: string): Promise<TeamView | null> {
  return deps.db.tx(async (tx) => {
    if (!(await orgs.findOrgInScope(tx, orgId, actor.scope))) throw notFound('组织');
    const t = await orgs.teamOfOrg(tx, orgId);
    if (!t) return null;
    const members = (await orgs.teamMembers(tx, t.id, todayOf(deps.clock))).map(({ manageLevel, ...m }) => {
      // 干部管理权限: a member the jurisdiction does not manage is a name marked 上级管理, nothing more.
      if (!actor.scope?.levels || (actor.scope.levels as readonly string[]).includes(manageLevel)) return { ...m, managedAbove: false };
      return {
        tenureId: m.tenureId, cadreId: null, name: m.name, gender: null, birth: null, title: null, isPrincipal: false,
        domains: [], rank: null, startDate: null, managedAbove: true,
      };
    });
    return { ...t, managedAbove: !(await orgs.isTeamManaged(tx, t.id, actor.scope)), members };
  });
}

export async function createOrg(deps: OrgsDeps, actor: Actor, input: OrgCreateBody): Promise<OrgNode> {
  try {
    return await deps.db.tx(async (tx) => {
      let parentPath = '/';
      if (input.parentId) {
        const parent = await orgs.findOrgInScope(tx, input.parentId, actor.scope);
        if (!parent) throw notFound('上级组织');
        parentPath = parent.path;
      } else if (actor.scope) {
        throw new ServiceError('forbidden', '只能在管辖范围内新增组织');
      }
      if (input.parentId && (await orgs.orgNode(tx, input.parentId, null))?.abolishedOn) {
        throw new ServiceError('invalid', '上级单位已撤销，不能在其下新增组织', 'invalid', [{ path: 'parentId', message: '上级单位已撤销' }]);
      }
      if (input.managedById && !(await orgs.findOrgInScope(tx, input.managedById, null))) {
        throw new ServiceError('invalid', '干部管理单位不存在', 'invalid', [{ path: 'managedById', message: '所选组织不存在' }]);
      }
      const id = crypto.randomUUID();
      await orgs.insertOrg(tx, {
        id,
        parentId: input.parentId,
        path: `${parentPath}${id}/`,
        name: input.name,
        shortName: input.shortName ?? null,
        type: input.type,
        level: input.level,
        managedBy: input.managedById ?? null,
        regionCode: input.regionCode,
        flags: input.flags ?? {},
        sortOrder: await orgs.nextSortOrder(tx, input.parentId),
      });
      if (input.withTeam) await orgs.insertTeam(tx, id, `${input.name}领导班子`);
      await insertChange(tx, {
        orgId: id, kind: 'create', effectiveDate: todayOf(deps.clock), details: { name: input.name }, reason: null,
        createdBy: actor.userId, createdByLogin: actor.login,
      });
      await recordAudit(tx, actor, { action: 'org.create', objectType: 'org', objectId: id, details: { name: input.name } }, deps.clock);
      return (await orgs.orgNode(tx, id, null))!;
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') {
      throw new ServiceError('conflict', `同一上级下已有名为“${input.name}”的组织`, 'duplicate', [{ path: 'name', message: '名称重复' }]);
    }
    throw e;
  }
}
