/**
 * Acting on a 待办: 分派 to a colleague (notified in the bell), 办结 with a note where no record is needed,
 * 重新打开, the history of these, and who answers by default for an area's 待办. Each in one transaction,
 * audited; an obligation outside the actor's scope is a 404. 办结 and 重新打开 re-evaluate the subject so its
 * 义务逾期 follows at once.
 */
import {
  OBLIGATION_NAMES, type ObligationActionView, type ObligationAssignBody, type ObligationAssigneeView, type ObligationNoteBody,
  type ObligationResponsibleBody, type ObligationResponsibleView,
} from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import { notify } from '../../repositories/notifications.repository.ts';
import * as repo from '../../repositories/obligation-actions.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { reevaluate } from './evaluate.ts';
import type { RulesDeps } from './warnings.service.ts';

type Deps = Pick<RulesDeps, 'db' | 'clock'>;

async function target(tx: Tx, actor: Actor, id: string): Promise<repo.ObligationTarget> {
  const o = await repo.obligationInScope(tx, id, actor.scope);
  if (!o) throw notFound('待办');
  return o;
}

const invalid = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

/** The link a notification about this 待办 opens. */
export const obligationLink = (id: string) => `/obligations?id=${id}`;

export async function assignObligation(deps: Deps, actor: Actor, id: string, body: ObligationAssignBody): Promise<{ ok: true }> {
  return deps.db.tx(async (tx) => {
    const o = await target(tx, actor, id);
    const user = await repo.userCovering(tx, body.userId, o.org_path, { cadreId: o.cadre_id, teamId: o.team_id });
    if (!user) throw invalid('userId', '该用户不可用，或其管理范围不包含该待办的对象');
    const at = deps.clock.now();
    const note = body.note || null;
    const actionId = await repo.insertAction(tx, { obligationId: id, action: 'assign', userId: user.id, note, byId: actor.userId, byLogin: actor.login, at });
    await repo.assignObligation(tx, id, user.id);
    await notify(tx, [{
      userId: user.id, kind: 'assigned', title: `${actor.login ?? '系统'}分派给您的待办：${o.subject_name ?? ''} ${OBLIGATION_NAMES[o.type as keyof typeof OBLIGATION_NAMES] ?? ''}${note ? `（${note}）` : ''}`,
      link: obligationLink(id), dedupe: `assigned:${id}:${actionId}`,
    }], at);
    await recordAudit(tx, actor, { action: 'obligation.assign', objectType: 'obligation', objectId: id, details: { from: o.responsible_id, to: user.id, note } }, deps.clock);
    return { ok: true as const };
  });
}

export async function closeObligation(deps: Deps, actor: Actor, id: string, body: ObligationNoteBody): Promise<{ ok: true }> {
  return deps.db.tx(async (tx) => {
    const o = await target(tx, actor, id);
    if (o.done_on) throw new ServiceError('conflict', '该待办已有记录完成，无需办结');
    if (o.closed_on) throw new ServiceError('conflict', '该待办已办结');
    const at = deps.clock.now();
    await repo.insertAction(tx, { obligationId: id, action: 'close', userId: null, note: body.note, byId: actor.userId, byLogin: actor.login, at });
    await repo.closeObligation(tx, id, todayOf(deps.clock), actor.login, body.note);
    await reevaluateSubject(tx, deps, o, actor);
    await recordAudit(tx, actor, { action: 'obligation.close', objectType: 'obligation', objectId: id, details: { note: body.note } }, deps.clock);
    return { ok: true as const };
  });
}

export async function reopenObligation(deps: Deps, actor: Actor, id: string, body: ObligationNoteBody): Promise<{ ok: true }> {
  return deps.db.tx(async (tx) => {
    const o = await target(tx, actor, id);
    if (!o.closed_on) throw new ServiceError('conflict', '该待办未办结，无需重新打开');
    const at = deps.clock.now();
    await repo.insertAction(tx, { obligationId: id, action: 'reopen', userId: null, note: body.note, byId: actor.userId, byLogin: actor.login, at });
    await repo.reopenObligation(tx, id);
    await reevaluateSubject(tx, deps, o, actor);
    await recordAudit(tx, actor, { action: 'obligation.reopen', objectType: 'obligation', objectId: id, details: { note: body.note } }, deps.clock);
    return { ok: true as const };
  });
}

