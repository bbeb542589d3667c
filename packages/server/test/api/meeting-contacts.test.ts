/**
 * 成员单位联络人 candidates (the 成员单位 tab's multi-select): a department's active member accounts whose scope
 * covers the convener — not another department's, not a county's for the city; a convener out of scope is 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;

beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'jw', login: 'jw-city' });
  await ctx.loginAs('member', { scopeOrgId: city.countyA, departmentCode: 'jw', login: 'jw-county' });
  await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf', login: 'xf-city' });
});

describe('GET /api/meetings/members/candidates', () => {
  it("lists the department's member accounts covering the convener, searchable", async () => {
    const r = await ctx.call('GET', `/api/meetings/members/candidates?convenerId=${city.city}&departmentCode=jw`, sup);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().map((u: { login: string }) => u.login)).toEqual(['jw-city']);
    const county = (await ctx.call('GET', `/api/meetings/members/candidates?convenerId=${city.countyA}&departmentCode=jw`, sup)).json();
    expect(county.map((u: { login: string }) => u.login)).toEqual(['jw-city', 'jw-county']);
    const none = (await ctx.call('GET', `/api/meetings/members/candidates?convenerId=${city.countyA}&departmentCode=jw&q=xf`, sup)).json();
    expect(none).toEqual([]);
  });

  it('is 404 for a convener outside the scope and 403 for a member account', async () => {
    const supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
    expect((await ctx.call('GET', `/api/meetings/members/candidates?convenerId=${city.city}&departmentCode=jw`, supB)).statusCode).toBe(404);
    const member = (await ctx.login('jw-city', 'Kq7#mVx2pL9w')).cookie!;
    expect((await ctx.call('GET', `/api/meetings/members/candidates?convenerId=${city.city}&departmentCode=jw`, member)).statusCode).toBe(403);
  });
});
