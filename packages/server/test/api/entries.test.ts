import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let member: string;
let teamA: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
  teamA = (await ctx.app.inject({ method: 'GET', url: `/api/orgs/${city.countyA}/team`, headers: { cookie: sup } })).json().team.id;
});

const call: TestContext['call'] = (...a) => ctx.call(...a);

const petition = (cadre: string, extra: object = {}) => ({
  kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres[cadre]!.id, occurredOn: '2025-03-15', refNo: '青信〔2025〕12号',
  summary: '群众反映其违规操办婚宴', details: { channel: '12380', realName: true, status: '核查中' }, ...extra,
});

describe('entries', () => {
  it('a supervisor records an entry; it shows on the cadre timeline, accepted', async () => {
    const r = await call('POST', '/api/entries', sup, petition('张三明'));
    expect(r.statusCode, r.body).toBe(200);
    const list = (await call('GET', `/api/entries?cadreId=${city.cadres['张三明']!.id}`, sup)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kindName: '信访举报', sourceDeptName: '信访局', status: 'accepted', version: 1, provenance: 'form', cadreName: '张三明' });
  });

  it('details are checked against the kind, with Chinese messages naming the field', async () => {
    const r = await call('POST', '/api/entries', sup, petition('张三明', { details: { channel: '飞鸽传书', realName: true, status: '办结' } }));
    expect(r.statusCode).toBe(400);
    const paths = r.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('details.channel');
    expect(r.json().issues.find((i: { path: string }) => i.path === 'details.channel').message).toContain('来源渠道应为');
    const closed = await call('POST', '/api/entries', sup, petition('张三明', { details: { channel: '来信', realName: false, status: '办结' } }));
    expect(closed.json().issues).toEqual([{ path: 'details.result', message: '办结的信访件须填写核查结果' }]);
    const teamGrade = await call('POST', '/api/entries', sup, {
      kind: 'ndkh', sourceDept: 'zzb', cadreId: city.cadres['李四海']!.id, occurredOn: '2025-01-20', summary: '2024年度考核', details: { year: 2024, grade: '较好' },
    });
    expect(teamGrade.json().issues[0]).toMatchObject({ path: 'details.grade' });
    const future = await call('POST', '/api/entries', sup, petition('张三明', { occurredOn: '2999-01-01' }));
    expect(future.json().issues.map((i: { path: string }) => i.path)).toContain('occurredOn');
    const wrongDept = await call('POST', '/api/entries', sup, petition('张三明', { sourceDept: 'sj' }));
    expect(wrongDept.json().issues[0]).toMatchObject({ path: 'sourceDept' });
  });

  it('a punishment carries its impact period, computed by the rules', async () => {
    const r = await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: city.cadres['王五']!.id, occurredOn: '2025-02-10', refNo: '青纪〔2025〕3号',
      summary: '违反中央八项规定精神', details: { category: '党纪处分', measure: '严重警告' },
    });
    const e = (await call('GET', `/api/entries/${r.json().entryId}`, sup)).json().entry;
    expect(e).toMatchObject({ impactUntil: '2026-08-10', impactBasis: '党纪处分·严重警告 18个月' });
    const bad = await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: city.cadres['王五']!.id, occurredOn: '2025-02-10', summary: 'x', details: { category: '政务处分', measure: '严重警告' },
    });
    expect(bad.json().issues[0]).toMatchObject({ path: 'details.measure', message: expect.stringContaining('政务处分的处理方式应为') });
  });

  it('a team can be the subject', async () => {
    const r = await call('POST', '/api/entries', sup, {
      kind: 'ndkh', sourceDept: 'zzb', teamId: teamA, occurredOn: '2025-01-20', summary: '2024年度班子考核', details: { year: 2024, grade: '较好' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await call('GET', `/api/entries?teamId=${teamA}`, sup)).json().items[0]).toMatchObject({ teamName: '东平县委领导班子' });
  });
});

