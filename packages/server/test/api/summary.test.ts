/**
 * The verdict first (issue 12 §4): the cadre summary says 使用资格 with the day it may change, the open warnings
 * by colour and the impact period running; the team summary its warnings and the year's research. Scoped,
 * each part by the reader's right, audited. A print is recorded in the audit log.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supB: string;
let leader: string;
let member: string;
const call: TestContext['call'] = (...a) => ctx.call(...a);
const cadre = (name: string) => city.cadres[name]!.id;
const lastAudit = async (action: string) => (await ctx.db.tx((tx) => rows<{ object_id: string | null; details: Record<string, unknown> }>(tx,
  sql`select object_id, details from audit_log where action = ${action} order by seq desc limit 1`)))[0];

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
  member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
  const r = await call('POST', '/api/entries', sup, {
    kind: 'cfwz', sourceDept: 'jw', cadreId: cadre('王五'), occurredOn: '2026-02-10', summary: '违反中央八项规定精神', details: { category: '党纪处分', measure: '警告' },
  });
  expect(r.statusCode, r.body).toBe(200);
});

describe('cadre summary', () => {
  it('a punished cadre: 不宜 until the impact period ends, the red warning counted, the impact period named; audited', async () => {
    const r = await call('GET', `/api/cadres/${cadre('王五')}/summary`, sup);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({
      cadreId: cadre('王五'), asOf: '2026-06-15',
      eligibility: { result: '不宜', rules: expect.arrayContaining(['影响期内']), until: '2027-02-10' },
      impact: { rule: '影响期内', until: '2027-02-10' },
    });
    expect(s.warnings.red).toBeGreaterThanOrEqual(1);
    expect(s.obligations).toMatchObject({ open: expect.any(Number), overdue: expect.any(Number) });
    // The same as the warnings list says for the cadre.
    const list = (await call('GET', `/api/warnings?cadreId=${cadre('王五')}&colour=red`, sup)).json();
    expect(s.warnings.red).toBe(list.items.length);
    expect(await lastAudit('cadre.summary')).toMatchObject({ object_id: cadre('王五'), details: expect.objectContaining({ result: '不宜' }) });
  });

  it('a cadre with nothing against them: 可以使用, no date, no impact period', async () => {
    const s = (await call('GET', `/api/cadres/${cadre('张珊')}/summary`, sup)).json();
    expect(s).toMatchObject({ eligibility: { result: '可以使用', rules: [], until: null }, impact: null, warnings: { red: 0, yellow: 0 } });
  });

  it('out of scope is 404; a leader reads it; a member department has no access', async () => {
    expect((await call('GET', `/api/cadres/${cadre('张三明')}/summary`, supB)).statusCode).toBe(404);
    const l = await call('GET', `/api/cadres/${cadre('王五')}/summary`, leader);
    expect(l.statusCode, l.body).toBe(200);
    expect(l.json().cadreId).toBe(cadre('王五'));
    expect((await call('GET', `/api/cadres/${cadre('王五')}/summary`, member)).statusCode).toBe(403);
  });
});

describe('team summary', () => {
  it('open warnings by colour and the year\'s research; out of scope 404; audited', async () => {
    const team = (await call('GET', `/api/orgs/${city.countyB}/team`, sup)).json().team;
    const r = await call('GET', `/api/teams/${team.id}/summary`, sup);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({ teamId: team.id, asOf: '2026-06-15', warnings: { red: expect.any(Number), yellow: expect.any(Number), blue: expect.any(Number) } });
    if (s.research) expect(['pending', 'done', 'overdue']).toContain(s.research.state);
    expect(await lastAudit('team.summary')).toMatchObject({ object_id: team.id });
    const teamA = (await call('GET', `/api/orgs/${city.countyA}/team`, sup)).json().team;
    expect((await call('GET', `/api/teams/${teamA.id}/summary`, supB)).statusCode).toBe(404);
  });
});

describe('print', () => {
  it('a print is recorded with its page, subject and rows; a page the reader may not see is refused', async () => {
    const r = await call('POST', '/api/print', sup, { page: 'warnings', rows: 37, filters: 'colour=red' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await lastAudit('print.warnings')).toMatchObject({ details: { rows: 37, filters: 'colour=red' } });
    expect((await call('POST', '/api/print', sup, { page: 'cadre', objectId: cadre('王五') })).statusCode).toBe(200);
    expect(await lastAudit('print.cadre')).toMatchObject({ object_id: cadre('王五') });
    expect((await call('POST', '/api/print', member, { page: 'warnings' })).statusCode).toBe(403);
    expect((await call('POST', '/api/print', sup, { page: 'nonsense' })).statusCode).toBe(400);
  });
});
