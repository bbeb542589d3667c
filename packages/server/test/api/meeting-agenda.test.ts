/**
 * A joint meeting prepared as a 干部监督科 secretary does it (issue 13 points 2 and 8): creating it compiles the
 * agenda of the convener's jurisdiction (and not another's), a re-compile shows what changed, a removed subject
 * is kept with its reason, holding freezes the agenda, the next meeting's period starts the day after, and only
 * a meeting held fulfils the half-yearly cadence.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { systemActor } from '../../src/context.ts';
import { getTeam } from '../../src/services/orgs.service.ts';
import { reevaluate } from '../../src/services/supervision/evaluate.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supB: string;
let jw: string;
let xf: string;
let teamA: string;
const call: TestContext['call'] = (...a) => ctx.call(...a);
const patch = (url: string, cookie: string, payload: object) => ctx.app.inject({ method: 'PATCH', url, headers: { cookie }, payload });

async function setDay(day: string) {
  ctx.clock.setDate(day);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  jw = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'jw' })).cookie;
  xf = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
}
const cadre = (name: string) => city.cadres[name]!.id;
const ok = async (p: Promise<{ statusCode: number; body: string; json: () => any }>) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const petition = (name: string, occurredOn: string) => ({
  kind: 'xfjb', sourceDept: 'xf', cadreId: cadre(name), occurredOn, summary: '反映其违规收受礼金（机密摘要）', details: { channel: '来信', realName: true, status: '核查中' },
});
const subjectsOf = async (id: string, cookie = sup, q = '') => (await ok(call('GET', `/api/meetings/${id}/subjects${q}`, cookie))).items as any[];
const nameOf = (s: any) => s.cadreName ?? s.teamName;
const cityObligation = async () => ((await ok(call('GET', '/api/obligations?type=joint_meeting', sup))).items as any[])
  .find((o) => o.dueOn === '2026-06-30' && o.orgId === city.city);

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-01-05');
  city = await makeSmallCity(ctx);
  // 青川市委 holds 干部管理权限 over itself and 东平县 (its town inherits); 西岭区 is its own convener.
  await ctx.db.tx((tx) => tx.execute(sql`update org set managed_by = ${city.city} where id in (${city.city}, ${city.countyA})`));
  await ctx.db.tx((tx) => tx.execute(sql`update org set managed_by = ${city.countyB} where id = ${city.countyB}`));
  teamA = (await getTeam(ctx.deps, systemActor('t'), city.countyA))!.id;
  await setDay('2026-01-05');
});

let m0: string;
let m1: string;
let proposalId: string;
let ndkh: string;
let jwEntry: string;

describe('the first meeting: planned, then held (cadence)', () => {
  it('an entry recorded before the meeting; creating a meeting puts it in 筹备 with the period half a year back', async () => {
    await ok(call('POST', '/api/entries', sup, petition('李四海', '2025-12-20')));
    const m = await ok(call('POST', '/api/meetings', sup, { convenerId: city.city, heldOn: '2026-01-10', title: '2025年下半年干部监督联席会议' }));
    m0 = m.id;
    expect(m).toMatchObject({ status: 'planned', statusName: '筹备', since: '2025-07-10', until: '2026-01-05', agendaVersion: 1, subjects: 1 });
    const detail = await ok(call('GET', `/api/meetings/${m0}`, sup));
    expect(detail.events.map((e: any) => e.action)).toEqual(['create', 'compile']);
    expect(detail.compiles).toHaveLength(1);
    expect(detail.compiles[0]).toMatchObject({ version: 1, subjects: 1, added: 1, diff: { added: ['李四海（东平县委）'] } });
    expect(detail.attendance).toBeNull();
    expect(detail.members).toHaveLength(8);
  });

  it('a meeting in 筹备 does not fulfil the half-yearly obligation; held, it does', async () => {
    await ctx.db.tx((tx) => reevaluate(tx, ctx.clock, { convenerIds: [city.city] }));
    expect(await cityObligation()).toMatchObject({ doneOn: null, doneBy: null });
    await setDay('2026-01-10');
    const held = await ok(call('POST', `/api/meetings/${m0}/hold`, sup, {}));
    expect(held).toMatchObject({ status: 'held', heldOn: '2026-01-10' });
    expect(await cityObligation()).toMatchObject({ state: 'done', doneOn: '2026-01-10' });
  });
});

describe('the next meeting: the agenda of the convener’s jurisdiction', () => {
  beforeAll(async () => {
    await setDay('2026-03-10');
    await ok(call('POST', '/api/entries', sup, petition('李四海', '2026-03-01')));
    await ok(call('POST', '/api/entries', sup, petition('王五', '2026-03-01')));
    ndkh = (await ok(call('POST', '/api/entries', sup, {
      kind: 'ndkh', sourceDept: 'zzb', teamId: teamA, occurredOn: '2026-01-20', summary: '2025年度班子考核', details: { year: 2025, grade: '较差' },
    }))).entryId;
    jwEntry = (await ok(call('POST', '/api/submissions', jw, {
      kind: 'cfwz', cadreId: cadre('张三明'), occurredOn: '2026-02-10', summary: '违规发放津贴', details: { category: '问责', measure: '诫勉' },
    }))).entryId;
  });

  it('a member department proposes from its own submission (the convener from the subject’s unit); not from another’s', async () => {
    const p = await ok(call('POST', '/api/meetings/proposals', jw, { entryId: jwEntry, note: '建议联席会议研判其问责情况' }));
    proposalId = p.id;
    expect(p).toMatchObject({ convenerId: city.city, convenerName: '青川市委', cadreName: '张三明', departmentCode: 'jw', entryId: jwEntry, meetingId: null });
    const other = await call('POST', '/api/meetings/proposals', xf, { entryId: jwEntry, note: '也想提请' });
    expect(other.statusCode).toBe(400);
    expect(other.json().issues[0]).toMatchObject({ path: 'entryId' });
    expect(other.json().message).toContain('本单位报送');
    expect((await call('POST', '/api/meetings/proposals', sup, { entryId: jwEntry, note: 'x' })).statusCode).toBe(403);
    expect((await call('POST', '/api/meetings/proposals', jw, { entryId: jwEntry, note: '再次' })).statusCode).toBe(409);
    expect((await ok(call('GET', '/api/meetings/proposals', jw))).items.map((x: any) => x.id)).toEqual([proposalId]);
    expect((await ok(call('GET', '/api/meetings/proposals', xf))).items).toEqual([]);
  });

  it('creating compiles entries since the previous meeting, warnings, the team with problems and the proposal — not the other convener’s subjects', async () => {
    await setDay('2026-06-01');
    const m = await ok(call('POST', '/api/meetings', sup, { convenerId: city.city, heldOn: '2026-06-20', title: '2026年上半年干部监督联席会议', proposalCutoff: '2026-06-10', location: '市委第一会议室' }));
    m1 = m.id;
    expect(m).toMatchObject({ since: '2026-01-11', until: '2026-06-01', proposalCutoff: '2026-06-10', location: '市委第一会议室' });
    const list = await subjectsOf(m1);
    expect(list.map(nameOf).sort()).toEqual(['张三明', '李四海', '东平县委领导班子'].sort());
    const li = list.find((s) => s.cadreName === '李四海');
    // Two petitions within a year (one recorded before the period) raised 信访集中: open warnings are on whatever their date.
    expect(li.reasons).toEqual(['entries', 'warnings']);
    // Only what was accepted in the period: the petition recorded on 2026-01-05 belonged to the previous meeting.
    expect(li.content.entries).toHaveLength(1);
    expect(li.content.entries[0]).toMatchObject({ kind: 'xfjb', kindName: '信访举报', date: '2026-03-01', departmentCode: 'xf', summary: '信访举报：来信实名反映，核查中' });
    expect(JSON.stringify(list)).not.toContain('机密摘要');
    expect(li.post).toBe('县长');
    const team = list.find((s) => s.subjectType === 'team');
    expect(team.reasons).toEqual(expect.arrayContaining(['entries', 'team_problem']));
    expect(team.content.teamProblems[0]).toContain('较差');
    const zs = list.find((s) => s.cadreName === '张三明');
    expect(zs.reasons).toEqual(['proposed']);
    expect(zs.content.proposals[0]).toMatchObject({ id: proposalId, departmentCode: 'jw', departmentName: '纪委监委', reason: '建议联席会议研判其问责情况' });
    expect(zs).toMatchObject({ conclusion: null, taskId: null, taskStatus: null, addedVersion: 1, droppedVersion: null });
    // 西岭区's own convener sees 王五 on its agenda, and nothing of 青川市委's meeting.
    const b = await ok(call('POST', '/api/meetings', supB, { convenerId: city.countyB, heldOn: '2026-06-25', title: '西岭区联席会议' }));
    expect((await subjectsOf(b.id, supB)).map(nameOf)).toEqual(['王五']);
    expect((await call('GET', `/api/meetings/${m1}`, supB)).statusCode).toBe(404);
    expect((await call('GET', `/api/meetings/${m1}/subjects`, supB)).statusCode).toBe(404);
    expect((await ok(call('GET', '/api/meetings', supB))).items.map((x: any) => x.id)).toEqual([b.id]);
    const all = await ok(call('GET', `/api/meetings?status=planned&convenerId=${city.city}`, sup));
    expect(all).toMatchObject({ total: 1, items: [{ id: m1, subjects: 3 }] });
  });

  it('a re-compile is a new version: added, changed and dropped subjects by name', async () => {
    await setDay('2026-06-05');
    await ok(call('POST', '/api/entries', sup, petition('赵六', '2026-06-02')));
    await ok(call('POST', '/api/entries', sup, petition('李四海', '2026-06-03')));
    await ok(call('POST', `/api/entries/${ndkh}/withdraw`, sup, { baseVersion: 1, reason: '重复录入' }));
    const c = await ok(call('POST', `/api/meetings/${m1}/compile`, sup));
    expect(c).toMatchObject({
      version: 2, since: '2026-01-11', until: '2026-06-05', added: 1, changed: 1, dropped: 1,
      diff: { added: ['赵六（东平县石桥镇党委）'], changed: ['李四海（东平县委）'], dropped: ['东平县委领导班子'] },
    });
    const list = await subjectsOf(m1);
    expect(list.map(nameOf)).not.toContain('东平县委领导班子');
    const li = list.find((s) => s.cadreName === '李四海');
    expect(li).toMatchObject({ addedVersion: 1, changedVersion: 2 });
    expect(li.reasons).toEqual(['entries', 'warnings']);
    expect(li.content.warnings.find((w: any) => w.rule === 'petition_cluster')).toMatchObject({ colour: 'yellow', ruleName: '信访集中' });
    expect(list[0].cadreName).toBe('李四海'); // warnings first
    const withDropped = await subjectsOf(m1, sup, '?removed=true');
    expect(withDropped.find((s) => s.subjectType === 'team')).toMatchObject({ droppedVersion: 2 });
    const detail = await ok(call('GET', `/api/meetings/${m1}`, sup));
    expect(detail.compiles.map((x: any) => x.version)).toEqual([2, 1]);
  });

  it('a subject removed by the secretary is kept with the reason, stays removed on re-compile, and can be restored', async () => {
    const zs = (await subjectsOf(m1)).find((s) => s.cadreName === '张三明');
    const noReason = await call('POST', `/api/meetings/${m1}/subjects/${zs.id}/remove`, sup, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const removed = await ok(call('POST', `/api/meetings/${m1}/subjects/${zs.id}/remove`, sup, { reason: '已由纪委另行处理' }));
    expect(removed).toMatchObject({ removedReason: '已由纪委另行处理', removedByLogin: expect.any(String) });
    expect((await subjectsOf(m1)).map(nameOf)).not.toContain('张三明');
    await ok(call('POST', `/api/meetings/${m1}/compile`, sup));
    expect((await subjectsOf(m1, sup, '?removed=true')).find((s) => s.id === zs.id)).toMatchObject({ removedReason: '已由纪委另行处理', droppedVersion: null });
    const restored = await ok(call('POST', `/api/meetings/${m1}/subjects/${zs.id}/restore`, sup));
    expect(restored.removedAt).toBeNull();
    expect((await subjectsOf(m1)).map(nameOf)).toContain('张三明');
  });

  it('after the cutoff a member department’s proposal is refused with the meeting named', async () => {
    await setDay('2026-06-11');
    const e = (await ok(call('POST', '/api/submissions', jw, {
      kind: 'cfwz', cadreId: cadre('李四海'), occurredOn: '2026-06-01', summary: '违规', details: { category: '问责', measure: '诫勉' },
    }))).entryId;
    const late = await call('POST', '/api/meetings/proposals', jw, { entryId: e, note: '补充提请' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('2026-06-10截止');
  });

  it('PATCH changes a meeting in 筹备; held, the agenda is frozen', async () => {
    const p = await patch(`/api/meetings/${m1}`, sup, { location: '市委第二会议室' });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().location).toBe('市委第二会议室');
    expect((await patch(`/api/meetings/${m1}`, sup, { proposalCutoff: '2026-07-01' })).json().issues[0].path).toBe('proposalCutoff');
    expect((await call('POST', `/api/meetings/${m1}/hold`, sup, {})).statusCode).toBe(400); // not yet its day
    await setDay('2026-06-20');
    const held = await ok(call('POST', `/api/meetings/${m1}/hold`, sup, {}));
    expect(held).toMatchObject({ status: 'held', heldOn: '2026-06-20' });
    expect((await call('POST', `/api/meetings/${m1}/compile`, sup)).statusCode).toBe(409);
    const any = (await subjectsOf(m1))[0];
    expect((await call('POST', `/api/meetings/${m1}/subjects/${any.id}/remove`, sup, { reason: 'x' })).statusCode).toBe(409);
    expect((await patch(`/api/meetings/${m1}`, sup, { title: '改名' })).statusCode).toBe(409);
    expect((await call('POST', `/api/meetings/${m1}/hold`, sup, {})).statusCode).toBe(409);
    const taken = (await ok(call('GET', `/api/meetings/proposals?convenerId=${city.city}`, sup))).items.find((x: any) => x.id === proposalId);
    expect(taken.meetingId).toBe(m1);
    const detail = await ok(call('GET', `/api/meetings/${m1}`, sup));
    expect(detail.events.map((e: any) => e.action)).toEqual(['create', 'compile', 'compile', 'compile', 'update', 'hold']);
  });

  it('the next meeting’s period starts the day after the one held; leaders read but do not prepare', async () => {
    const m = await ok(call('POST', '/api/meetings', sup, { convenerId: city.city, heldOn: '2026-12-10', title: '2026年下半年干部监督联席会议' }));
    expect(m.since).toBe('2026-06-21');
    const leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
    expect((await call('GET', `/api/meetings/${m.id}/subjects`, leader)).statusCode).toBe(200);
    expect((await call('POST', `/api/meetings/${m.id}/compile`, leader)).statusCode).toBe(403);
    const late = await call('POST', '/api/meetings', sup, { convenerId: city.city, heldOn: '2026-12-10', title: 'x', since: '2026-12-11' });
    expect(late.json().issues[0].path).toBe('since');
  });
});

describe('member departments of a convener', () => {
  it('default: every department, active, its member accounts as contacts; set: an appended row; contacts must be that department’s', async () => {
    const list = await ok(call('GET', `/api/meetings/members?convenerId=${city.city}`, sup));
    expect(list.map((m: any) => m.departmentName)).toEqual(['纪委监委', '组织部', '法院', '检察院', '公安局', '巡察办', '审计局', '信访局']);
    const jwRow = list.find((m: any) => m.departmentCode === 'jw');
    expect(jwRow).toMatchObject({ active: true, isDefault: true });
    expect(jwRow.contacts.length).toBeGreaterThan(0);
    const jwAccount = jwRow.contacts[0].userId;
    const xfAccount = list.find((m: any) => m.departmentCode === 'xf').contacts[0].userId;
    const put = (payload: object) => ctx.app.inject({ method: 'PUT', url: '/api/meetings/members', headers: { cookie: sup }, payload });
    const wrong = await put({ convenerId: city.city, departmentCode: 'jw', active: true, contactUserIds: [xfAccount] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues[0].path).toBe('contactUserIds');
    const set = await put({ convenerId: city.city, departmentCode: 'jw', active: true, contactUserIds: [jwAccount], contactNote: '每月联络一次' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().find((m: any) => m.departmentCode === 'jw')).toMatchObject({ isDefault: false, contactNote: '每月联络一次', contacts: [{ userId: jwAccount }] });
    const off = await put({ convenerId: city.city, departmentCode: 'fy', active: false });
    expect(off.json().find((m: any) => m.departmentCode === 'fy')).toMatchObject({ active: false, contacts: [] });
    expect((await put({ convenerId: city.countyB, departmentCode: 'fy', active: false })).statusCode).toBe(200);
    const county = await ctx.app.inject({ method: 'PUT', url: '/api/meetings/members', headers: { cookie: supB }, payload: { convenerId: city.city, departmentCode: 'fy', active: true } });
    expect(county.statusCode).toBe(400);
    expect((await call('GET', `/api/meetings/members?convenerId=${city.city}`, jw)).statusCode).toBe(403);
  });
});

describe('audit', () => {
  it('every change and every read of the agenda is in the audit log', async () => {
    const actions = (await ctx.db.tx((tx) => rows<{ action: string }>(tx, sql`select distinct action from audit_log where action like 'meeting.%'`))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining([
      'meeting.create', 'meeting.compile', 'meeting.hold', 'meeting.update', 'meeting.subjects', 'meeting.subject.remove',
      'meeting.subject.restore', 'meeting.members', 'meeting.propose',
    ]));
  });
});
