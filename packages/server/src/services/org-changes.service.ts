/**
 * Units as they change (机构改革): rename, move under another parent, merge into another unit, abolish — each
 * with an effective date and a reason, in one transaction with its scope checks, its `org_change` row and its
 * audit row. An abolished (or merged) unit keeps its history: it stays in the tree (已撤销), under its target
 * when merged, so its ledger, warnings and tenures stay readable by whoever supervises the target.
 *
 * The effective date may not lie after today: the registry changes at once, so a change dated ahead would
 * show a unit renamed, moved or gone before it is.
 */
import type { OrgAbolishBody, OrgChange, OrgMergeBody, OrgMoveBody, OrgNode, OrgRenameBody } from '@jiandu/domain';
import type { Tx } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as changes from '../repositories/org-changes.repository.ts';
import { isTeamManaged, orgNode, teamOfOrg } from '../repositories/orgs.repository.ts';
import { todayOf, type Actor } from '../context.ts';
import { ServiceError, notFound, pgErrorOf } from '../errors.ts';
import type { OrgsDeps } from './orgs.service.ts';
import { reevaluate } from './supervision/evaluate.ts';

const invalid = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

function checkDate(deps: OrgsDeps, effectiveDate: string): void {
  if (effectiveDate > todayOf(deps.clock)) throw invalid('effectiveDate', '生效日期不能晚于今天（变更在登记时即生效）');
}

/** The unit to change: in the jurisdiction (else 404) and not abolished (else 409). */
async function unitToChange(tx: Tx, actor: Actor, id: string): Promise<changes.UnitRow> {
  const u = await changes.findUnit(tx, id, actor.scope);
  if (!u) throw notFound('组织');
  if (u.abolishedOn) throw new ServiceError('conflict', `“${u.name}”已于${u.abolishedOn}撤销，只能查看，不能再变更`, 'abolished');
  return u;
}

/** A jurisdiction's own root cannot be moved, merged or abolished by the jurisdiction itself. */
function notOwnRoot(actor: Actor, u: changes.UnitRow, what: string): void {
  if (actor.scope && actor.scope.orgId === u.id) {
    throw new ServiceError('forbidden', `“${u.name}”是本级管辖范围的根单位，不能由本级${what}，请由上级组织部门办理`);
  }
}

function nameClash(parentName: string | null, names: string[]): ServiceError {
  return new ServiceError('conflict', `${parentName ? `“${parentName}”下` : '顶级组织中'}已有名为“${names.join('”“')}”的单位`, 'duplicate', [{ path: 'name', message: '名称重复' }]);
}

async function write<T>(deps: OrgsDeps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await deps.db.tx(fn);
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw new ServiceError('conflict', '同一上级下已有同名单位', 'duplicate', [{ path: 'name', message: '名称重复' }]);
    throw e;
  }
}

const changeBy = (actor: Actor) => ({ createdBy: actor.userId, createdByLogin: actor.login });

export async function renameOrg(deps: OrgsDeps, actor: Actor, id: string, input: OrgRenameBody): Promise<OrgNode> {
  checkDate(deps, input.effectiveDate);
  return write(deps, async (tx) => {
    const u = await unitToChange(tx, actor, id);
    const shortName = input.shortName === undefined ? u.shortName : (input.shortName || null);
    if (input.name === u.name && shortName === u.shortName) throw invalid('name', '新名称与现名称相同');
    if (input.name !== u.name) {
      const taken = await changes.namesTaken(tx, u.parentId, [input.name], u.id);
      if (taken.length) throw nameClash(u.parentName, taken);
    }
    await changes.renameUnit(tx, u.id, input.name, shortName, u.name);
    await changes.renameTeam(tx, u.id, u.name, input.name);
    const details = { from: u.name, to: input.name, fromShortName: u.shortName, toShortName: shortName };
    await changes.insertChange(tx, { orgId: u.id, kind: 'rename', effectiveDate: input.effectiveDate, details, reason: input.reason ?? null, ...changeBy(actor) });
    await recordAudit(tx, actor, {
      action: 'org.rename', objectType: 'org', objectId: u.id, reason: input.reason ?? null,
      details: { from: u.name, to: input.name, effectiveDate: input.effectiveDate },
    }, deps.clock);
    return (await orgNode(tx, u.id, null))!;
  });
}

