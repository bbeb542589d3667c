/**
 * 分工调整 without ending the tenure, as a supervisor lives it: the team card and the profile show the 分工 in
 * force today, 分管违规 follows it in the same request, an evaluation as of a day before the change (what
 * `jiandu warnings --as-of` runs) still sees the old 分工, and the history is dated, audited and append-only.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { computeSubjects } from '../../src/services/supervision/evaluate.ts';
import { loadRuleSettings } from '../../src/services/supervision/settings.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supB: string;
let leader: string;
let tenureId: string;

const call: TestContext['call'] = (...a) => ctx.call(...a);
const boss = () => city.cadres['张三明']!.id;
const change = (body: object, cookie = sup, id = tenureId) => call('POST', `/api/tenures/${id}/domains`, cookie, body);
const teamMember = async () => {
  const t = (await call('GET', `/api/orgs/${city.countyA}/team`, sup)).json().team;
  return t.members.find((m: any) => m.cadreId === boss());
};
const openInCharge = async () => ((await call('GET', `/api/warnings?cadreId=${boss()}&view=open`, sup)).json().items as any[])
  .filter((w) => w.rule === 'in_charge_violation');
/** What `jiandu warnings --as-of DAY --cadre …` computes: the rules over the stored facts as of that day, nothing written. */
const inChargeAsOf = async (asOf: string) => ctx.db.tx(async (tx) => {
  const ev = await computeSubjects(tx, { cadreIds: [boss()] }, await loadRuleSettings(tx), asOf);
  return ev.warnings.map((w) => w.f).filter((w) => w.rule === 'in_charge_violation');
});

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
  tenureId = (await teamMember()).tenureId;
});

