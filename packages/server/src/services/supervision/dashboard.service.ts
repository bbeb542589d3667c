/**
 * 工作台: the reader's 待办, warnings by colour / 区域 / rule, coverage rates and entries by source — every
 * number one of the lists' filters, so the page can drill down to the records behind it.
 */
import { DEFAULT_DEPARTMENTS, addMonths, ruleName, type DashboardQuery, type DashboardView } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import * as repo from '../../repositories/dashboard.repository.ts';
import { listDepartments } from '../../repositories/users.repository.ts';
import { todayOf, type Actor, type Scope } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { loadRuleSettings } from './settings.ts';
import type { RulesDeps } from './warnings.service.ts';

const n = (v: unknown) => Number(v ?? 0);

/** The 区域 are the children of the chosen org (or of the jurisdiction root, or the top-level orgs). */
async function rootPath(tx: Tx, scope: Scope | null, orgId: string | undefined): Promise<string> {
  if (orgId) {
    const path = await repo.orgPathInScope(tx, orgId, scope);
    if (path === null) throw notFound('组织');
    return path;
  }
  return scope ? scope.path : '/';
}

export async function dashboard(deps: RulesDeps, actor: Actor, q: DashboardQuery): Promise<DashboardView> {
  return deps.db.tx(async (tx) => {
    const asOf = todayOf(deps.clock);
    const year = q.year ?? Number(asOf.slice(0, 4));
    const s = await loadRuleSettings(tx);
    const root = await rootPath(tx, actor.scope, q.orgId);
    const area: repo.DashboardArea = { scope: actor.scope, orgId: q.orgId };
    const ob = await repo.obligationCounts(tx, area, asOf, s.dueSoonDays, actor.userId);
    const wc = await repo.openWarningCounts(tx, area);
    const byArea = await repo.openWarningsByArea(tx, area, root);
    const byRule = await repo.openWarningsByRule(tx, area);
    const cov = await repo.obligationCoverage(tx, area, year);
    const coverage = (t: string) => {
      const c = cov.find((x) => x.type === t);
      return { done: n(c?.done), total: n(c?.total) };
    };

    const from = `${addMonths(asOf, -11).slice(0, 7)}-01`;
    const bySource = await repo.entriesBySource(tx, area, from, asOf);
    const depts = new Map([...DEFAULT_DEPARTMENTS, ...(await listDepartments(tx))].map((d) => [d.code, d.name]));

    return {
      asOf, year,
      obligations: { pending: n(ob?.pending), overdue: n(ob?.overdue), dueSoon: n(ob?.due_soon), mine: n(ob?.mine) },
      warnings: { red: n(wc?.red), yellow: n(wc?.yellow), blue: n(wc?.blue) },
      warningsByArea: byArea.map((a) => ({ orgId: a.org_id, orgName: a.org_name, red: n(a.red), yellow: n(a.yellow), blue: n(a.blue) })),
      warningsByRule: byRule.map((r) => ({ rule: r.rule, ruleName: ruleName(r.rule), red: n(r.red), yellow: n(r.yellow), blue: n(r.blue) })),
      coverage: { training: coverage('training'), research: coverage('research'), talks: coverage('talk') },
      entriesBySource: bySource.map((b) => ({ month: b.month, sourceDept: b.source_dept, deptName: depts.get(b.source_dept) ?? b.source_dept, count: n(b.count) })),
    };
  });
}
