/**
 * The 工作台's warning and obligation summaries (`warning_area_count`, `obligation_area_count`, migration 0033)
 * count what the tables hold: after an evaluation, warnings read / handled / cleared, obligations done and 办结,
 * a unit moved to another county and the hourly fold — and the 工作台 over HTTP (the summaries at a city and a
 * county chosen there) says the same as a count of the tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../support/app.ts';
import { rows } from '../../src/db/client.ts';
import { generateSeedData, type SeedData } from '../../src/seed/generator.ts';
import { insertSeedData } from '../../src/seed/insert.ts';
import { systemActor, todayOf } from '../../src/context.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { startFullEvaluation } from '../../src/services/supervision/jobs.ts';
import { moveOrg } from '../../src/services/org-changes.service.ts';
import { compactDashboardCounts } from '../../src/repositories/dashboard.repository.ts';

let ctx: TestContext;
let data: SeedData;
const actor = { ...systemActor('test'), roles: ['supervisor' as const] };
const pathOf = (id: string) => data.orgs.find((o) => o.id === id)!.path;

/** key → count from the summaries for `areaId` and from the tables for the subtree at its path. */
async function both(areaId: string) {
  const path = pathOf(areaId);
  const q = (s: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<{ k: string; n: number }>(tx, s))
    .then((r) => Object.fromEntries(r.map((x) => [x.k, Number(x.n)])));
  return {
    warnings: await q(sql`select rule || '|' || colour as k, sum(n)::int as n from warning_area_count where area_id = ${areaId}::uuid
      group by 1 having sum(n) <> 0 order by 1`),
    warningScan: await q(sql`select w.rule || '|' || w.colour as k, count(*)::int as n from warning w join org o on o.id = w.org_id
      where w.active and w.status in ('new','read') and o.path like ${path + '%'} group by 1 order by 1`),
    obligations: await q(sql`select type || '|' || due_on || '|' || open || '|' || done as k, sum(n)::int as n from obligation_area_count
      where area_id = ${areaId}::uuid group by 1 having sum(n) <> 0 order by 1`),
    obligationScan: await q(sql`select b.type || '|' || b.due_on || '|' || (b.done_on is null and b.closed_on is null) || '|' || (b.done_on is not null) as k,
      count(*)::int as n from obligation b join org o on o.id = b.org_id where b.active and o.path like ${path + '%'} group by 1 order by 1`),
  };
}

async function expectSame(...areas: string[]) {
  for (const a of areas) {
    const r = await both(a);
    expect(Object.keys(r.warningScan).length, a).toBeGreaterThan(0);
    expect(Object.keys(r.obligationScan).length, a).toBeGreaterThan(0);
    expect(r.warnings, a).toEqual(r.warningScan);
    expect(r.obligations, a).toEqual(r.obligationScan);
  }
}

const city = () => data.cities[0]!;
const countyA = () => city().counties[0]!;
const countyB = () => city().counties[1]!;

beforeAll(async () => {
  ctx = await createTestContext();
  data = generateSeedData({ seed: 42, cadres: 300, asOf: todayOf(ctx.clock) });
  await insertSeedData(ctx.deps, data, { actor: systemActor('test:seed'), entriesPerCadre: 20 });
  await startFullEvaluation(ctx.deps, null, 'test');
  await drainJobs();
}, 180_000);

