/**
 * The 工作台's entry summary (`entry_area_month`, migration 0028) counts what the ledger holds: after the seed,
 * new entries, withdrawals, a unit moved to another county and the hourly fold — and the 工作台 over HTTP says
 * the same as a count of the ledger for a city, a county and a county's own supervisor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addMonths } from '@jiandu/domain';
import { createTestContext, type TestContext } from '../support/app.ts';
import { rows } from '../../src/db/client.ts';
import { generateSeedData, type SeedData } from '../../src/seed/generator.ts';
import { insertSeedData } from '../../src/seed/insert.ts';
import { systemActor, todayOf } from '../../src/context.ts';
import { createEntry, withdrawEntry } from '../../src/services/entries.service.ts';
import { moveOrg } from '../../src/services/org-changes.service.ts';
import { compactEntryAreaMonth } from '../../src/repositories/dashboard.repository.ts';

let ctx: TestContext;
let data: SeedData;
const actor = { ...systemActor('test'), roles: ['supervisor' as const] };

/** month|source → count, from the summary for `areaId` and from the ledger for the subtree at `path`. */
async function both(areaId: string) {
  const [{ path }] = await ctx.db.tx((tx) => rows<{ path: string }>(tx, sql`select path from org where id = ${areaId}::uuid`)) as [{ path: string }];
  const summary = await ctx.db.tx((tx) => rows<{ k: string; n: number }>(tx, sql`
    select to_char(month, 'YYYY-MM') || '|' || source_dept as k, sum(n)::int as n from entry_area_month where area_id = ${areaId}::uuid
    group by 1 having sum(n) <> 0 order by 1`));
  const ledger = await ctx.db.tx((tx) => rows<{ k: string; n: number }>(tx, sql`
    select to_char(h.occurred_on, 'YYYY-MM') || '|' || h.source_dept as k, count(*)::int as n
    from entry_head h join org o on o.id = h.org_id where h.status = 'accepted' and o.path like ${path + '%'} group by 1 order by 1`));
  return { summary: Object.fromEntries(summary.map((r) => [r.k, r.n])), ledger: Object.fromEntries(ledger.map((r) => [r.k, r.n])) };
}

async function expectSame(...areas: string[]) {
  for (const a of areas) {
    const { summary, ledger } = await both(a);
    expect(Object.keys(ledger).length).toBeGreaterThan(0);
    expect(summary, a).toEqual(ledger);
  }
}

const city = () => data.cities[0]!;
const countyA = () => city().counties[0]!;
const countyB = () => city().counties[1]!;

beforeAll(async () => {
  ctx = await createTestContext();
  data = generateSeedData({ seed: 42, cadres: 300, asOf: todayOf(ctx.clock) });
  await insertSeedData(ctx.deps, data, { actor: systemActor('test:seed'), entriesPerCadre: 20 });
}, 120_000);

describe('entry_area_month', () => {
  it('counts the seeded ledger for the city, its counties and the units under the city', async () => {
    const cityUnit = data.orgs.find((o) => o.parentId === city().rootId && o.level === '市级')!;
    await expectSame(city().rootId, countyA().orgId, countyB().orgId, cityUnit.id);
  });

  it('follows new entries, withdrawals and a unit moved to another county', async () => {
    const unit = data.orgs.find((o) => o.parentId === countyA().orgId && o.level === '乡级')!;
    const cadre = data.cadres.find((c) => c.orgId === unit.id)!;
    const deps = { db: ctx.db, clock: ctx.clock, crypto: ctx.deps.crypto };
    const created: string[] = [];
    for (const on of [todayOf(ctx.clock), addMonths(todayOf(ctx.clock), -3)]) {
      created.push((await createEntry(deps, actor, 'supervisor', {
        kind: 'xfjb', sourceDept: 'xf', cadreId: cadre.id, occurredOn: on, summary: '汇总测试信访件', sensitivity: '一般',
        details: { channel: '来信', realName: true, status: '核查中' },
      } as never)).entryId);
    }
    await expectSame(city().rootId, countyA().orgId);
    await withdrawEntry(deps, actor, 'supervisor', created[1]!, 1, '录入有误');
    await expectSame(city().rootId, countyA().orgId);

    await moveOrg({ ...deps, pbkdf2Iterations: 1000 } as never, actor, unit.id, { parentId: countyB().orgId, effectiveDate: todayOf(ctx.clock), reason: '区划调整' });
    await expectSame(city().rootId, countyA().orgId, countyB().orgId);

    const [before] = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from entry_area_month`));
    await ctx.db.tx((tx) => compactEntryAreaMonth(tx));
    const [after] = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from entry_area_month`));
    expect(after!.n).toBeLessThan(before!.n);
    await expectSame(city().rootId, countyA().orgId, countyB().orgId);
  });

  it('gives the 工作台 the ledger\'s numbers: a city, a county chosen there, a county supervisor', async () => {
    const asOf = todayOf(ctx.clock);
    const from = `${addMonths(asOf, -11).slice(0, 7)}-01`;
    const expected = async (path: string, countyOnly: boolean) => {
      const r = await ctx.db.tx((tx) => rows<{ month: string; source_dept: string; n: number }>(tx, sql`
        select to_char(h.occurred_on, 'YYYY-MM') as month, h.source_dept, count(*)::int as n
        from entry_head h join org o on o.id = h.org_id left join cadre c on c.id = h.cadre_id
        where h.status = 'accepted' and h.occurred_on >= ${from}::date and h.occurred_on <= ${asOf}::date and o.path like ${path + '%'}
          and (${!countyOnly} or c.id is null or c.manage_level = '县管')
          and (${!countyOnly} or h.team_id is null or h.team_id not in (select t.id from team t join org m on m.id = t.org_id join org g on g.id = m.managed_by where g.path not like ${path + '%'}))
        group by 1, 2 order by 1, 2`));
      return r.map((x) => ({ month: x.month, sourceDept: x.source_dept, count: x.n }));
    };
    const pathOf = (id: string) => data.orgs.find((o) => o.id === id)!.path;
    const sup = (await ctx.loginAs('supervisor', { scopeOrgId: city().rootId })).cookie;
    const view = (url: string, cookie: string) => ctx.call('GET', url, cookie).then((r) => r.json().entriesBySource.map(({ deptName: _d, ...x }: any) => x));
    expect(await view('/api/dashboard', sup)).toEqual(await expected(pathOf(city().rootId), false));
    expect(await view(`/api/dashboard?orgId=${countyB().orgId}`, sup)).toEqual(await expected(pathOf(countyB().orgId), false));
    const county = (await ctx.loginAs('supervisor', { scopeOrgId: countyA().orgId })).cookie;
    expect(await view('/api/dashboard', county)).toEqual(await expected(pathOf(countyA().orgId), true));
  });
});
