/** Units as they change (机构改革): rename, move, merge, abolish — their effects, refusals, scope, audit and history. */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { systemActor } from '../../src/context.ts';
import { cadresByNameAndOrg, orgsByName } from '../../src/repositories/imports.repository.ts';
import { addTenure, createCadre } from '../../src/services/cadres.service.ts';
import { createOrg, getTeam } from '../../src/services/orgs.service.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string; // city supervisor
let supA: string; // 东平县 supervisor
let supB: string; // 西岭区 supervisor
let leader: string;
const u: Record<string, string> = {};
const c: Record<string, string> = {};

const sys = systemActor('fixture');
const unit = async (name: string, parentId: string, withTeam = true) =>
  (await createOrg(ctx.deps, sys, { parentId, name, type: '政府部门', level: '县级', regionCode: '519901', withTeam })).id;
const person = async (name: string, orgId: string, title?: string, isPrincipal = false) => {
  const { id } = await createCadre(ctx.deps, sys, { name, orgId, status: '在职' });
  if (title) {
    const team = await getTeam(ctx.deps, sys, orgId);
    await addTenure(ctx.deps, sys, id, { teamId: team!.id, title, isPrincipal, domains: [title === '局长' ? '全面工作' : '财务'], startDate: '2022-03-01' });
  }
  return id;
};
const post = (url: string, cookie: string, body: object) => ctx.call('POST', url, cookie, body);
const get = (url: string, cookie: string) => ctx.call('GET', url, cookie);
const audit = (action: string) => ctx.db.tx((tx) => rows<{ action: string; object_id: string; reason: string | null; details: Record<string, unknown> }>(tx,
  sql`select action, object_id, reason, details from audit_log where action = ${action} order by seq`));

beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supA = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyA })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
  u.finance = await unit('东平县财政局', city.countyA);
  u.audit = await unit('东平县审计局', city.countyA);
  u.auditCentre = await unit('东平县审计局数据中心', u.audit, false);
  u.stats = await unit('东平县统计局', city.countyA);
  u.survey = await unit('东平县统计局普查中心', u.stats, false);
  u.archive = await unit('东平县档案馆', city.countyA);
  u.noTeam = await unit('东平县档案服务中心', city.countyA, false);
  c.fin = await person('周财政', u.finance, '局长', true);
  c.aud = await person('钱审计', u.audit, '局长', true);
  c.stat = await person('孙统计', u.stats, '局长', true);
  c.statDeputy = await person('吴副局', u.stats, '副局长');
  c.arch = await person('郑档案', u.archive, '馆长', true);
});

