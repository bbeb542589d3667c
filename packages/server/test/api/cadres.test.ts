import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeIdNumber, makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  cookie = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object) => ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const names = async (url: string) => (await get(url)).json().items.map((c: { name: string }) => c.name);

describe('干部 search and order', () => {
  it('pinyin initials find the person: zsm → 张三明', async () => {
    expect(await names('/api/cadres?q=zsm')).toEqual(['张三明']);
    expect(await names('/api/cadres?q=ZS')).toEqual(expect.arrayContaining(['张三明', '张珊']));
  });

  it('a name fragment and an exact 身份证号 (with lower-case x or spaces) find the person', async () => {
    expect(await names(`/api/cadres?q=${encodeURIComponent('四海')}`)).toEqual(['李四海']);
    const id = city.cadres['王五']!.idNumber;
    expect(await names(`/api/cadres?q=${id}`)).toEqual(['王五']);
    expect(await names(`/api/cadres?q=${encodeURIComponent(id.slice(0, 6) + ' ' + id.slice(6).toLowerCase())}`)).toEqual(['王五']);
  });

  it('one character or a fragment anywhere in the name, in pinyin order, pages and counts alike (the name grams, migration 0033)', async () => {
    const q = (t: string) => `/api/cadres?q=${encodeURIComponent(t)}`;
    expect(await names(q('张'))).toEqual(['张三明', '张珊']);
    expect(await names(q('三'))).toEqual(['张三明']);
    expect(await names(q('三明'))).toEqual(['张三明']);
    expect(await names(q('明三'))).toEqual([]);
    expect(await names(q('张三明张'))).toEqual([]);
    expect(await names(q('%'))).toEqual([]);
    expect((await get(`/api/cadres/count?q=${encodeURIComponent('张')}`)).json()).toEqual({ total: 2, exact: true });
    const first = (await get(`${q('张')}&limit=1`)).json();
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(['张三明']);
    expect((await get(`${q('张')}&limit=1&cursor=${first.nextCursor}`)).json().items.map((c: { name: string }) => c.name)).toEqual(['张珊']);
  });

  it('lists in pinyin order and masks the 身份证号', async () => {
    const res = (await get('/api/cadres')).json();
    expect(res.items.map((c: { name: string }) => c.name)).toEqual(['李四海', '王五', '张三明', '张珊', '赵六']);
    for (const c of res.items) expect(c.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/u);
    const zsm = res.items.find((c: { name: string }) => c.name === '张三明');
    expect(zsm).toMatchObject({ currentTitle: '县委书记', isPrincipal: true, orgName: '东平县委', gender: '男', birth: '1970-03' });
  });

  it('keyset pagination walks every cadre once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ name: string }>; nextCursor: string | null } =
        (await get(`/api/cadres?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['李四海', '王五', '张三明', '张珊', '赵六']);
    expect((await get('/api/cadres?cursor=garbage')).statusCode).toBe(400);
  });

  it('filters by org subtree and 一把手', async () => {
    expect((await names(`/api/cadres?orgId=${city.countyA}&principal=true`)).sort()).toEqual(['张三明', '赵六'].sort());
  });
});

describe('干部 creation', () => {
  it('rejects a wrong check digit with a Chinese message naming the field', async () => {
    const good = makeIdNumber('519901', '19900101', 77);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await post('/api/cadres', { name: '钱七', idNumber: bad, orgId: city.countyA });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'idNumber', message: expect.stringContaining('校验位') }]);
  });

  it('reads birth and gender from the ID, refuses a duplicate ID', async () => {
    const idNumber = makeIdNumber('519901', '19880808', 42);
    const res = await post('/api/cadres', { name: '孙八', idNumber, orgId: city.countyA });
    expect(res.statusCode).toBe(200);
    const detail = (await get(`/api/cadres/${res.json().id}`)).json();
    expect(detail).toMatchObject({ name: '孙八', birth: '1988-08', gender: Number(idNumber[16]) % 2 ? '男' : '女' });
    const dup = await post('/api/cadres', { name: '孙八二', idNumber, orgId: city.countyB });
    expect(dup.statusCode).toBe(409);
  });

  it('stores the 身份证号 encrypted: no column of any row holds the plaintext', async () => {
    const id = city.cadres['张三明']!.idNumber;
    const dump = await ctx.db.tx((tx) => rows<{ t: string }>(tx, sql`select string_agg(c::text, '|') as t from cadre c`));
    expect(dump[0]!.t).not.toContain(id);
    expect(dump[0]!.t).not.toContain(id.slice(4, 14));
    const audit = await ctx.db.tx((tx) => rows<{ t: string }>(tx, sql`select string_agg(a::text, '|') as t from audit_log a`));
    expect(audit[0]!.t).not.toContain(id);
  });

  it('reveals the full 身份证号 to a supervisor, and audits the read', async () => {
    const cid = city.cadres['张三明']!.id;
    const res = await get(`/api/cadres/${cid}/id-number`);
    expect(res.json().idNumber).toBe(city.cadres['张三明']!.idNumber);
    const audit = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'cadre.reveal-id' and object_id = ${cid}`));
    expect(audit[0]!.n).toBe(1);
  });

  it('a tampered ciphertext is detected, not decrypted into garbage', async () => {
    const cid = city.cadres['赵六']!.id;
    await ctx.db.tx((tx) => tx.execute(sql`update cadre set id_number_enc = set_byte(id_number_enc, 20, get_byte(id_number_enc, 20) # 1) where id = ${cid}`));
    const res = await get(`/api/cadres/${cid}/id-number`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('integrity_violation');
  });
});

describe('tenures', () => {
  it('ending a tenure removes the member from the team card', async () => {
    const team = (await get(`/api/orgs/${city.countyA}/team`)).json().team;
    const lsh = team.members.find((m: { name: string }) => m.name === '李四海');
    expect(team.members[0].isPrincipal).toBe(true);
    const end = await post(`/api/tenures/${lsh.tenureId}/end`, { endDate: '2025-12-31' });
    expect(end.statusCode).toBe(200);
    const after = (await get(`/api/orgs/${city.countyA}/team`)).json().team;
    expect(after.members.map((m: { name: string }) => m.name)).not.toContain('李四海');
    const again = await post(`/api/tenures/${lsh.tenureId}/end`, { endDate: '2025-12-31' });
    expect(again.statusCode).toBe(409);
  });
});