export async function moveOrg(deps: OrgsDeps, actor: Actor, id: string, input: OrgMoveBody): Promise<OrgNode> {
  checkDate(deps, input.effectiveDate);
  return write(deps, async (tx) => {
    const u = await unitToChange(tx, actor, id);
    notOwnRoot(actor, u, '调整隶属关系');
    const p = await changes.findUnit(tx, input.parentId, actor.scope);
    if (!p) throw new ServiceError('not_found', '新的上级单位不存在或不在管辖范围内', 'not_found', [{ path: 'parentId', message: '单位不存在或不在管辖范围内' }]);
    if (p.abolishedOn) throw invalid('parentId', `“${p.name}”已撤销，不能作为上级单位`);
    if (p.id === u.parentId) throw invalid('parentId', `“${u.name}”已隶属于“${p.name}”`);
    if (p.path.startsWith(u.path)) throw invalid('parentId', '不能把单位调整到它自己或它的下级单位之下');
    const taken = await changes.namesTaken(tx, p.id, [u.name], u.id);
    if (taken.length) throw nameClash(p.name, taken);
    const moved = await changes.moveSubtree(tx, u.id, u.path, p.id, `${p.path}${u.id}/`);
    const details = { fromParentId: u.parentId, fromParentName: u.parentName, toParentId: p.id, toParentName: p.name, units: moved };
    await changes.insertChange(tx, { orgId: u.id, kind: 'move', effectiveDate: input.effectiveDate, details, reason: input.reason ?? null, ...changeBy(actor) });
    await recordAudit(tx, actor, {
      action: 'org.move', objectType: 'org', objectId: u.id, reason: input.reason ?? null,
      details: { name: u.name, fromParentId: u.parentId, toParentId: p.id, toParentName: p.name, units: moved, effectiveDate: input.effectiveDate },
    }, deps.clock);
    return (await orgNode(tx, u.id, null))!;
  });
}

/**
 * Merges a unit into another: the merged unit is abolished on the effective date (merged_into the target) and
 * put under the target with its history; its living children move under the target; its cadres now belong to
 * the target; its team moves to the target when the target has none, else its members' open tenures end on
 * the effective date and re-open in the target's team (same title, 一把手, 分工 in force, rank). When both
 * teams have a 一把手, the target's stays the 一把手 and the incoming one joins with is_principal false (title
 * kept), so a team never has two; the change's details count them (`principalsJoined`; no names: the history
 * is org data, readable by a 系统管理员). A merge needs cadre:write besides org:write.
 */