describe('分工调整 and 分管违规', () => {
  it('the 一把手 given 财务 from 2026-01-01: the team view shows it since that day, and 分管违规 is raised in the same request', async () => {
    expect(await teamMember()).toMatchObject({ domains: ['全面工作'], domainsSince: null });
    expect(await openInCharge()).toHaveLength(0);
    const r = await change({ domains: ['全面工作', '财务'], effectiveDate: '2026-01-01', reason: '县长空缺期间临时分管' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ initial: ['全面工作'], current: ['全面工作', '财务'], currentSince: '2026-01-01' });
    expect(await teamMember()).toMatchObject({ domains: ['全面工作', '财务'], domainsSince: '2026-01-01' });
    const [w] = await openInCharge();
    expect(w).toMatchObject({ colour: 'red', active: true });
    expect(w.explanation).toBe('任东平县委领导班子县委书记（一把手），自2026-01-01分工调整起直接分管财务，违反一把手不直接分管财务的规定');
  });

  it('财务 handed over yesterday: no longer warns today, the profile shows the new 分工', async () => {
    const r = await change({ domains: ['全面工作'], effectiveDate: '2026-06-14', reason: '新任县长到任，财务交由常务副县长分管' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await openInCharge()).toHaveLength(0);
    expect(await teamMember()).toMatchObject({ domains: ['全面工作'], domainsSince: '2026-06-14' });
    const profile = (await call('GET', `/api/cadres/${boss()}`, sup)).json();
    expect(profile.tenures.find((t: any) => t.id === tenureId)).toMatchObject({ domains: ['全面工作'], domainsSince: '2026-06-14' });
  });

  it('as of a day before the change it still warns, until the change day; as of the change day and before 财务 it does not', async () => {
    const [w] = await inChargeAsOf('2026-06-13');
    expect(w).toMatchObject({ key: tenureId, until: '2026-06-14' });
    expect(w!.explanation).toContain('自2026-01-01分工调整起直接分管财务');
    expect(await inChargeAsOf('2026-06-14')).toHaveLength(0);
    expect(await inChargeAsOf('2025-12-31')).toHaveLength(0);
  });

  it('the history: the 分工 at the start, each change dated with its reason and author, the 分工 in force today', async () => {
    const h = (await call('GET', `/api/tenures/${tenureId}/domains`, leader)).json();
    expect(h).toMatchObject({ tenureId, startDate: '2021-06-01', endDate: null, initial: ['全面工作'], current: ['全面工作'], currentSince: '2026-06-14' });
    expect(h.changes.map((c: any) => [c.effectiveDate, c.domains, c.reason])).toEqual([
      ['2026-01-01', ['全面工作', '财务'], '县长空缺期间临时分管'],
      ['2026-06-14', ['全面工作'], '新任县长到任，财务交由常务副县长分管'],
    ]);
    expect(h.changes[0].createdByLogin).toMatch(/^supervisor/u);
  });

  it('each change is audited with the 分工 before and after and the reason', async () => {
    const audit = await ctx.db.tx((tx) => rows<{ object_id: string; reason: string; details: any }>(tx, sql`
      select object_id, reason, details from audit_log where action = 'tenure.domains' order by seq`));
    expect(audit).toHaveLength(2);
    const details = (d: any) => (typeof d === 'string' ? JSON.parse(d) : d);
    expect(audit[1]).toMatchObject({ object_id: tenureId, reason: '新任县长到任，财务交由常务副县长分管' });
    expect(details(audit[1]!.details)).toMatchObject({ cadreId: boss(), effectiveDate: '2026-06-14', from: '全面工作、财务', to: '全面工作' });
  });
});

describe('refusals', () => {
  const refused = async (body: object, status: number, text: string, cookie = sup, id = tenureId) => {
    const r = await change(body, cookie, id);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().message).toContain(text);
  };
  it('a day before the tenure started, after today, or the same 分工 as on that day', async () => {
    await refused({ domains: ['党建'], effectiveDate: '2021-05-31' }, 400, '不能早于任职开始日期（2021-06-01）');
    await refused({ domains: ['党建'], effectiveDate: '2026-06-16' }, 400, '不能晚于今天');
    await refused({ domains: ['全面工作'], effectiveDate: '2026-06-15' }, 400, '分工相同');
    await refused({ domains: ['党建'], effectiveDate: '2026-6-1' }, 400, 'YYYY-MM-DD');
  });

  it('after the tenure ended', async () => {
    const other = (await call('GET', `/api/cadres/${city.cadres['赵六']!.id}`, sup)).json().tenures[0].id as string;
    expect((await call('POST', `/api/tenures/${other}/end`, sup, { endDate: '2026-03-31' })).statusCode).toBe(200);
    await refused({ domains: ['党建'], effectiveDate: '2026-04-01' }, 400, '不能晚于任职结束日期（2026-03-31）', sup, other);
    expect((await change({ domains: ['党建'], effectiveDate: '2026-03-01' }, sup, other)).statusCode).toBe(200);
  });

  it('outside the jurisdiction: 404 (to read or change); without cadre:write: 403', async () => {
    await refused({ domains: ['党建'], effectiveDate: '2026-06-15' }, 404, '任职', supB);
    expect((await call('GET', `/api/tenures/${tenureId}/domains`, supB)).statusCode).toBe(404);
    expect((await change({ domains: ['党建'], effectiveDate: '2026-06-15' }, leader)).statusCode).toBe(403);
    expect((await change({ domains: ['党建'], effectiveDate: '2026-06-15' }, sup, '00000000-0000-4000-8000-000000000009')).statusCode).toBe(404);
  });

  it('the history is append-only: the database refuses to update or delete a change', async () => {
    const refusal = (q: ReturnType<typeof sql>) => ctx.db.tx((tx) => tx.execute(q)).then(() => 'done', (e: any) => String(e.cause?.message ?? e.message));
    expect(await refusal(sql`update tenure_domain set domains = '{财务}'`)).toContain('只允许追加');
    expect(await refusal(sql`delete from tenure_domain`)).toContain('只允许追加');
    const h = (await call('GET', `/api/tenures/${tenureId}/domains`, sup)).json();
    expect(h.changes).toHaveLength(2);
  });
});
