/**
 * The default responsible of a 待办 follows the accounts: a supervisor created after the obligations were
 * raised finds them in 我的待办 at once (the seeded city, then the accounts), and when the account is
 * disabled its unassigned 待办 pass to the next supervisor over the area.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let city1: { cookie: string; id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  city1 = await ctx.loginAs('supervisor', { scopeOrgId: city.city, login: 'ra-city1' });
  // A change of post on 2026-06-01 for 李四海 (东平县): a talk due by 2026-07-01, while no one supervises 东平县 alone.
  const team = (await ctx.call('GET', `/api/orgs/${city.countyA}/team`, city1.cookie)).json().team.id;
  const r = await ctx.call('POST', `/api/cadres/${city.cadres['李四海']!.id}/tenures`, city1.cookie, { teamId: team, title: '副职', isPrincipal: false, domains: ['党建'], startDate: '2026-06-01' });
  expect(r.statusCode, r.body).toBe(200);
});

const talk = async () => {
  const r = await ctx.call('GET', `/api/obligations?cadreId=${city.cadres['李四海']!.id}&type=talk`, city1.cookie);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as Array<{ triggeredOn: string; responsibleId: string | null; id: string }>).find((o) => o.triggeredOn === '2026-06-01')!;
};
const mine = async (cookie: string) => ((await ctx.call('GET', '/api/obligations?mine=true&limit=200', cookie)).json().items as Array<{ id: string }>).map((o) => o.id);

describe('the default responsible follows the supervisors’ accounts', () => {
  it('a supervisor created afterwards gets the open 待办 of its area in 我的待办; disabling passes them on', async () => {
    const o = await talk();
    expect(o.responsibleId).toBe(city1.id);
    const county = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA, login: 'ra-county-a' });
    expect((await talk()).responsibleId).toBe(county.id);
    expect(await mine(county.cookie)).toContain(o.id);
    expect(await mine(city1.cookie)).not.toContain(o.id);
    // A leader over the same area is no supervisor: nothing moves.
    await ctx.loginAs('leader', { scopeOrgId: city.countyA, login: 'ra-leader' });
    expect((await talk()).responsibleId).toBe(county.id);

    const admin = await ctx.loginAs('sysadmin');
    const off = await ctx.call('POST', `/api/users/${county.id}/status`, admin.cookie, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect((await talk()).responsibleId).toBe(city1.id);
    expect(await mine(city1.cookie)).toContain(o.id);
  });
});