describe('rename', () => {
  it('renames, keeps the former name, renames the team, records history and audit', async () => {
    const r = await post(`/api/orgs/${u.finance}/rename`, supA, { name: '东平县财政事务局', shortName: '县财政', effectiveDate: '2025-01-01', reason: '机构改革' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ name: '东平县财政事务局', shortName: '县财政', formerNames: ['东平县财政局'], abolishedOn: null });
    expect((await get(`/api/orgs/${u.finance}/team`, supA)).json().team.name).toBe('东平县财政事务局领导班子');
    const history = (await get(`/api/orgs/${u.finance}/changes`, leader)).json();
    expect(history[0]).toMatchObject({ kind: 'rename', effectiveDate: '2025-01-01', reason: '机构改革', details: { from: '东平县财政局', to: '东平县财政事务局' } });
    expect(history.at(-1)).toMatchObject({ kind: 'create' });
    expect((await audit('org.rename')).at(-1)).toMatchObject({ object_id: u.finance, reason: '机构改革', details: { from: '东平县财政局', to: '东平县财政事务局', effectiveDate: '2025-01-01' } });
  });

  it('the former name is still matched on import, after any unit that bears it now', async () => {
    const byName = (n: string) => ctx.db.tx((tx) => orgsByName(tx, [n], null)).then((m) => (m.get(n) ?? []).map((x) => x.id));
    expect(await byName('东平县财政局')).toEqual([u.finance]);
    expect(await byName('县财政')).toEqual([u.finance]);
    // The search for a new record finds it by its former name too.
    expect((await get(`/api/orgs/search?q=${encodeURIComponent('东平县财政局')}`, supA)).json().map((h: { id: string }) => h.id)).toEqual([u.finance]);
    // A unit that bears the name now wins over the former-name match.
    const newcomer = await unit('东平县财政局', city.countyB);
    expect(await byName('东平县财政局')).toEqual([newcomer]);
    // A ledger row naming a cadre with his unit's former name still finds him.
    const pairs = await ctx.db.tx((tx) => cadresByNameAndOrg(tx, [['周财政', '东平县财政局']], null));
    expect(pairs.get('周财政|东平县财政局')?.map((m) => m.id)).toEqual([c.fin]);
  });

  it('refuses a name clash (409, in Chinese), an unchanged name and a future date', async () => {
    const clash = await post(`/api/orgs/${u.finance}/rename`, supA, { name: '东平县审计局', effectiveDate: '2025-01-01' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toBe('“东平县委”下已有名为“东平县审计局”的单位');
    const same = await post(`/api/orgs/${u.finance}/rename`, supA, { name: '东平县财政事务局', effectiveDate: '2025-01-01' });
    expect(same.statusCode).toBe(400);
    const future = await post(`/api/orgs/${u.finance}/rename`, supA, { name: '东平县财政新局', effectiveDate: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().issues).toEqual([{ path: 'effectiveDate', message: expect.stringContaining('不能晚于今天') }]);
  });
});

describe('move', () => {
  it('moves the unit and its subtree; the new parent supervisor sees its cadres and ledger, the old one no longer', async () => {
    const entry = await post('/api/entries', supA, {
      kind: 'xfjb', sourceDept: 'xf', cadreId: c.aud, occurredOn: '2025-03-15', refNo: '东信〔2025〕1号',
      summary: '反映其违规接受宴请', details: { channel: '12380', realName: true, status: '核查中' },
    });
    expect(entry.statusCode, entry.body).toBe(200);
    expect((await get(`/api/cadres/${c.aud}`, supB)).statusCode).toBe(404);

    const r = await post(`/api/orgs/${u.audit}/move`, sup, { parentId: city.countyB, effectiveDate: '2025-06-01', reason: '区划调整' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ parentId: city.countyB });
    expect((await get(`/api/cadres/${c.aud}`, supB)).statusCode).toBe(200);
    expect((await get(`/api/entries?cadreId=${c.aud}`, supB)).json().items).toHaveLength(1);
    expect((await get(`/api/orgs/${u.auditCentre}`, supB)).json().ancestors.map((a: { name: string }) => a.name))
      .toEqual(['西岭区委', '东平县审计局', '东平县审计局数据中心']);
    expect((await get(`/api/cadres/${c.aud}`, supA)).statusCode).toBe(404);
    expect((await get(`/api/entries?cadreId=${c.aud}`, supA)).json().items ?? []).toHaveLength(0);
    expect((await get(`/api/orgs/${u.auditCentre}`, supA)).statusCode).toBe(404);
    const [row] = (await get(`/api/orgs/${u.audit}/changes`, supB)).json();
    expect(row).toMatchObject({ kind: 'move', details: { fromParentName: '东平县委', toParentName: '西岭区委', units: 2 } });
    expect((await audit('org.move')).at(-1)).toMatchObject({ object_id: u.audit, reason: '区划调整' });
  });

  it('refuses a cycle, the jurisdiction root, a parent or a unit outside the jurisdiction', async () => {
    const cycle = await post(`/api/orgs/${u.audit}/move`, sup, { parentId: u.auditCentre, effectiveDate: '2025-06-01' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toContain('下级单位');
    const root = await post(`/api/orgs/${city.countyA}/move`, supA, { parentId: city.townA, effectiveDate: '2025-06-01' });
    expect(root.statusCode).toBe(403);
    const outsideParent = await post(`/api/orgs/${u.stats}/move`, supA, { parentId: city.countyB, effectiveDate: '2025-06-01' });
    expect(outsideParent.statusCode).toBe(404);
    const outsideUnit = await post(`/api/orgs/${u.audit}/move`, supA, { parentId: city.townA, effectiveDate: '2025-06-01' });
    expect(outsideUnit.statusCode).toBe(404);
    expect((await post(`/api/orgs/${u.stats}/move`, leader, { parentId: city.townA, effectiveDate: '2025-06-01' })).statusCode).toBe(403);
  });
});

describe('merge', () => {
  it('merges into a unit with a team: cadres, tenures and children follow, history kept, one 一把手', async () => {
    const entry = await post('/api/entries', supA, {
      kind: 'xfjb', sourceDept: 'xf', cadreId: c.stat, occurredOn: '2025-04-01', refNo: '东信〔2025〕2号',
      summary: '反映其违规发放补贴', details: { channel: '来信', realName: false, status: '核查中' },
    });
    expect(entry.statusCode, entry.body).toBe(200);
    const before = (await get(`/api/cadres/${c.stat}`, supA)).json();

    const r = await post(`/api/orgs/${u.stats}/merge`, supA, { intoId: u.finance, effectiveDate: '2025-09-01', reason: '职能整合' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ abolishedOn: '2025-09-01', mergedIntoId: u.finance, mergedIntoName: '东平县财政事务局', parentId: u.finance });

    const after = (await get(`/api/cadres/${c.stat}`, supA)).json();
    expect(after).toMatchObject({ orgId: u.finance, orgName: '东平县财政事务局', version: before.version + 1 });
    // The old tenure ended on the day, a new one in the target's team; the target keeps its own 一把手.
    const tenures = after.tenures.map((t: any) => [t.orgName, t.title, t.isPrincipal, t.startDate, t.endDate]);
    expect(tenures).toEqual(expect.arrayContaining([
      ['东平县统计局', '局长', true, '2022-03-01', '2025-09-01'],
      ['东平县财政事务局', '局长', false, '2025-09-01', null],
    ]));
    const team = (await get(`/api/orgs/${u.finance}/team`, supA)).json().team;
    expect(team.members.map((m: any) => [m.name, m.isPrincipal])).toEqual([['周财政', true], ['孙统计', false], ['吴副局', false]]);
    expect(team.members.find((m: any) => m.name === '吴副局').domains).toEqual(['财务']);
    // Its child now sits under the target; the ledger stays readable in the target's scope.
    expect((await get(`/api/orgs/${u.survey}`, supA)).json().parentId).toBe(u.finance);
    expect((await get(`/api/entries?cadreId=${c.stat}`, supA)).json().items).toHaveLength(1);
    const merged = (await get(`/api/orgs/${u.stats}`, supA)).json();
    expect(merged.ancestors.map((a: { name: string }) => a.name)).toEqual(['东平县委', '东平县财政事务局', '东平县统计局']);
    expect((await get(`/api/orgs/${u.stats}/changes`, supA)).json()[0]).toMatchObject({
      kind: 'merge', details: { intoName: '东平县财政事务局', cadres: 2, tenures: 2, children: 1, team: 'joined', principalsJoined: 1 },
    });
    expect((await get(`/api/orgs/${u.finance}/changes`, supA)).json()[0]).toMatchObject({ kind: 'merge', details: { fromName: '东平县统计局' } });
    expect((await audit('org.merge')).at(-1)).toMatchObject({ object_id: u.stats, reason: '职能整合' });
    expect((await audit('cadre.org-merge')).map((a) => a.object_id).sort()).toEqual([c.stat, c.statDeputy].sort());
    // Gone from the selects and the import matching; still in the tree, after the living units.
    expect((await get(`/api/orgs/search?q=${encodeURIComponent('统计局')}`, supA)).json().map((h: any) => h.name)).toEqual(['东平县统计局普查中心']);
    expect((await ctx.db.tx((tx) => orgsByName(tx, ['东平县统计局'], null))).get('东平县统计局')).toBeUndefined();
    const kids = (await get(`/api/orgs?parentId=${u.finance}`, supA)).json();
    expect(kids.map((k: any) => [k.name, k.abolishedOn])).toEqual([['东平县统计局普查中心', null], ['东平县统计局', '2025-09-01']]);
  });

  it('into a unit without a team, the team moves with its members', async () => {
    const r = await post(`/api/orgs/${u.archive}/merge`, supA, { intoId: u.noTeam, effectiveDate: '2025-09-01' });
    expect(r.statusCode, r.body).toBe(200);
    const team = (await get(`/api/orgs/${u.noTeam}/team`, supA)).json().team;
    expect(team).toMatchObject({ name: '东平县档案服务中心领导班子' });
    expect(team.members.map((m: any) => [m.name, m.isPrincipal, m.startDate])).toEqual([['郑档案', true, '2022-03-01']]);
  });

  it('refuses itself, its own child, an abolished target, and any change of an abolished unit', async () => {
    expect((await post(`/api/orgs/${u.finance}/merge`, supA, { intoId: u.finance, effectiveDate: '2025-09-01' })).statusCode).toBe(400);
    const child = await post(`/api/orgs/${u.finance}/merge`, supA, { intoId: u.survey, effectiveDate: '2025-09-01' });
    expect(child.statusCode).toBe(400);
    expect(child.json().message).toBe('不能并入本单位的下级单位');
    expect((await post(`/api/orgs/${u.survey}/merge`, supA, { intoId: u.stats, effectiveDate: '2025-09-01' })).statusCode).toBe(400);
    const again = await post(`/api/orgs/${u.stats}/rename`, supA, { name: '东平县统计新局', effectiveDate: '2025-10-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('“东平县统计局”已于2025-09-01撤销，只能查看，不能再变更');
    expect((await post(`/api/orgs/${u.finance}/merge`, supA, { intoId: u.audit, effectiveDate: '2025-09-01' })).statusCode).toBe(404);
    expect((await post(`/api/orgs/${city.countyA}/merge`, supA, { intoId: u.finance, effectiveDate: '2025-09-01' })).statusCode).toBe(403);
    // The 系统管理员 keeps the tree (org:write) but a merge moves people.
    const admin = (await ctx.loginAs('sysadmin')).cookie;
    const byAdmin = await post(`/api/orgs/${u.noTeam}/merge`, admin, { intoId: u.finance, effectiveDate: '2025-09-01' });
    expect(byAdmin.statusCode).toBe(403);
  });
});

describe('干部管理权限', () => {
  it('a county cannot merge away a unit holding a cadre the city manages', async () => {
    const office = await unit('东平县接待办', city.countyA);
    await createCadre(ctx.deps, sys, { name: '冯处长', orgId: office, status: '在职', rank: '正处级' });
    const r = await post(`/api/orgs/${office}/merge`, supA, { intoId: u.finance, effectiveDate: '2025-09-01' });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toBe('“东平县接待办”有1名干部属上级管理，需由上级组织部门合并');
    expect((await get(`/api/orgs/${office}`, supA)).json()).toMatchObject({ abolishedOn: null, parentId: city.countyA });
  });
});

describe('abolish', () => {
  it('refuses while cadres, team members or living children remain, naming them', async () => {
    const r = await post(`/api/orgs/${u.finance}/abolish`, supA, { effectiveDate: '2025-12-01' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('“东平县财政事务局”还有在职干部3人、现任班子成员3人、未撤销的下级单位1个，请先将其调整或合并到其他单位后再撤销');
  });

  it('abolishes an empty unit; its history stays readable; no new unit under it', async () => {
    const r = await post(`/api/orgs/${u.survey}/abolish`, supA, { effectiveDate: '2025-12-01', reason: '任务完成' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ abolishedOn: '2025-12-01', mergedIntoId: null });
    expect((await get(`/api/orgs/${u.survey}/changes`, leader)).json().map((h: any) => h.kind)).toEqual(['abolish', 'create']);
    expect((await audit('org.abolish')).at(-1)).toMatchObject({ object_id: u.survey, reason: '任务完成' });
    const under = await post('/api/orgs', supA, { parentId: u.survey, name: '新中心', type: '事业单位', level: '乡级', regionCode: '519901' });
    expect(under.statusCode).toBe(400);
    const cadre = await post('/api/cadres', supA, { name: '新人', orgId: u.survey });
    expect(cadre.statusCode).toBe(400);
    expect(cadre.json().message).toBe('“东平县统计局普查中心”已于2025-12-01撤销，不能再录入新干部');
    // The merged unit's own team (its members re-appointed in the target's) takes no new tenure either.
    const oldTeam = (await get(`/api/orgs/${u.stats}/team`, supA)).json().team;
    const tenure = await post(`/api/cadres/${c.fin}/tenures`, supA, { teamId: oldTeam.id, title: '局长', startDate: '2025-10-01' });
    expect(tenure.statusCode).toBe(400);
  });

  it('keeps org_change append-only', async () => {
    await expect(ctx.db.tx((tx) => tx.execute(sql`update org_change set reason = 'x'`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`delete from org_change`))).rejects.toThrow();
  });
});
