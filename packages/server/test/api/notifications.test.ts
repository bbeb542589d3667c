/**
 * The bell, as its users live it: the hourly sweep tells the responsible user of a 待办 that its deadline is
 * near and then that it passed — once each, however often it runs; a member department learns the decision
 * on its submission; a user reads and marks only their own notifications.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { sweepDue } from '../../src/services/supervision/jobs.ts';
import { TEST_PASSWORD, createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: { cookie: string; login: string; id: string };
let other: { cookie: string; login: string; id: string };
const call: TestContext['call'] = (...a) => ctx.call(...a);
const q = <T>(text: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, text));
const relogin = async (u: { cookie: string; login: string }) => {
  u.cookie = (await ctx.login(u.login, TEST_PASSWORD)).cookie!;
};
const mine = async (u: { cookie: string }, query = '') => {
  const r = await call('GET', `/api/notifications${query}`, u.cookie);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as any[];
};
const about = async (u: { cookie: string }, obligationId: string) => (await mine(u, '?limit=200')).filter((n) => n.link?.includes(obligationId));
const unread = async (u: { cookie: string }) => (await call('GET', '/api/notifications/unread-count', u.cookie)).json().unread as number;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  city = await makeSmallCity(ctx);
  sup = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
  other = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
});

describe('deadlines: the sweep notifies the responsible user once', () => {
  let obligationId: string;
  it('a 待办 due within 7 days is announced once however often the sweep runs', async () => {
    const [o] = await q<{ id: string; due_on: string }>(sql`
      select id, due_on from obligation where cadre_id = ${city.cadres['张三明']!.id} and type = 'training' and active`);
    expect(o, 'the 一把手 has his yearly training obligation').toBeTruthy();
    obligationId = o!.id;
    // 分派 to the supervisor (written directly here; the 分派 route is tested with 待办).
    await ctx.db.tx((tx) => tx.execute(sql`update obligation set responsible_id = ${sup.id}, assigned = true where id = ${obligationId}`));
    await sweepDue(ctx.deps);
    await relogin(sup);
    expect(await about(sup, obligationId)).toEqual([]);

    ctx.clock.setDate('2026-12-27');
    await sweepDue(ctx.deps);
    await sweepDue(ctx.deps);
    await relogin(sup);
    const items = await about(sup, obligationId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'due_soon', link: `/obligations?id=${obligationId}`, readAt: null });
    expect(items[0].title).toContain('2026-12-31');
    expect(items[0].title).toContain('张三明');
    expect(await unread(sup)).toBeGreaterThanOrEqual(1);
  });

  it('once the deadline has passed, it is announced overdue (once)', async () => {
    ctx.clock.setDate('2027-01-02');
    await sweepDue(ctx.deps);
    await sweepDue(ctx.deps);
    await relogin(sup);
    const items = await about(sup, obligationId);
    expect(items.map((n) => n.kind)).toEqual(['overdue', 'due_soon']);
    const [count] = await q<{ n: number }>(sql`select count(*)::int as n from notification where user_id = ${sup.id} and dedupe like ${`%${obligationId}%`}`);
    expect(count?.n).toBe(2);
  });

  it('a user marks only their own notifications read; another user neither sees nor reads them', async () => {
    await relogin(other);
    const [first] = await about(sup, obligationId);
    const before = await unread(sup);
    expect((await mine(other)).map((x) => x.id)).not.toContain(first.id);
    const foreign = await call('POST', '/api/notifications/read', other.cookie, { ids: [first.id] });
    expect(foreign.json()).toEqual({ updated: 0 });
    await call('POST', '/api/notifications/read', other.cookie, { all: true });
    expect(await unread(sup)).toBe(before);
    expect((await call('POST', '/api/notifications/read', sup.cookie, { ids: [first.id] })).json()).toEqual({ updated: 1 });
    expect(await unread(sup)).toBe(before - 1);
    expect((await mine(sup, '?unread=true')).map((x) => x.id)).not.toContain(first.id);
    expect((await call('POST', '/api/notifications/read', sup.cookie, { all: true })).json()).toEqual({ updated: before - 1 });
    expect(await unread(sup)).toBe(0);
    expect((await call('POST', '/api/notifications/read', sup.cookie, {})).statusCode).toBe(400);
  });

  it('the list pages newest first with a cursor', async () => {
    const all = await mine(sup, '?limit=200');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const page = (await call('GET', '/api/notifications?limit=1', sup.cookie)).json();
    expect(page.items.map((x: any) => x.id)).toEqual([all[0].id]);
    const next = (await call('GET', `/api/notifications?limit=1&cursor=${page.nextCursor}`, sup.cookie)).json();
    expect(next.items.map((x: any) => x.id)).toEqual([all[1].id]);
  });
});

describe('decisions on my submissions', () => {
  it('a member department learns that its submission was returned, with the reason, linking to 我的报送', async () => {
    const member = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' });
    await relogin(sup);
    const sub = await call('POST', '/api/submissions', member.cookie, {
      kind: 'xfjb', cadreId: city.cadres['李四海']!.id, occurredOn: '2026-12-20', summary: '反映其违规收受礼金',
      details: { channel: '来信', realName: true, status: '核查中' },
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(await unread(member)).toBe(0);
    const review = await call('POST', `/api/entries/${sub.json().entryId}/review`, sup.cookie, { decision: 'returned', reason: '缺少文号', baseVersion: 1 });
    expect(review.statusCode, review.body).toBe(200);
    const items = (await mine(member)).filter((n) => n.kind === 'decision');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'decision', link: '/submissions' });
    expect(items[0].title).toBe('您报送的信访举报记录（李四海，2026-12-20）已被退回：缺少文号');
    expect(await unread(member)).toBe(1);
    expect(await mine(sup)).not.toContainEqual(expect.objectContaining({ kind: 'decision' }));
  });
});
