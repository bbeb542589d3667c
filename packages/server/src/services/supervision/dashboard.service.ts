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

/**
 * Open warnings by colour, by 区域 (the children of `root`, the most red first, at most 30) and by rule (the most
 * frequent first), summed from one breakdown of the area's open warnings.
 */
async function warningFigures(tx: Tx, area: repo.DashboardArea, root: string) {
  const cells = await repo.openWarningBreakdown(tx, area, root);
  const zero = (): repo.Count3 => ({ red: 0, yellow: 0, blue: 0 });
  const total = zero();
  const byChild = new Map<string, repo.Count3>();
  const byRule = new Map<string, repo.Count3>();
  const rootId = root.split('/').filter(Boolean).pop() ?? '';
  for (const c of cells) {
    const child = c.child || rootId;
    const k = c.colour;
    if (!(k in total)) continue;
    total[k] += n(c.n);
    for (const [m, key] of [[byChild, child], [byRule, c.rule]] as const) {
      const t = m.get(key) ?? zero();
      t[k] += n(c.n);
      m.set(key, t);
    }
  }
  const sum = (x: repo.Count3) => x.red + x.yellow + x.blue;
  const names = new Map((await repo.orgNames(tx, [...byChild.keys()])).map((o) => [o.id, o]));
  const areas = [...byChild]
    .flatMap(([id, c]) => {
      const o = names.get(id);
      return o ? [{ orgId: id, orgName: o.name, order: o.sort_order, ...c }] : [];
    })
    .sort((a, b) => b.red - a.red || sum(b) - sum(a) || a.order - b.order)
    .slice(0, 30)
    .map(({ order: _order, ...a }) => a);
  const rules = [...byRule]
    .sort((a, b) => sum(b[1]) - sum(a[1]) || a[0].localeCompare(b[0]))
    .map(([rule, c]) => ({ rule, ruleName: ruleName(rule), ...c }));
  return { warnings: total, warningsByArea: areas, warningsByRule: rules };
}

export async function dashboard(deps: RulesDeps, actor: Actor, q: DashboardQuery): Promise<DashboardView> {
  return deps.db.tx(async (tx) => {
    const asOf = todayOf(deps.clock);
    const year = q.year ?? Number(asOf.slice(0, 4));
    const s = await loadRuleSettings(tx);
    const root = await rootPath(tx, actor.scope, q.orgId);
    const area: repo.DashboardArea = { scope: actor.scope, orgId: q.orgId, path: q.orgId ? root : undefined };
    const ob = await repo.obligationFigures(tx, area, asOf, s.dueSoonDays, actor.userId, year);
    const warnings = await warningFigures(tx, area, root);
    const from = `${addMonths(asOf, -11).slice(0, 7)}-01`;
    const bySource = await repo.entriesBySource(tx, area, from, asOf);
    const depts = new Map([...DEFAULT_DEPARTMENTS, ...(await listDepartments(tx))].map((d) => [d.code, d.name]));
    const meetings = await repo.meetingFigures(tx, area, asOf);
    const cadence = meetings.find((r) => r.kind === 'cadence');

    return {
      asOf, year,
      obligations: { pending: n(ob?.pending), overdue: n(ob?.overdue), dueSoon: n(ob?.due_soon), mine: n(ob?.mine) },
      ...warnings,
      coverage: {
        training: { done: n(ob?.training_done), total: n(ob?.training_total) },
        research: { done: n(ob?.research_done), total: n(ob?.research_total) },
        talks: { done: n(ob?.talk_done), total: n(ob?.talk_total) },
      },
      entriesBySource: bySource.map((b) => ({ month: b.month, sourceDept: b.source_dept, deptName: depts.get(b.source_dept) ?? b.source_dept, count: n(b.count) })),
      meetingTasks: meetings.filter((r) => r.kind === 'task' && r.department_code)
        .map((r) => ({ departmentCode: r.department_code!, departmentName: depts.get(r.department_code!) ?? r.department_code!, open: n(r.open), overdue: n(r.overdue) }))
        .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.departmentCode.localeCompare(b.departmentCode)),
      meetingCadence: { nextDueOn: cadence?.next_due ?? null, overdue: n(cadence?.overdue), planned: n(cadence?.open) },
    };
  });
}
