/**
 * The top of a cadre's profile and of a team's page (issue 12 §4): the verdict first. A cadre: 使用资格 with
 * the day it may change, open warnings by colour, an impact period running, open 待办. A team: open warnings,
 * the year's research, open 待办. Each part only for a reader with its right; scoped (404 outside the
 * scope) and audited as the reads they summarise are.
 */
import type { CadreSummaryView, Permission, PrintBody, TeamSummaryView } from '@jiandu/domain';
import { recordAudit, recordAuditAlone } from '../../repositories/audit.repository.ts';
import { findCadreInScope } from '../../repositories/cadres.repository.ts';
import { teamInScope } from '../../repositories/orgs.repository.ts';
import { openObligationCounts, openWarningCounts, researchOfYear } from '../../repositories/summary.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { notFound, ServiceError } from '../../errors.ts';
import { verdictOf } from './eligibility.service.ts';
import type { RulesDeps } from './warnings.service.ts';

/** The rules of an impact period (处分 / 组织处理, 诫勉): domain/supervision/eligibility.ts. */
const IMPACT_RULES = new Set(['影响期内', '诫勉影响期内']);

const latest = (days: string[]) => days.reduce((a, b) => (b > a ? b : a));

export async function cadreSummary(deps: RulesDeps, actor: Actor, cadreId: string): Promise<CadreSummaryView> {
  const can = (p: Permission) => actor.permissions.has(p);
  const asOf = todayOf(deps.clock);
  return deps.db.tx(async (tx) => {
    if (!(await findCadreInScope(tx, cadreId, actor.scope))) throw notFound('干部');
    const verdict = can('eligibility:read') || can('warning:read') ? await verdictOf(tx, cadreId, asOf) : null;
    const impactReasons = verdict?.reasons.filter((r) => IMPACT_RULES.has(r.rule) && r.until) ?? [];
    const impact = impactReasons.length > 0
      ? impactReasons.reduce((a, b) => (b.until! > a.until! ? b : a))
      : null;
    const untils = verdict?.reasons.map((r) => r.until) ?? [];
    const view: CadreSummaryView = {
      cadreId, asOf,
      eligibility: verdict && can('eligibility:read') ? {
        result: verdict.result,
        rules: [...new Set(verdict.reasons.map((r) => r.rule))],
        until: untils.length > 0 && untils.every((u): u is string => !!u) ? latest(untils) : null,
      } : null,
      warnings: can('warning:read') ? await openWarningCounts(tx, { cadreId }) : null,
      impact: impact ? { rule: impact.rule, until: impact.until! } : null,
      obligations: can('obligation:read') ? await openObligationCounts(tx, { cadreId }, asOf) : null,
    };
    await recordAudit(tx, actor, {
      action: 'cadre.summary', objectType: 'cadre', objectId: cadreId,
      details: { result: view.eligibility?.result ?? null, red: view.warnings?.red ?? null, yellow: view.warnings?.yellow ?? null },
    }, deps.clock);
    return view;
  });
}

export async function teamSummary(deps: RulesDeps, actor: Actor, teamId: string): Promise<TeamSummaryView> {
  const can = (p: Permission) => actor.permissions.has(p);
  const asOf = todayOf(deps.clock);
  return deps.db.tx(async (tx) => {
    if (!(await teamInScope(tx, teamId, actor.scope))) throw notFound('领导班子');
    const research = can('obligation:read') ? await researchOfYear(tx, teamId, Number(asOf.slice(0, 4))) : null;
    const view: TeamSummaryView = {
      teamId, asOf,
      warnings: can('warning:read') ? await openWarningCounts(tx, { teamId }) : null,
      research: research ? {
        state: research.done_on ? 'done' : research.due_on < asOf ? 'overdue' : 'pending',
        dueOn: research.due_on, doneOn: research.done_on,
      } : null,
      obligations: can('obligation:read') ? await openObligationCounts(tx, { teamId }, asOf) : null,
    };
    await recordAudit(tx, actor, { action: 'team.summary', objectType: 'team', objectId: teamId }, deps.clock);
    return view;
  });
}

/** The right each printed page needs (the same as reading it). */
const PRINT_RIGHT: Record<PrintBody['page'], Permission> = {
  cadre: 'cadre:read', team: 'org:read', ledger: 'entry:read', warnings: 'warning:read', obligations: 'obligation:read',
  meetings: 'meeting:read', 'meeting-tasks': 'meeting:read',
};

/** 打印: recorded in the audit log like an export (what, which subject or filters, how many rows). */
export async function recordPrint(deps: Pick<RulesDeps, 'db' | 'clock'>, actor: Actor, body: PrintBody): Promise<void> {
  if (!actor.permissions.has(PRINT_RIGHT[body.page])) throw new ServiceError('forbidden', '没有查看此页面的权限，不能打印');
  await recordAuditAlone(deps.db, actor, {
    action: `print.${body.page}`, objectType: body.page === 'cadre' ? 'cadre' : body.page === 'team' ? 'team' : 'list',
    objectId: body.objectId, details: { rows: body.rows ?? null, filters: body.filters ?? null },
  }, deps.clock);
}
