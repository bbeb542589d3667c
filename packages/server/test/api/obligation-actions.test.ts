/**
 * Acting on a 待办 as a clerk does: every obligation has a responsible user (the supervisor of its area, or
 * the area's setting), 我的待办 lists mine, 分派 gives it to a colleague (who is notified), 办结 with a note
 * closes it (and it raises no 义务逾期), 重新打开 brings it back; all within scope, with an append-only history.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
type User = { cookie: string; login: string; id: string };
let city1: User; // supervisor, city scope (lowest login: the city's default)
let city2: User; // supervisor, city scope
let supA: User; // supervisor, 东平县 (countyA)
let supB: User; // supervisor, 西岭区 (countyB)
let leader: User;
const call: TestContext['call'] = (...a) => ctx.call(...a);

async function signIn(day: string) {
  ctx.clock.setDate(day);
  const again = async (u: User) => ({ ...u, cookie: (await ctx.login(u.login, 'Kq7#mVx2pL9w')).cookie! });
  [city1, city2, supA, supB, leader] = await Promise.all([city1, city2, supA, supB, leader].map(again)) as [User, User, User, User, User];
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  city1 = await ctx.loginAs('supervisor', { scopeOrgId: city.city, login: 'oa-city1' });
  city2 = await ctx.loginAs('supervisor', { scopeOrgId: city.city, login: 'oa-city2' });
  supA = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA, login: 'oa-county-a' });
  supB = await ctx.loginAs('supervisor', { scopeOrgId: city.countyB, login: 'oa-county-b' });
  leader = await ctx.loginAs('leader', { scopeOrgId: city.city, login: 'oa-leader' });
  // A change of post on 2026-06-01 for 李四海 (东平县) and 张珊 (市): each asks for a talk by 2026-07-01.
  for (const [name, orgId] of [['李四海', city.countyA], ['张珊', city.city]] as const) {
    const team = (await call('GET', `/api/orgs/${orgId}/team`, city1.cookie)).json().team.id;
    const r = await call('POST', `/api/cadres/${city.cadres[name]!.id}/tenures`, city1.cookie, { teamId: team, title: '副职', isPrincipal: false, domains: ['党建'], startDate: '2026-06-01' });
    expect(r.statusCode, r.body).toBe(200);
  }
});

const talkOf = async (name: string, cookie = city1.cookie) => {
  const r = await call('GET', `/api/obligations?cadreId=${city.cadres[name]!.id}&type=talk`, cookie);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as any[]).find((o) => o.triggeredOn === '2026-06-01');
};
const mine = async (u: User) => (await call('GET', '/api/obligations?mine=true&limit=200', u.cookie)).json().items as any[];
const overdueWarnings = async (name: string) => ((await call('GET', `/api/warnings?cadreId=${city.cadres[name]!.id}&rule=obligation_overdue`, city1.cookie)).json().items as any[]);

describe('who answers for a 待办', () => {
  it('by default the supervisor whose scope is the deepest over the subject (tie: lowest login)', async () => {
    expect(await talkOf('李四海')).toMatchObject({ state: 'pending', dueOn: '2026-07-01', responsibleId: supA.id, responsibleName: 'oa-county-a', assigned: false });
    expect(await talkOf('张珊')).toMatchObject({ responsibleId: city1.id });
    expect((await mine(supA)).map((o) => o.cadreName)).toContain('李四海');
    expect((await mine(supA)).map((o) => o.cadreName)).not.toContain('张珊');
  });

  it('an area setting wins (a kind named beats all kinds at the same area); clearing it restores the default', async () => {
    const set = (body: object) => call('POST', '/api/obligation-responsibles', city1.cookie, body);
    expect((await set({ orgId: city.countyA, userId: city1.id })).json()).toMatchObject({ updated: expect.any(Number) });
    expect((await talkOf('李四海')).responsibleId).toBe(city1.id);
    expect((await set({ orgId: city.countyA, type: 'talk', userId: city2.id })).statusCode).toBe(200);
    expect((await talkOf('李四海')).responsibleId).toBe(city2.id);
    // A setting higher up does not beat the deeper area's.
    expect((await set({ orgId: city.city, type: 'talk', userId: city1.id })).statusCode).toBe(200);
    expect((await talkOf('李四海')).responsibleId).toBe(city2.id);
    const list = (await call('GET', '/api/obligation-responsibles', city1.cookie)).json() as any[];
    expect(list.map((x) => [x.orgName, x.type, x.login])).toEqual([['青川市委', 'talk', 'oa-city1'], ['东平县委', null, 'oa-city1'], ['东平县委', 'talk', 'oa-city2']]);
    // A user whose scope does not cover the area is refused.
    expect((await set({ orgId: city.countyA, userId: supB.id })).statusCode).toBe(400);
    await set({ orgId: city.countyA, type: 'talk', userId: null });
    await set({ orgId: city.countyA, userId: null });
    await set({ orgId: city.city, type: 'talk', userId: null });
    expect((await talkOf('李四海')).responsibleId).toBe(supA.id);
    const audit = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'obligation.responsible'`));
    expect(audit[0]!.n).toBe(6); // the refused one changed nothing
  });
});

describe('分派, 办结, 重新打开', () => {
  it('分派 gives it to a colleague: in his 我的待办, notified, kept through re-evaluation and area settings', async () => {
    const o = await talkOf('李四海');
    const r = await call('POST', `/api/obligations/${o.id}/assign`, city1.cookie, { userId: city2.id, note: '请跟进' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await talkOf('李四海')).toMatchObject({ responsibleId: city2.id, responsibleName: 'oa-city2', assigned: true });
    expect((await mine(city2)).map((x) => x.id)).toContain(o.id);
    expect((await mine(supA)).map((x) => x.id)).not.toContain(o.id);
    const notes = await ctx.db.tx((tx) => rows<{ kind: string; title: string; link: string }>(tx, sql`select kind, title, link from notification where user_id = ${city2.id}`));
    expect(notes).toEqual([{ kind: 'assigned', title: expect.stringContaining('李四海'), link: `/obligations?id=${o.id}` }]);
    // An area setting and a re-evaluation (a new entry for the cadre) leave a 分派 alone.
    await call('POST', '/api/obligation-responsibles', city1.cookie, { orgId: city.countyA, userId: supA.id });
    await call('POST', '/api/obligation-responsibles', city1.cookie, { orgId: city.countyA, userId: null });
    expect((await talkOf('李四海')).responsibleId).toBe(city2.id);
  });

  it('refuses a user whose scope does not cover the subject, and one who is not there', async () => {
    const o = await talkOf('李四海');
    const outside = await call('POST', `/api/obligations/${o.id}/assign`, city1.cookie, { userId: supB.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('管理范围');
    expect((await call('POST', `/api/obligations/${o.id}/assign`, city1.cookie, { userId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    const offer = (await call('GET', `/api/obligations/${o.id}/assignees`, city1.cookie)).json() as any[];
    expect(offer.map((u) => u.login)).toEqual(expect.arrayContaining(['oa-city1', 'oa-city2', 'oa-county-a']));
    expect(offer.map((u) => u.login)).not.toContain('oa-county-b');
  });

  it('outside the actor\'s scope it is a 404; without the right a 403', async () => {
    const o = await talkOf('李四海');
    expect((await call('POST', `/api/obligations/${o.id}/close`, supB.cookie, { note: '不需要' })).statusCode).toBe(404);
    expect((await call('POST', `/api/obligations/${o.id}/assign`, supB.cookie, { userId: supB.id })).statusCode).toBe(404);
    expect((await call('GET', `/api/obligations/${o.id}/actions`, supB.cookie)).statusCode).toBe(404);
    expect((await call('POST', `/api/obligations/${o.id}/close`, leader.cookie, { note: '不需要' })).statusCode).toBe(403);
  });

  it('办结 needs a note; closed it is done and raises no 义务逾期; 重新打开 brings both back', async () => {
    const o = await talkOf('李四海');
    const bare = await call('POST', `/api/obligations/${o.id}/close`, city1.cookie, { note: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('请填写说明');
    // Past the grace (due 2026-07-01 + 30 days): 义务逾期 for both talks.
    await signIn('2026-08-05');
    await call('POST', '/api/rules/jobs', city1.cookie);
    const { drainJobs } = await import('../../src/services/jobs.ts');
    await drainJobs();
    expect((await overdueWarnings('李四海')).map((w) => w.colour)).toEqual(['yellow']);
    expect((await talkOf('李四海')).state).toBe('overdue');

    const r = await call('POST', `/api/obligations/${o.id}/close`, city1.cookie, { note: '已电话提醒，本人调离，无需谈话' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await talkOf('李四海')).toMatchObject({ state: 'done', closedOn: '2026-08-05', closedByLogin: 'oa-city1', closeNote: '已电话提醒，本人调离，无需谈话' });
    expect(await overdueWarnings('李四海')).toEqual([]);
    expect((await mine(city2)).find((x) => x.id === o.id)?.state).toBe('done');
    expect((await call('POST', `/api/obligations/${o.id}/close`, city1.cookie, { note: '再次' })).statusCode).toBe(409);
    // The exported list says who answers for it and why it was closed.
    const x = await call('GET', `/api/obligations/export.xlsx?cadreId=${city.cadres['李四海']!.id}&type=talk`, city1.cookie);
    expect(x.statusCode, x.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).map(String);
    const row = (sheet.getRow(4).values as unknown[]).map((v) => (v == null ? '' : String(v)));
    expect(row[header.indexOf('负责人')]).toBe('oa-city2');
    expect(row[header.indexOf('办结说明')]).toBe('已电话提醒，本人调离，无需谈话');
    expect(row[header.indexOf('完成日期')]).toBe('2026-08-05');
    // A full re-evaluation keeps it closed (the closure is a fact of the rules).
    await call('POST', '/api/rules/jobs', city1.cookie);
    await drainJobs();
    expect(await overdueWarnings('李四海')).toEqual([]);
    expect((await talkOf('李四海')).state).toBe('done');

    expect((await call('POST', `/api/obligations/${o.id}/reopen`, city1.cookie, { note: '仍需谈话' })).statusCode).toBe(200);
    expect(await talkOf('李四海')).toMatchObject({ state: 'overdue', closedOn: null, closeNote: null });
    expect((await overdueWarnings('李四海')).map((w) => w.colour)).toEqual(['yellow']);
    expect((await call('POST', `/api/obligations/${o.id}/reopen`, city1.cookie, { note: '再次' })).statusCode).toBe(409);

    const history = (await call('GET', `/api/obligations/${o.id}/actions`, supA.cookie)).json() as any[];
    expect(history.map((h) => [h.action, h.userName, h.note, h.byLogin])).toEqual([
      ['assign', 'oa-city2', '请跟进', 'oa-city1'], ['close', null, '已电话提醒，本人调离，无需谈话', 'oa-city1'], ['reopen', null, '仍需谈话', 'oa-city1'],
    ]);
    const audit = await ctx.db.tx((tx) => rows<{ action: string }>(tx, sql`
      select action from audit_log where object_id = ${o.id} and action like 'obligation.%' and action <> 'obligation.list' order by seq`));
    expect(audit.map((a) => a.action)).toEqual(['obligation.assign', 'obligation.close', 'obligation.reopen', 'obligation.actions']);
  });

  it('the history is append-only', async () => {
    const refusal = (q: ReturnType<typeof sql>) => ctx.db.tx((tx) => tx.execute(q)).then(() => 'accepted', (e: any) => String(e.cause?.message ?? e.message));
    expect(await refusal(sql`update obligation_action set note = 'x'`)).toMatch(/只允许追加/u);
    expect(await refusal(sql`delete from obligation_action`)).toMatch(/只允许追加/u);
    expect(await refusal(sql`update obligation_responsible set user_id = null`)).toMatch(/只允许追加/u);
  });
});

describe('a 谈话提醒 taken on a warning', () => {
  it('raises a talk obligation from its day (loaded as a rules fact), with the default responsible', async () => {
    const [w] = await overdueWarnings('李四海');
    const cadreId = city.cadres['李四海']!.id;
    await ctx.db.tx((tx) => tx.execute(sql`
      insert into warning_followup (warning_id, action, subject_type, cadre_id, org_id, on_date, note, by_login)
      values (${w.id}, 'talk', 'cadre', ${cadreId}, ${city.countyA}, '2026-08-05', null, 'oa-city1')`));
    await call('POST', '/api/rules/jobs', city1.cookie);
    const { drainJobs } = await import('../../src/services/jobs.ts');
    await drainJobs();
    const talks = (await call('GET', `/api/obligations?cadreId=${cadreId}&type=talk`, city1.cookie)).json().items as any[];
    expect(talks.find((o) => o.triggeredOn === '2026-08-05')).toMatchObject({
      title: '预警谈话提醒（义务逾期，2026-08-05）后30日内开展谈心谈话', dueOn: '2026-09-04', state: 'pending', responsibleId: supA.id,
    });
  });
});

describe('the 待办 list', () => {
  it('open first, nearest due first, then the done ones; keyset pages keep that order', async () => {
    const all = (await call('GET', '/api/obligations?limit=200', city1.cookie)).json().items as any[];
    const rank = (o: any) => (o.state === 'done' ? 1 : 0);
    const sorted = [...all].sort((a, b) => rank(a) - rank(b) || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
    expect(all.map((o) => o.id)).toEqual(sorted.map((o) => o.id));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await call('GET', `/api/obligations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, city1.cookie)).json();
      paged.push(...page.items.map((o: any) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((o) => o.id));
    const d = (await call('GET', '/api/dashboard', city2.cookie)).json();
    expect(d.obligations.mine).toBe((await mine(city2)).filter((o) => o.state !== 'done').length);
  });
});

describe('干部管理权限 of the responsible user', () => {
  it('a county account neither answers for nor can be given a 市管 cadre\'s 待办; the city supervisor does', async () => {
    const cadreId = city.cadres['李四海']!.id;
    const set = await ctx.app.inject({ method: 'PUT', url: `/api/cadres/${cadreId}/manage-level`, headers: { cookie: city1.cookie }, payload: { level: '市管', reason: '调整为市管' } });
    expect(set.statusCode, set.body).toBe(200);
    // The next evaluation of the cadre picks the default again (a new change of post re-evaluates him).
    const team = (await call('GET', `/api/orgs/${city.countyA}/team`, city1.cookie)).json().team.id;
    const t = await call('POST', `/api/cadres/${cadreId}/tenures`, city1.cookie, { teamId: team, title: '常务副职', isPrincipal: false, domains: ['党建'], startDate: '2026-09-01' });
    expect(t.statusCode, t.body).toBe(200);
    const open = ((await call('GET', `/api/obligations?cadreId=${cadreId}&limit=200`, city1.cookie)).json().items as any[])
      .filter((o) => o.state !== 'done' && !o.assigned);
    expect(open.length).toBeGreaterThan(0);
    for (const o of open) expect(o.responsibleId, o.title).toBe(city1.id);
    expect((await mine(supA)).map((o) => o.cadreId)).not.toContain(cadreId);
    const one = open[0]!;
    const candidates = (await call('GET', `/api/obligations/${one.id}/assignees`, city1.cookie)).json() as any[];
    expect(candidates.map((u) => u.id)).not.toContain(supA.id);
    expect(candidates.map((u) => u.id)).toContain(city2.id);
    const refused = await call('POST', `/api/obligations/${one.id}/assign`, city1.cookie, { userId: supA.id });
    expect(refused.statusCode, refused.body).toBe(400);
  });
});