describe('append-only versions', () => {
  it('a correction is a new version; the old one stays readable; a withdrawal is a version with a reason', async () => {
    const { entryId } = (await call('POST', '/api/entries', sup, petition('赵六'))).json();
    const c = await call('POST', `/api/entries/${entryId}/correct`, sup, {
      ...petition('赵六'), kind: undefined, sourceDept: undefined, baseVersion: 1, reason: '文号录错',
      refNo: '青信〔2025〕21号',
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().version).toBe(2);
    const w = await call('POST', `/api/entries/${entryId}/withdraw`, sup, { baseVersion: 2, reason: '重复录入' });
    expect(w.json().version).toBe(3);
    const h = (await call('GET', `/api/entries/${entryId}`, sup)).json();
    expect(h.entry).toMatchObject({ status: 'withdrawn', version: 3 });
    expect(h.versions.map((v: { version: number; action: string; refNo: string; reason: string | null }) => [v.version, v.action, v.refNo, v.reason])).toEqual([
      [3, 'withdraw', '青信〔2025〕21号', '重复录入'],
      [2, 'correct', '青信〔2025〕21号', '文号录错'],
      [1, 'create', '青信〔2025〕12号', null],
    ]);
    const again = await call('POST', `/api/entries/${entryId}/correct`, sup, { ...petition('赵六'), kind: undefined, sourceDept: undefined, baseVersion: 3, reason: 'x' });
    expect(again.statusCode).toBe(409);
  });

  it('two people correcting the same version: one succeeds, the other gets 409', async () => {
    const { entryId } = (await call('POST', '/api/entries', sup, petition('张珊'))).json();
    const body = (ref: string) => ({ ...petition('张珊'), kind: undefined, sourceDept: undefined, baseVersion: 1, reason: '更正', refNo: ref });
    const [a, b] = await Promise.all([
      call('POST', `/api/entries/${entryId}/correct`, sup, body('A号')),
      call('POST', `/api/entries/${entryId}/correct`, sup, body('B号')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().message).toMatch(/已被他人修改|刚被他人修改/u);
    const h = (await call('GET', `/api/entries/${entryId}`, sup)).json();
    expect(h.versions).toHaveLength(2);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of versions', async () => {
    await expect(ctx.db.tx((tx) => tx.execute(sql`update entry set summary = 'x'`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`delete from entry`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`truncate entry cascade`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`truncate entry_review`))).rejects.toThrow();
    expect((await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from entry`)))[0]!.n).toBeGreaterThan(3);
  });
});

describe('member departments', () => {
  it('submit their own kinds only; a submission is pending until reviewed', async () => {
    const own = await call('POST', '/api/submissions', member, { ...petition('李四海'), sourceDept: undefined });
    expect(own.statusCode, own.body).toBe(200);
    const other = await call('POST', '/api/submissions', member, {
      kind: 'cfwz', cadreId: city.cadres['李四海']!.id, occurredOn: '2025-02-10', summary: 'x', details: { category: '党纪处分', measure: '警告' },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().issues[0]).toMatchObject({ path: 'sourceDept', message: expect.stringContaining('不报送') });
    const asOther = await call('POST', '/api/submissions', member, { ...petition('李四海'), sourceDept: 'jw' });
    expect(asOther.statusCode).toBe(400);
    const mine = (await call('GET', '/api/submissions', member)).json().items;
    expect(mine.every((e: { sourceDept: string }) => e.sourceDept === 'xf')).toBe(true);
    expect(mine.find((e: { entryId: string }) => e.entryId === own.json().entryId).status).toBe('pending');
    expect((await call('GET', '/api/entries', member)).statusCode).toBe(403);
    const kinds = (await call('GET', '/api/entry-kinds', member)).json();
    expect(kinds.map((k: { code: string }) => k.code).sort()).toEqual(['bzjl', 'xfjb']);
  });

  it('never see other departments’ entries', async () => {
    const { entryId } = (await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: city.cadres['李四海']!.id, occurredOn: '2025-02-10', summary: 'x', details: { category: '党纪处分', measure: '警告' },
    })).json();
    expect((await call('GET', `/api/submissions/${entryId}`, member)).statusCode).toBe(404);
    const all = (await call('GET', `/api/submissions?cadreId=${city.cadres['李四海']!.id}`, member)).json().items;
    expect(all.find((e: { entryId: string }) => e.entryId === entryId)).toBeUndefined();
  });

  it('a supervisor returns with a reason; the department corrects; the supervisor accepts', async () => {
    const { entryId } = (await call('POST', '/api/submissions', member, { ...petition('王五'), sourceDept: undefined })).json();
    const noReason = await call('POST', `/api/entries/${entryId}/review`, sup, { decision: 'returned', baseVersion: 1 });
    expect(noReason.statusCode).toBe(400);
    expect((await call('POST', `/api/entries/${entryId}/review`, sup, { decision: 'returned', reason: '缺少文号', baseVersion: 1 })).statusCode).toBe(200);
    let s = (await call('GET', `/api/submissions/${entryId}`, member)).json();
    expect(s.entry).toMatchObject({ status: 'returned', reviewReason: '缺少文号' });
    const fix = await call('POST', `/api/submissions/${entryId}/correct`, member, { ...petition('王五'), kind: undefined, sourceDept: undefined, refNo: '青信〔2025〕30号', baseVersion: 1, reason: '补充文号' });
    expect(fix.statusCode, fix.body).toBe(200);
    s = (await call('GET', `/api/submissions/${entryId}`, member)).json();
    expect(s.entry.status).toBe('pending');
    expect((await call('POST', `/api/entries/${entryId}/review`, sup, { decision: 'accepted', baseVersion: 2 })).statusCode).toBe(200);
    s = (await call('GET', `/api/submissions/${entryId}`, member)).json();
    expect(s.entry.status).toBe('accepted');
    expect(s.reviews.map((r: { decision: string; version: number }) => [r.decision, r.version])).toEqual([['returned', 1], ['accepted', 2]]);
    const late = await call('POST', `/api/submissions/${entryId}/correct`, member, { ...petition('王五'), kind: undefined, sourceDept: undefined, baseVersion: 2, reason: 'x' });
    expect(late.statusCode).toBe(409);
  });
});

describe('audit', () => {
  it('every change and every read of an entry or a ledger is audited', async () => {
    const { entryId } = (await call('POST', '/api/entries', sup, petition('张三明', { refNo: '审计用' }))).json();
    await call('GET', `/api/entries/${entryId}`, sup);
    await call('GET', `/api/entries?cadreId=${city.cadres['张三明']!.id}`, sup);
    const r = await ctx.db.tx((tx) => rows<{ action: string; object_id: string | null }>(tx, sql`select action, object_id from audit_log order by seq desc limit 3`));
    expect(r.map((x) => x.action)).toEqual(['ledger.read', 'entry.read', 'entry.create']);
    expect(r[1]!.object_id).toBe(entryId);
  });
});