export async function mergeOrg(deps: OrgsDeps, actor: Actor, id: string, input: OrgMergeBody): Promise<OrgNode> {
  checkDate(deps, input.effectiveDate);
  const on = input.effectiveDate;
  return write(deps, async (tx) => {
    const u = await unitToChange(tx, actor, id);
    notOwnRoot(actor, u, '合并');
    // A merge moves cadres and tenures: a people change, beyond the org tree a 系统管理员 keeps.
    if (!actor.permissions.has('cadre:write')) throw new ServiceError('forbidden', '合并会调整干部和任职，需由干部监督部门办理');
    const t = await changes.findUnit(tx, input.intoId, actor.scope);
    if (!t) throw new ServiceError('not_found', '并入的单位不存在或不在管辖范围内', 'not_found', [{ path: 'intoId', message: '单位不存在或不在管辖范围内' }]);
    if (t.id === u.id) throw invalid('intoId', '不能并入本单位');
    if (t.abolishedOn) throw invalid('intoId', `“${t.name}”已撤销，不能并入`);
    if (t.path.startsWith(u.path)) throw invalid('intoId', '不能并入本单位的下级单位');
    const above = await changes.cadresManagedAbove(tx, u.id, actor.scope);
    if (above) throw new ServiceError('forbidden', `“${u.name}”有${above}名干部属上级管理，需由上级组织部门合并`);

    const clash = new Set(await changes.livingChildNames(tx, t.id));
    const clashing = (await changes.livingChildNames(tx, u.id)).filter((n) => clash.has(n));
    if (clashing.length) throw nameClash(t.name, clashing);

    const fromTeam = await teamOfOrg(tx, u.id);
    const toTeam = await teamOfOrg(tx, t.id);
    const open = fromTeam ? await changes.openTenures(tx, fromTeam.id, on) : [];
    if (fromTeam && (open.length || !toTeam)) {
      for (const team of [fromTeam, toTeam]) {
        if (team && !(await isTeamManaged(tx, team.id, actor.scope))) throw new ServiceError('forbidden', `“${team.name}”属上级管理，需由上级组织部门合并`);
      }
    }
    if (toTeam) {
      const late = open.filter((o) => o.startDate > on);
      if (late.length) throw invalid('effectiveDate', `${late.map((o) => `${o.cadreName}（${o.title}）的任职始于${o.startDate}`).join('、')}，晚于合并生效日期`);
    }

    // Abolished first: the unique name index covers living units only, so the merged unit may share a name.
    await changes.markAbolished(tx, u.id, on, t.id);
    const newPath = `${t.path}${u.id}/`;
    await changes.moveSubtree(tx, u.id, u.path, t.id, newPath);
    const children = await changes.moveChildren(tx, u.id, newPath, t.id, t.path);

    const at = deps.clock.now();
    const cadreIds = await changes.moveCadres(tx, u.id, t.id, at);
    for (const c of cadreIds) {
      await recordAudit(tx, actor, { action: 'cadre.org-merge', objectType: 'cadre', objectId: c, details: { fromOrgId: u.id, fromOrgName: u.name, toOrgId: t.id, toOrgName: t.name } }, deps.clock);
    }

    let team: 'none' | 'moved' | 'joined' = 'none';
    let demoted = 0;
    if (fromTeam && !toTeam) {
      await changes.moveTeam(tx, fromTeam.id, t.id, `${t.name}领导班子`);
      team = 'moved';
    } else if (fromTeam && toTeam) {
      team = 'joined';
      let hasPrincipal = (await changes.openTenures(tx, toTeam.id, on)).some((o) => o.isPrincipal);
      await changes.endTenures(tx, open.map((o) => o.id), on);
      for (const o of open) {
        const principal = o.isPrincipal && !hasPrincipal;
        if (o.isPrincipal && !principal) demoted++;
        hasPrincipal ||= principal;
        const newId = await changes.insertTenure(tx, toTeam.id, o, on, principal);
        await recordAudit(tx, actor, { action: 'tenure.end', objectType: 'tenure', objectId: o.id, details: { cadreId: o.cadreId, endDate: on, by: 'org.merge' } }, deps.clock);
        await recordAudit(tx, actor, {
          action: 'tenure.create', objectType: 'tenure', objectId: newId,
          details: { cadreId: o.cadreId, teamId: toTeam.id, title: o.title, isPrincipal: principal, by: 'org.merge', fromTenureId: o.id },
        }, deps.clock);
      }
    }

    const counts = { cadres: cadreIds.length, tenures: team === 'joined' ? open.length : 0, children, team, principalsJoined: demoted };
    const base = { reason: input.reason ?? null, effectiveDate: on, ...changeBy(actor) };
    await changes.insertChange(tx, { ...base, orgId: u.id, kind: 'merge', details: { intoId: t.id, intoName: t.name, ...counts } });
    await changes.insertChange(tx, { ...base, orgId: t.id, kind: 'merge', details: { fromId: u.id, fromName: u.name, ...counts } });
    await recordAudit(tx, actor, {
      action: 'org.merge', objectType: 'org', objectId: u.id, reason: input.reason ?? null,
      details: { name: u.name, intoId: t.id, intoName: t.name, effectiveDate: on, ...counts },
    }, deps.clock);
    await reevaluate(tx, deps.clock, { cadreIds: [...cadreIds, ...open.map((o) => o.cadreId)], teamIds: [fromTeam?.id, toTeam?.id] }, actor.login);
    return (await orgNode(tx, u.id, null))!;
  });
}

/** Abolishes a unit that holds nothing living any more (its cadres, team members and children moved or merged first). */
export async function abolishOrg(deps: OrgsDeps, actor: Actor, id: string, input: OrgAbolishBody): Promise<OrgNode> {
  checkDate(deps, input.effectiveDate);
  return write(deps, async (tx) => {
    const u = await unitToChange(tx, actor, id);
    notOwnRoot(actor, u, '撤销');
    const live = await changes.liveContents(tx, u.id, input.effectiveDate);
    const left = [
      live.cadres ? `在职干部${live.cadres}人` : '', live.tenures ? `现任班子成员${live.tenures}人` : '', live.children ? `未撤销的下级单位${live.children}个` : '',
    ].filter(Boolean);
    if (left.length) {
      throw new ServiceError('conflict', `“${u.name}”还有${left.join('、')}，请先将其调整或合并到其他单位后再撤销`, 'not_empty');
    }
    await changes.markAbolished(tx, u.id, input.effectiveDate, null);
    await changes.insertChange(tx, { orgId: u.id, kind: 'abolish', effectiveDate: input.effectiveDate, details: { name: u.name }, reason: input.reason ?? null, ...changeBy(actor) });
    await recordAudit(tx, actor, {
      action: 'org.abolish', objectType: 'org', objectId: u.id, reason: input.reason ?? null,
      details: { name: u.name, effectiveDate: input.effectiveDate },
    }, deps.clock);
    return (await orgNode(tx, u.id, null))!;
  });
}

/** A unit's dated changes, newest first (readable for an abolished unit too). */
export async function orgChanges(deps: OrgsDeps, actor: Actor, id: string): Promise<OrgChange[]> {
  return deps.db.tx(async (tx) => {
    if (!(await changes.findUnit(tx, id, actor.scope))) throw notFound('组织');
    return changes.listChanges(tx, id);
  });
}