describe('warning_area_count and obligation_area_count', () => {
  it('count the evaluated warnings and obligations of the city and its counties', async () => {
    await expectSame(city().rootId, countyA().orgId, countyB().orgId);
  });

  it('follow status changes, clearing, obligations done and 办结, a unit moved, and the fold', async () => {
    const inCounty = (t: 'warning' | 'obligation') => sql`(select x.id from ${t === 'warning' ? sql`warning` : sql`obligation`} x join org o on o.id = x.org_id
      where x.active and o.path like ${pathOf(countyA().orgId) + '%'} order by x.id limit 3)`;
    await ctx.db.tx((tx) => tx.execute(sql`update warning set status = 'read' where id in ${inCounty('warning')}`));
    await ctx.db.tx((tx) => tx.execute(sql`update warning set status = 'handled' where id in (select id from warning where active and status = 'new' order by id limit 4)`));
    await ctx.db.tx((tx) => tx.execute(sql`update warning set active = false where id in (select id from warning where active and status = 'new' order by id desc limit 2)`));
    await ctx.db.tx((tx) => tx.execute(sql`update obligation set done_on = ${todayOf(ctx.clock)} where id in ${inCounty('obligation')} and done_on is null`));
    await ctx.db.tx((tx) => tx.execute(sql`update obligation set closed_on = ${todayOf(ctx.clock)} where id in (select id from obligation where active and done_on is null and closed_on is null order by id desc limit 3)`));
    await expectSame(city().rootId, countyA().orgId, countyB().orgId);

    // A unit with open warnings moves to the other county.
    const [u] = await ctx.db.tx((tx) => rows<{ id: string }>(tx, sql`select o.id from org o join warning w on w.org_id = o.id
      where w.active and o.parent_id = ${countyA().orgId}::uuid and exists (select 1 from obligation b where b.org_id = o.id and b.active)
      group by o.id order by count(*) desc limit 1`));
    expect(u).toBeDefined();
    await moveOrg({ db: ctx.db, clock: ctx.clock, crypto: ctx.deps.crypto, pbkdf2Iterations: 1000 } as never, actor, u!.id,
      { parentId: countyB().orgId, effectiveDate: todayOf(ctx.clock), reason: '区划调整' });
    const [{ path: moved }] = await ctx.db.tx((tx) => rows<{ path: string }>(tx, sql`select path from org where id = ${u!.id}::uuid`)) as [{ path: string }];
    expect(moved.startsWith(pathOf(countyB().orgId))).toBe(true);
    await expectSame(city().rootId, countyA().orgId, countyB().orgId);

    const count = () => ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select (select count(*) from warning_area_count) + (select count(*) from obligation_area_count) as n`));
    const [before] = await count();
    await ctx.db.tx((tx) => compactDashboardCounts(tx));
    const [after] = await count();
    expect(Number(after!.n)).toBeLessThan(Number(before!.n));
    await expectSame(city().rootId, countyA().orgId, countyB().orgId);
  });

  it('gives the 工作台 the tables\' numbers: a city and a county chosen there', async () => {
    const asOf = todayOf(ctx.clock);
    const sup = await ctx.loginAs('supervisor', { scopeOrgId: city().rootId });
    const expected = async (path: string) => {
      const [w] = await ctx.db.tx((tx) => rows<Record<string, number>>(tx, sql`select count(*) filter (where w.colour = 'red')::int as red,
        count(*) filter (where w.colour = 'yellow')::int as yellow, count(*) filter (where w.colour = 'blue')::int as blue
        from warning w join org o on o.id = w.org_id where w.active and w.status in ('new','read') and o.path like ${path + '%'}`));
      const byArea = await ctx.db.tx((tx) => rows<{ org_id: string; red: number; yellow: number; blue: number }>(tx, sql`
        select c.id as org_id, count(*) filter (where w.colour = 'red')::int as red, count(*) filter (where w.colour = 'yellow')::int as yellow,
               count(*) filter (where w.colour = 'blue')::int as blue
        from warning w join org o on o.id = w.org_id
          join org c on o.path like c.path || '%' and c.parent_id = (select id from org where path = ${path})
        where w.active and w.status in ('new','read') group by 1`));
      const [b] = await ctx.db.tx((tx) => rows<Record<string, number>>(tx, sql`select
        count(*) filter (where b.done_on is null and b.closed_on is null and b.due_on >= ${asOf})::int as pending,
        count(*) filter (where b.done_on is null and b.closed_on is null and b.due_on < ${asOf})::int as overdue,
        count(*) filter (where b.done_on is null and b.closed_on is null and b.responsible_id = ${sup.id}::uuid)::int as mine
        from obligation b join org o on o.id = b.org_id where b.active and o.path like ${path + '%'}`));
      return { w, byArea: Object.fromEntries(byArea.map((a) => [a.org_id, { red: a.red, yellow: a.yellow, blue: a.blue }])), b };
    };
    for (const [url, path] of [['/api/dashboard', pathOf(city().rootId)], [`/api/dashboard?orgId=${countyB().orgId}`, pathOf(countyB().orgId)]] as const) {
      const view = (await ctx.call('GET', url, sup.cookie)).json();
      const e = await expected(path);
      expect(view.warnings).toEqual(e.w);
      expect(view.warnings.red + view.warnings.yellow + view.warnings.blue).toBeGreaterThan(0);
      expect({ pending: view.obligations.pending, overdue: view.obligations.overdue, mine: view.obligations.mine }).toEqual(e.b);
      const rootId = path.split('/').at(-2);
      const areas = Object.fromEntries(view.warningsByArea.filter((a: { orgId: string }) => a.orgId !== rootId)
        .map((a: { orgId: string; red: number; yellow: number; blue: number }) => [a.orgId, { red: a.red, yellow: a.yellow, blue: a.blue }]));
      expect(areas).toEqual(e.byArea);
      const byRule = view.warningsByRule.reduce((s: number, r: { red: number; yellow: number; blue: number }) => s + r.red + r.yellow + r.blue, 0);
      expect(byRule).toBe(e.w!.red! + e.w!.yellow! + e.w!.blue!);
    }
  });
});
