import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
});

const get = (url: string, cookie: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

describe('jurisdiction is enforced in the query', () => {
  it('a county supervisor lists only the county subtree', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
    const res = await get('/api/cadres?limit=200', u.cookie);
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((c: { name: string }) => c.name).sort();
    expect(names).toEqual(['李四海', '张三明', '赵六'].sort());
  });

  it('objects outside the jurisdiction answer 404, like objects that do not exist', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
    const outside = await get(`/api/cadres/${city.cadres['王五']!.id}`, u.cookie);
    const missing = await get('/api/cadres/00000000-0000-4000-8000-000000000000', u.cookie);
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json().message).toBe(missing.json().message);
    expect((await get(`/api/orgs/${city.countyB}`, u.cookie)).statusCode).toBe(404);
    expect((await get(`/api/orgs/${city.countyB}/team`, u.cookie)).statusCode).toBe(404);
    expect((await get(`/api/orgs?parentId=${city.city}`, u.cookie)).statusCode).toBe(404);
    expect((await get(`/api/cadres?orgId=${city.countyB}`, u.cookie)).statusCode).toBe(404);
    expect((await get(`/api/cadres/${city.cadres['王五']!.id}/id-number`, u.cookie)).statusCode).toBe(404);
    const byId = await get(`/api/cadres?q=${city.cadres['王五']!.idNumber}`, u.cookie);
    expect(byId.json().items).toEqual([]);
  });

  it('the org tree starts at the jurisdiction root', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
    const roots = (await get('/api/orgs', u.cookie)).json();
    expect(roots.map((o: { id: string }) => o.id)).toEqual([city.countyA]);
    const city1 = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    const children = (await get(`/api/orgs?parentId=${city.city}`, city1.cookie)).json();
    expect(children.map((o: { name: string }) => o.name).sort()).toEqual(['东平县委', '西岭区委'].sort());
  });

  it('org details carry the breadcrumb from the jurisdiction root', async () => {
    const county = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
    const town = (await get(`/api/orgs/${city.townA}`, county.cookie)).json();
    expect(town.ancestors.map((a: { name: string }) => a.name)).toEqual(['东平县委', '东平县石桥镇党委']);
    const cityWide = await ctx.loginAs('leader', { scopeOrgId: city.city });
    const same = (await get(`/api/orgs/${city.townA}`, cityWide.cookie)).json();
    expect(same.ancestors.map((a: { name: string }) => a.name)).toEqual(['青川市委', '东平县委', '东平县石桥镇党委']);
    expect(same).toMatchObject({ level: '乡级', regionCode: '519901', hasTeam: true, childCount: 0 });
  });

  it('a city supervisor sees everyone', async () => {
    const u = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    const res = await get('/api/cadres?limit=200', u.cookie);
    expect(res.json().items).toHaveLength(5);
  });
});

describe('roles', () => {
  it('a leader reads but cannot change', async () => {
    const u = await ctx.loginAs('leader', { scopeOrgId: city.city });
    expect((await get(`/api/cadres/${city.cadres['张三明']!.id}`, u.cookie)).statusCode).toBe(200);
    const post = await ctx.app.inject({ method: 'POST', url: '/api/cadres', headers: { cookie: u.cookie }, payload: { name: '新人', orgId: city.city } });
    expect(post.statusCode).toBe(403);
    expect((await get(`/api/cadres/${city.cadres['张三明']!.id}/id-number`, u.cookie)).statusCode).toBe(403);
  });

  it('a member department never browses, and finds a cadre only by exact 身份证号 or name + unit', async () => {
    const u = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' });
    expect((await get('/api/cadres', u.cookie)).statusCode).toBe(403);
    expect((await get(`/api/cadres/${city.cadres['张三明']!.id}`, u.cookie)).statusCode).toBe(403);
    const byId = await get(`/api/cadres/lookup?idNumber=${city.cadres['张三明']!.idNumber}`, u.cookie);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual([expect.objectContaining({ name: '张三明', orgName: '东平县委', currentTitle: '县委书记' })]);
    const byName = await get(`/api/cadres/lookup?name=${encodeURIComponent('李四海')}&orgId=${city.countyA}`, u.cookie);
    expect(byName.json()).toHaveLength(1);
    const partial = await get(`/api/cadres/lookup?name=${encodeURIComponent('李')}&orgId=${city.countyA}`, u.cookie);
    expect(partial.json()).toEqual([]);
    const nameOnly = await get(`/api/cadres/lookup?name=${encodeURIComponent('李四海')}`, u.cookie);
    expect(nameOnly.statusCode).toBe(400);
    // Lower-case x, full-width digits and spaces are normalized; a wrong check digit is refused.
    const id = city.cadres['赵六']!.idNumber;
    const fullWidth = id.replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await get(`/api/cadres/lookup?idNumber=${encodeURIComponent(fullWidth)}`, u.cookie)).json()).toHaveLength(1);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const bad = await get(`/api/cadres/lookup?idNumber=${wrong}`, u.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('校验位');
  });

  it('a member department finds units by name but never sees team rosters', async () => {
    const u = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'jw' });
    expect((await get('/api/orgs', u.cookie)).statusCode).toBe(403);
    expect((await get(`/api/orgs/${city.countyA}/team`, u.cookie)).statusCode).toBe(403);
    const found = (await get(`/api/orgs/search?q=${encodeURIComponent('石桥镇')}`, u.cookie)).json();
    expect(found).toEqual([{ id: city.townA, name: '东平县石桥镇党委', parentName: '东平县委', teamId: expect.any(String) }]);
  });

  it('a county member department cannot find a cadre of another county', async () => {
    const u = await ctx.loginAs('member', { scopeOrgId: city.countyA, departmentCode: 'ga' });
    const res = await get(`/api/cadres/lookup?idNumber=${city.cadres['王五']!.idNumber}`, u.cookie);
    expect(res.json()).toEqual([]);
  });

  it('admins hold no business data and no one else reads the audit log', async () => {
    const sys = await ctx.loginAs('sysadmin');
    expect((await get('/api/cadres', sys.cookie)).statusCode).toBe(403);
    expect((await get('/api/audit', sys.cookie)).statusCode).toBe(403);
    expect((await get('/api/users', sys.cookie)).statusCode).toBe(200);
    // The org tree, but no people: team rosters are cadre data.
    expect((await get(`/api/orgs/${city.countyA}`, sys.cookie)).statusCode).toBe(200);
    expect((await get(`/api/orgs/${city.countyA}/team`, sys.cookie)).statusCode).toBe(403);
    const sec = await ctx.loginAs('secadmin');
    expect((await get('/api/cadres', sec.cookie)).statusCode).toBe(403);
    expect((await get('/api/users', sec.cookie)).statusCode).toBe(403);
    const aud = await ctx.loginAs('auditadmin');
    expect((await get('/api/audit', aud.cookie)).statusCode).toBe(200);
    expect((await get('/api/cadres', aud.cookie)).statusCode).toBe(403);
    expect((await get('/api/users', aud.cookie)).statusCode).toBe(403);
    const sup = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    expect((await get('/api/audit', sup.cookie)).statusCode).toBe(403);
  });
});