/** 办结 / 重新打开 change a fact of the rules (closedObligations): the subject's 义务逾期 follows in the same transaction. */
async function reevaluateSubject(tx: Tx, deps: Deps, o: repo.ObligationTarget, actor: Actor): Promise<void> {
  if (o.cadre_id || o.team_id) await reevaluate(tx, deps.clock, { cadreIds: [o.cadre_id], teamIds: [o.team_id] }, actor.login);
}

export async function obligationActions(deps: Deps, actor: Actor, id: string): Promise<ObligationActionView[]> {
  return deps.db.tx(async (tx) => {
    await target(tx, actor, id);
    const list = await repo.obligationActions(tx, id);
    await recordAudit(tx, actor, { action: 'obligation.actions', objectType: 'obligation', objectId: id }, deps.clock);
    return list.map((r) => ({
      id: r.id, action: r.action, userId: r.user_id, userName: r.user_name, note: r.note, byLogin: r.by_login, at: new Date(r.at).toISOString(),
    }));
  });
}

/** The users this 待办 may be given to (active, reading 待办, their scope covering its subject). */
export async function obligationAssignees(deps: Deps, actor: Actor, id: string, q: string | undefined): Promise<ObligationAssigneeView[]> {
  return deps.db.tx(async (tx) => {
    const o = await target(tx, actor, id);
    const list = await repo.usersCovering(tx, o.org_path, q, 50, { cadreId: o.cadre_id, teamId: o.team_id });
    return list.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name, scopeOrgName: u.scope_org_name }));
  });
}

/** The users who may answer for an area's 待办 (for the area setting's choice). */
export async function areaCandidates(deps: Deps, actor: Actor, orgId: string, q: string | undefined): Promise<ObligationAssigneeView[]> {
  return deps.db.tx(async (tx) => {
    const area = await repo.orgInScope(tx, orgId, actor.scope);
    if (!area) throw notFound('单位');
    const list = await repo.usersCovering(tx, area.path, q, 50);
    return list.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name, scopeOrgName: u.scope_org_name }));
  });
}

export async function listResponsibles(deps: Deps, actor: Actor): Promise<ObligationResponsibleView[]> {
  return deps.db.tx(async (tx) => {
    const list = await repo.responsibleSettings(tx, actor.scope);
    return list.map((r) => ({
      orgId: r.org_id, orgName: r.org_name, type: r.type as ObligationResponsibleView['type'], userId: r.user_id, userName: r.user_name,
      login: r.login, setByLogin: r.set_by_login, setAt: new Date(r.set_at).toISOString(),
    }));
  });
}

/** Sets (or clears) who answers by default for an area's 待办; the open unassigned ones under it follow at once. */
export async function setResponsible(deps: Deps, actor: Actor, body: ObligationResponsibleBody): Promise<{ updated: number }> {
  return deps.db.tx(async (tx) => {
    const area = await repo.orgInScope(tx, body.orgId, actor.scope);
    if (!area) throw notFound('单位');
    if (body.userId && !(await repo.userCovering(tx, body.userId, area.path))) {
      throw invalid('userId', '该用户不可用，或其管理范围不包含该区域');
    }
    await repo.insertResponsible(tx, { orgId: area.id, type: body.type ?? null, userId: body.userId, setBy: actor.userId, setByLogin: actor.login, at: deps.clock.now() });
    const updated = await repo.recomputeResponsibleUnder(tx, area.id);
    await recordAudit(tx, actor, {
      action: 'obligation.responsible', objectType: 'org', objectId: area.id, details: { type: body.type ?? null, userId: body.userId, updated },
    }, deps.clock);
    return { updated };
  });
}
