/**
 * 工作台: the reader's 待办, warnings by colour / 区域 / rule, coverage rates and entries by source — every
 * number one of the lists' filters, so the page can drill down to the records behind it.
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_DEPARTMENTS, ruleName, type DashboardQuery, type DashboardView } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';
import { addMonths } from '@jiandu/domain';
import { inScope, inSubtree, subjectManaged } from '../../repositories/orgs.repository.ts';
import { listDepartments } from '../../repositories/users.repository.ts';
import type { Actor, Scope } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { today } from '../orgs.service.ts';
import { loadRuleSettings } from './settings.ts';
import type { RulesDeps } from './warnings.service.ts';

type Count3 = { red: number; yellow: number; blue: number };
const n = (v: unknown) => Number(v ?? 0);

/** The 区域 are the children of the chosen org (or of the jurisdiction root, or the top-level orgs). */
async function rootPath(tx: Tx, scope: Scope | null, orgId: string | undefined): Promise<string> {
  if (orgId) {
    const [r] = await rows<{ path: string }>(tx, sql`select o.path from org o where o.id = ${orgId} and ${inScope(sql`o.path`, scope)}`);
    if (!r) throw notFound('组织');
    return r.path;
  }
  return scope ? scope.path : '/';
}

export async function dashboard(deps: RulesDeps, actor: Actor, q: DashboardQuery): Promise<DashboardView> {
  return deps.db.tx(async (tx) => {
    const asOf = today(deps.clock);
    const year = q.year ?? Number(asOf.slice(0, 4));
    const s = await loadRuleSettings(tx);
    const root = await rootPath(tx, actor.scope, q.orgId);
    const inArea = sql`${inScope(sql`o.path`, actor.scope)} and ${inSubtree(sql`o.path`, q.orgId)}`;
    // Subjects of the lists: b (obligation), w (warning), h (entry_head), each with cadre_id and team_id (干部管理权限).
    const subjects = { b: [sql`b.cadre_id`, sql`b.team_id`], w: [sql`w.cadre_id`, sql`w.team_id`], h: [sql`h.cadre_id`, sql`h.team_id`] } as const;
    const where = (a: keyof typeof subjects) => sql`${inArea} and ${subjectManaged(subjects[a][0], subjects[a][1], actor.scope)}`;

    const [ob] = await rows<{ pending: number; overdue: number; due_soon: number }>(tx, sql`
      select count(*) filter (where b.due_on >= ${asOf}) as pending, count(*) filter (where b.due_on < ${asOf}) as overdue,
             count(*) filter (where b.due_on >= ${asOf} and b.due_on <= ${asOf}::date + ${s.dueSoonDays}::int) as due_soon
      from obligation b join org o on o.id = b.org_id where b.active and b.done_on is null and ${where('b')}`);

    const open = sql`w.active and w.status in ('new','read') and ${where('w')}`;
    const [wc] = await rows<Count3>(tx, sql`
      select count(*) filter (where w.colour = 'red') as red, count(*) filter (where w.colour = 'yellow') as yellow,
             count(*) filter (where w.colour = 'blue') as blue
      from warning w join org o on o.id = w.org_id where ${open}`);
    const byArea = await rows<Count3 & { org_id: string; org_name: string }>(tx, sql`
      with x as (
        select split_part(substr(o.path, ${root.length + 1}), '/', 1) as child, w.colour
        from warning w join org o on o.id = w.org_id where ${open})
      select a.id as org_id, a.name as org_name, count(*) filter (where x.colour = 'red') as red,
             count(*) filter (where x.colour = 'yellow') as yellow, count(*) filter (where x.colour = 'blue') as blue
      from x join org a on a.id::text = coalesce(nullif(x.child, ''), ${root.split('/').filter(Boolean).pop() ?? ''})
      group by a.id, a.name, a.sort_order order by count(*) filter (where x.colour = 'red') desc, count(*) desc, a.sort_order limit 30`);
    const byRule = await rows<Count3 & { rule: string }>(tx, sql`
      select w.rule, count(*) filter (where w.colour = 'red') as red, count(*) filter (where w.colour = 'yellow') as yellow,
             count(*) filter (where w.colour = 'blue') as blue
      from warning w join org o on o.id = w.org_id where ${open} group by w.rule order by count(*) desc`);

    const cov = await rows<{ type: string; done: number; total: number }>(tx, sql`
      select b.type, count(*) filter (where b.done_on is not null) as done, count(*) as total
      from obligation b join org o on o.id = b.org_id
      where b.active and b.type in ('training','research','talk') and extract(year from b.due_on) = ${year} and ${where('b')}
      group by b.type`);
    const coverage = (t: string) => {
      const c = cov.find((x) => x.type === t);
      return { done: n(c?.done), total: n(c?.total) };
    };

    const from = `${addMonths(asOf, -11).slice(0, 7)}-01`;
    const bySource = await rows<{ month: string; source_dept: string; count: number }>(tx, sql`
      select to_char(h.occurred_on, 'YYYY-MM') as month, h.source_dept, count(*) as count
      from entry_head h join org o on o.id = h.org_id
      where h.status = 'accepted' and h.occurred_on >= ${from} and h.occurred_on <= ${asOf} and ${where('h')}
      group by 1, 2 order by 1, 2`);
    const depts = new Map([...DEFAULT_DEPARTMENTS, ...(await listDepartments(tx))].map((d) => [d.code, d.name]));

    return {
      asOf, year,
      obligations: { pending: n(ob?.pending), overdue: n(ob?.overdue), dueSoon: n(ob?.due_soon) },
      warnings: { red: n(wc?.red), yellow: n(wc?.yellow), blue: n(wc?.blue) },
      warningsByArea: byArea.map((a) => ({ orgId: a.org_id, orgName: a.org_name, red: n(a.red), yellow: n(a.yellow), blue: n(a.blue) })),
      warningsByRule: byRule.map((r) => ({ rule: r.rule, ruleName: ruleName(r.rule), red: n(r.red), yellow: n(r.yellow), blue: n(r.blue) })),
      coverage: { training: coverage('training'), research: coverage('research'), talks: coverage('talk') },
      entriesBySource: bySource.map((b) => ({ month: b.month, sourceDept: b.source_dept, deptName: depts.get(b.source_dept) ?? b.source_dept, count: n(b.count) })),
    };
  });
}
