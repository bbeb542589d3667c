/**
 * A warning's 处置 with a follow-up (谈话提醒 / 函询 / 诫勉 / 转联席会议 / 其他): one transaction writes the
 * append-only `warning_followup`, the warning's event, marks it 已处置, puts the subject on the convener's
 * agenda (转联席会议), audits and re-evaluates the subject (a 谈话提醒 is a rules fact: it raises a talk
 * obligation). 函询 / 诫勉 are recorded after their 约谈诫勉 entry is saved, naming it.
 */
import {
  ENTRY_KIND, FOLLOWUP_ENTRY_FORM, FOLLOWUP_NAMES, type AgendaList, type FollowupAction, type WarningFollowupBody, type WarningFollowupView,
} from '@jiandu/domain';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/followups.repository.ts';
import * as warningsRepo from '../../repositories/warnings.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { reevaluate } from './evaluate.ts';
import type { RulesDeps } from './warnings.service.ts';

type Deps = Pick<RulesDeps, 'db' | 'clock'>;

const iso = (d: Date | string) => new Date(d).toISOString();
const invalid = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

function followupView(r: repo.FollowupRow): WarningFollowupView {
  const action = r.action as FollowupAction;
  return {
    id: r.id, warningId: r.warning_id, action, actionName: FOLLOWUP_NAMES[action] ?? r.action, onDate: r.on_date, note: r.note,
    entryId: r.entry_id, byLogin: r.by_login, at: iso(r.at),
  };
}

export async function listFollowups(deps: Deps, actor: Actor, warningId: string): Promise<WarningFollowupView[]> {
  return deps.db.tx(async (tx) => {
    const [w] = await warningsRepo.listWarnings(tx, { ids: [warningId], view: 'all' }, actor.scope, null, 1);
    if (!w) throw notFound('预警');
    return (await repo.followupsOf(tx, warningId)).map(followupView);
  });
}

export async function recordFollowup(deps: Deps, actor: Actor, warningId: string, body: WarningFollowupBody): Promise<WarningFollowupView> {
  const note = body.note?.trim() || null;
  const form = FOLLOWUP_ENTRY_FORM[body.action];
  if (form && !body.entryId) throw invalid('entryId', `请先登记${form}记录（约谈诫勉，方式为${form}）`);
  if (!form && body.entryId) throw invalid('entryId', '只有函询、诫勉需关联台账记录');
  if (body.action === 'other' && !note) throw invalid('note', '选择“其他”须填写处置情况');
  return deps.db.tx(async (tx) => {
    const [w] = await warningsRepo.listWarnings(tx, { ids: [warningId], view: 'all' }, actor.scope, null, 1);
    if (!w) throw notFound('预警');
    if (form) {
      const e = await repo.entryForFollowup(tx, body.entryId!, actor.scope);
      if (!e || e.status === 'withdrawn') throw invalid('entryId', '关联的台账记录不存在、已撤销或不在您的管辖范围内');
      if (e.kind !== ENTRY_KIND.admonition || e.form !== form) throw invalid('entryId', `关联的记录不是${form}记录（约谈诫勉，方式为${form}）`);
      if (e.cadre_id !== w.cadre_id || e.team_id !== w.team_id) throw invalid('entryId', '关联的记录与预警对象不一致');
    }
    const now = deps.clock.now().toISOString();
    const subject = { subjectType: w.subject_type, cadreId: w.cadre_id, teamId: w.team_id, orgId: w.org_id };
    let agendaItemId: string | null = null;
    if (body.action === 'meeting') {
      const convener = await repo.convenerOf(tx, w.org_id);
      if (!convener) throw invalid('action', `未找到${w.org_name}的联席会议召集单位（未设置干部管理权限所在的组织部），无法转联席会议`);
      agendaItemId = await repo.insertAgendaItem(tx, {
        ...subject, convenerId: convener.id, warningId, reason: note ?? w.explanation, addedBy: actor.userId, addedByLogin: actor.login, at: now,
      });
    }
    const id = await repo.insertFollowup(tx, {
      ...subject, warningId, action: body.action, onDate: todayOf(deps.clock), note, entryId: body.entryId ?? null,
      byId: actor.userId, byLogin: actor.login, at: now,
    });
    const reason = `${FOLLOWUP_NAMES[body.action]}${note ? `：${note}` : ''}`;
    await repo.insertFollowupEvent(tx, warningId, w.colour, w.status, reason, actor.login, now);
    // 已处置 follows the follow-up in the history (a millisecond later, so the two never swap places).
    const handledAt = new Date(deps.clock.now().getTime() + 1).toISOString();
    if (w.status !== 'handled') await warningsRepo.setWarningStatus(tx, [warningId], 'handled', reason, actor, handledAt);
    await recordAudit(tx, actor, {
      action: 'warning.followup', objectType: 'warning', objectId: warningId, reason: note,
      details: { action: body.action, entryId: body.entryId ?? null, agendaItemId },
    }, deps.clock);
    await reevaluate(tx, deps.clock, { cadreIds: [w.cadre_id], teamIds: [w.team_id] }, actor.login);
    const [row] = (await repo.followupsOf(tx, warningId)).filter((r) => r.id === id);
    return followupView(row!);
  });
}

/** 待上会议题: subjects put on a convener's agenda and not yet taken up by a meeting, in scope. */
export async function openAgenda(deps: Deps, actor: Actor): Promise<AgendaList> {
  return deps.db.tx(async (tx) => {
    const found = await repo.openAgenda(tx, actor.scope, 500);
    const total = found.length < 500 ? found.length : await repo.countOpenAgenda(tx, actor.scope);
    await recordAudit(tx, actor, { action: 'meeting.agenda', objectType: 'meeting', objectId: null, details: { returned: found.length } }, deps.clock);
    return {
      total,
      items: found.map((r) => ({
        id: r.id, convenerId: r.convener_id, convenerName: r.convener_name, subjectType: r.subject_type, cadreId: r.cadre_id, cadreName: r.cadre_name,
        teamId: r.team_id, teamName: r.team_name, orgId: r.org_id, orgName: r.org_name, warningId: r.warning_id, reason: r.reason,
        addedByLogin: r.added_by_login, addedAt: iso(r.added_at),
      })),
    };
  });
}
