import { beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { FAMILY, jpegBytes, lrmxBytes, personTexts } from '../support/lrmx.ts';

let ctx: TestContext;
let city: SmallCity;
let cadreId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  const sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  const up = await ctx.app.inject({
    method: 'POST', url: `/api/cadre-imports?name=a.lrmx&orgId=${city.countyA}`,
    headers: { cookie: sup, 'content-type': 'application/octet-stream' }, payload: lrmxBytes(personTexts(), FAMILY, jpegBytes([1, 2, 3])),
  });
  await drainJobs();
  const done = await ctx.app.inject({ method: 'POST', url: `/api/cadre-imports/${up.json().id}/commit`, headers: { cookie: sup } });
  cadreId = done.json().report[0].cadre.id;
});

describe('the 任免审批表 on the profile', () => {
  it('gives the form fields, the 简历 as periods and as written; the family only to who may read sensitive fields', async () => {
    const sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
    const r = await ctx.app.inject({ method: 'GET', url: `/api/cadres/${cadreId}/record`, headers: { cookie: sup } });
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v.fields.find((f: { element: string }) => f.element === 'XianRenZhiWu')).toMatchObject({ label: '现任职务', text: '东平县委常委、组织部部长' });
    expect(v.fields.some((f: { element: string }) => f.element === 'ShenFenZheng')).toBe(false);
    expect(v.resume.length).toBeGreaterThan(1);
    expect(v.resume[0]).toMatchObject({ start: expect.stringMatching(/^\d{4}/u), main: expect.any(String) });
    expect(v.resumeText).toContain(v.resume[0].main.slice(0, 4));
    expect(v.familyCount).toBe(FAMILY.length);
    expect(v.family).toHaveLength(FAMILY.length);
    expect(v.family[0]).toHaveProperty('称谓');

    const leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
    const l = (await ctx.app.inject({ method: 'GET', url: `/api/cadres/${cadreId}/record`, headers: { cookie: leader } })).json();
    expect(l.family).toBeNull();
    expect(l.familyCount).toBe(FAMILY.length);

    const county = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/cadres/${cadreId}/record`, headers: { cookie: county } })).statusCode).toBe(404);
  });
});
