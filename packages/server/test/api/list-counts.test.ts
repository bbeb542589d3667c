/**
 * 共 N 条 and sorting on every list: `GET /api/<list>/count` agrees with the rows paged through (filters and
 * scopes), says exact=false with a plausible estimate above the cap, each `sort=` keeps its order across
 * keyset pages, and 选择全部 N 条 on the warnings acts on exactly the filtered rows (and refuses above the cap).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KIND } from '@jiandu/domain';
import { systemActor } from '../../src/context.ts';
import { rows } from '../../src/db/client.ts';
import { ServiceError } from '../../src/errors.ts';
import { countList } from '../../src/repositories/lists.ts';
import { countEntries } from '../../src/services/entries.service.ts';
import { countWarnings, setWarningStatusByFilter } from '../../src/services/supervision/warnings.service.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let cityUser: { cookie: string };
let countyUser: { cookie: string };

const COLOURS = ['red', 'yellow', 'blue'] as const;
const KINDS = [ENTRY_KIND.award, ENTRY_KIND.heartTalk, ENTRY_KIND.training, ENTRY_KIND.travelReport];
const TYPES = ['talk', 'training', 'research'] as const;

beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  const cadres = Object.values(city.cadres).map((c) => c.id);
  await ctx.db.tx(async (tx) => {
    for (const [ci, cadreId] of cadres.entries()) {
      const [{ org_id: orgId }] = await rows<{ org_id: string }>(tx, sql`select org_id from cadre where id = ${cadreId}::uuid`) as [{ org_id: string }];
      for (let i = 0; i < 7; i++) {
        const n = ci * 7 + i;
        await tx.execute(sql`insert into warning (identity, rule, colour, subject_type, cadre_id, org_id, explanation, first_seen_at, last_changed_at)
          values (${`t|${n}`}, 'r', ${COLOURS[n % 3]}, 'cadre', ${cadreId}::uuid, ${orgId}::uuid, ${`说明${n}`},
                  '2026-01-01T00:00:00Z'::timestamptz, '2026-01-01T00:00:00Z'::timestamptz + make_interval(hours => ${(n * 37) % 50}))`);
      }
      for (let i = 0; i < 5; i++) {
        const n = ci * 5 + i;
        await tx.execute(sql`insert into obligation (identity, type, subject_type, cadre_id, org_id, title, triggered_on, due_on, created_at, updated_at)
          values (${`o|${n}`}, ${TYPES[n % 3]}, 'cadre', ${cadreId}::uuid, ${orgId}::uuid, ${`事项${n}`}, '2026-01-01',
                  '2026-02-01'::date + ${(n * 13) % 40}::int, now(), now())`);
      }
      for (let i = 0; i < 9; i++) {
        const n = ci * 9 + i;
        const kind = KINDS[n % KINDS.length]!;
        await tx.execute(sql`with v as (
            insert into entry (entry_id, version, action, kind, source_dept, cadre_id, org_id, region_code, occurred_on, summary, details, sensitivity, provenance, created_at)
            values (gen_random_uuid(), 1, 'create', ${kind}, 'zzb', ${cadreId}::uuid, ${orgId}::uuid, '519901', '2025-01-01'::date + ${(n * 17) % 60}::int,
                    ${`摘要${n}`}, '{}'::jsonb, '一般', 'form', '2026-01-01T00:00:00Z'::timestamptz + make_interval(mins => ${(n * 29) % 90}))
            returning id, entry_id, kind, source_dept, cadre_id, org_id, occurred_on, created_at)
          insert into entry_head (entry_id, version_id, version, status, kind, source_dept, cadre_id, org_id, occurred_on, updated_at)
          select entry_id, id, 1, 'accepted', kind, source_dept, cadre_id, org_id, occurred_on, created_at from v`);
      }
    }
  });
  cityUser = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
  countyUser = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
});

const get = async (url: string, cookie: string) => {
  const res = await ctx.call('GET', url, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Every row of a list, page by page (`limit` rows a page). */
async function pageThrough<T>(url: string, cookie: string, limit = 4): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, cookie);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

describe('共 N 条: the count agrees with the rows paged through', () => {
  const cases: Array<[string, string]> = [
    ['/api/cadres', ''], ['/api/cadres', 'gender=女'],
    ['/api/entries', ''], ['/api/entries', `kind=${KINDS[1]}`], ['/api/entries', 'month=2025-01'],
    ['/api/warnings', ''], ['/api/warnings', 'colour=red'], ['/api/warnings', 'view=all'],
    ['/api/obligations', ''], ['/api/obligations', 'type=talk'],
  ];
  for (const who of ['city', 'county'] as const) {
    for (const [list, filter] of cases) {
      it(`${list}?${filter} for a ${who} supervisor`, async () => {
        const cookie = (who === 'city' ? cityUser : countyUser).cookie;
        const paged = await pageThrough<unknown>(`${list}?${filter}`, cookie);
        const count = await get(`${list}/count?${filter}`, cookie);
        expect(count).toEqual({ total: paged.length, exact: true });
        expect(paged.length).toBeGreaterThan(0);
      });
    }
  }

  it("a county supervisor's count leaves out the rows outside the county", async () => {
    for (const list of ['/api/cadres', '/api/entries', '/api/warnings', '/api/obligations']) {
      const all = await get(`${list}/count`, cityUser.cookie);
      const county = await get(`${list}/count`, countyUser.cookie);
      expect(county.total).toBeLessThan(all.total);
    }
    // 东平县委 holds 张三明, 李四海 and 赵六 (in its town): 3 of the 5 cadres, 7 of the fixture's warnings each.
    expect((await get('/api/warnings/count?rule=r', countyUser.cookie)).total).toBe(21);
    expect((await get(`/api/warnings/count?rule=r&orgId=${city.countyB}`, cityUser.cookie)).total).toBe(7);
    expect((await ctx.call('GET', `/api/warnings/count?orgId=${city.countyB}`, countyUser.cookie)).json().total).toBe(0);
  });

  it('the audit log counts too, and the counts of audited lists are audited like the list', async () => {
    const auditor = await ctx.loginAs('auditadmin', { scopeOrgId: null });
    const paged = await pageThrough<{ action: string }>('/api/audit?action=warning.list', auditor.cookie, 20);
    const count = await get('/api/audit/count?action=warning.list', auditor.cookie);
    expect(count).toEqual({ total: paged.length, exact: true });
    expect(paged.some((r) => (r as unknown as { details: { counted?: number } }).details.counted !== undefined)).toBe(true);
  });

  it('a member department counts its own submissions, not the ledger', async () => {
    const member = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' });
    expect(await get('/api/submissions/count', member.cookie)).toEqual({ total: 0, exact: true });
    expect((await ctx.call('GET', '/api/entries/count', member.cookie)).statusCode).toBe(403);
  });

  it('above the cap: exact=false and an estimate from the planner', async () => {
    const actor = systemActor('test');
    const capped = await countWarnings(ctx.deps, actor, { view: 'all' }, 10);
    expect(capped.exact).toBe(false);
    expect(capped.total).toBeGreaterThan(10);
    expect(capped.total).toBeLessThan(10_000);
    const entries = await countEntries(ctx.deps, actor, 'supervisor', {}, 5);
    expect(entries.exact).toBe(false);
    expect(entries.total).toBeGreaterThan(5);
    // The helper itself: a plain table above a small cap.
    const plain = await ctx.db.tx((tx) => countList(tx, sql`select 1 from entry_head`, 3));
    expect(plain).toMatchObject({ exact: false });
    expect(plain.total).toBeGreaterThan(3);
    expect(await ctx.db.tx((tx) => countList(tx, sql`select 1 from entry_head`, 1000))).toEqual({ total: 45, exact: true });
  });
});

describe('sorting by a column, across keyset pages', () => {
  const byKey = <T>(rowsOf: T[], key: (r: T) => string | number, dir: 'asc' | 'desc') => {
    for (let i = 1; i < rowsOf.length; i++) {
      const a = key(rowsOf[i - 1]!);
      const b = key(rowsOf[i]!);
      if (dir === 'asc' ? a > b : a < b) throw new Error(`out of order at ${i}: ${a} / ${b}`);
    }
  };
  const rank = { red: 0, yellow: 1, blue: 2 } as Record<string, number>;
  const cases: Array<[string, string, ((r: any) => string | number) | null]> = [
    ['/api/cadres', 'name', null], ['/api/cadres', 'org', (r) => r.orgName], ['/api/cadres', 'birth', (r) => r.birth ?? ''],
    ['/api/entries', 'occurredOn', (r) => r.occurredOn], ['/api/entries', 'createdAt', (r) => r.createdAt], ['/api/entries', 'kind', (r) => r.kind],
    ['/api/warnings', 'colour', (r) => rank[r.colour]!], ['/api/warnings', 'lastChangedAt', (r) => r.lastChangedAt], ['/api/warnings', 'subject', null],
    ['/api/obligations', 'dueOn', (r) => r.dueOn], ['/api/obligations', 'type', (r) => r.type],
  ];
  for (const [list, column, key] of cases) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`${list}?sort=${column}:${dir}`, async () => {
        const all = (await get(`${list}?sort=${column}:${dir}&limit=200`, cityUser.cookie)).items as Array<{ id?: string; entryId?: string }>;
        const paged = await pageThrough<{ id?: string; entryId?: string }>(`${list}?sort=${column}:${dir}`, cityUser.cookie, 4);
        const id = (r: { id?: string; entryId?: string }) => r.entryId ?? r.id;
        expect(paged.map(id)).toEqual(all.map(id));
        expect(new Set(paged.map(id)).size).toBe(paged.length);
        const unsorted = await pageThrough<{ id?: string; entryId?: string }>(list, cityUser.cookie, 50);
        expect(new Set(paged.map(id))).toEqual(new Set(unsorted.map(id)));
        if (key) byKey(paged, key, dir);
      });
    }
  }

  it('姓名 sorts by pinyin; 单位 groups a unit', async () => {
    const names = (await get('/api/cadres?sort=name:asc', cityUser.cookie)).items.map((c: { name: string }) => c.name);
    expect(names).toEqual(['李四海', '王五', '张三明', '张珊', '赵六']);
    const desc = (await get('/api/cadres?sort=name:desc', cityUser.cookie)).items.map((c: { name: string }) => c.name);
    expect(desc).toEqual([...names].reverse());
  });

  it('a cursor of another order, or an order not on the list, is refused in Chinese', async () => {
    const page = await get('/api/warnings?sort=colour:asc&limit=2', cityUser.cookie);
    const other = await ctx.call('GET', `/api/warnings?sort=subject:asc&limit=2&cursor=${page.nextCursor}`, cityUser.cookie);
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toContain('翻页参数无效');
    const plain = await ctx.call('GET', `/api/warnings?limit=2&cursor=${page.nextCursor}`, cityUser.cookie);
    expect(plain.statusCode).toBe(400);
    const bad = await ctx.call('GET', '/api/obligations?sort=title:asc', cityUser.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('排序参数无效');
  });
});

describe('选择全部 N 条: a bulk decision by the list filters', () => {
  it('marks exactly the filtered warnings in the reader\'s jurisdiction, audited with the count', async () => {
    const before = await get('/api/warnings/count?colour=yellow', countyUser.cookie);
    const elsewhere = await get(`/api/warnings/count?colour=yellow&orgId=${city.countyB}`, cityUser.cookie);
    const res = await ctx.call('POST', '/api/warnings/status-by-filter', countyUser.cookie, { filter: { colour: 'yellow', view: 'open' }, status: 'dismissed', reason: '核实不属实' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: before.total, matched: before.total });
    expect(await get('/api/warnings/count?colour=yellow', countyUser.cookie)).toEqual({ total: 0, exact: true });
    expect(await get(`/api/warnings/count?colour=yellow&orgId=${city.countyB}`, cityUser.cookie)).toEqual(elsewhere);
    expect(await get('/api/warnings/count?colour=yellow&status=dismissed&view=all', countyUser.cookie)).toEqual(before);
    const [row] = await ctx.db.tx((tx) => rows<{ details: { matched: number; byFilter: boolean } }>(tx, sql`select details from audit_log where action = 'warning.dismissed' order by seq desc limit 1`));
    expect(row!.details).toMatchObject({ byFilter: true, matched: before.total });
  });

  it('asks for a reason, and refuses above the cap with a clear message', async () => {
    const noReason = await ctx.call('POST', '/api/warnings/status-by-filter', cityUser.cookie, { filter: { view: 'open' }, status: 'handled' });
    expect(noReason.statusCode).toBe(400);
    const open = await get('/api/warnings/count', cityUser.cookie);
    await expect(setWarningStatusByFilter(ctx.deps, systemActor('test'), { filter: { view: 'open' }, status: 'read' }, 3))
      .rejects.toThrow(ServiceError);
    await expect(setWarningStatusByFilter(ctx.deps, systemActor('test'), { filter: { view: 'open' }, status: 'read' }, 3))
      .rejects.toThrow(/超过 3 条/u);
    // Nothing was written by the refused calls.
    expect(await get('/api/warnings/count?status=read', cityUser.cookie)).toEqual({ total: 0, exact: true });
    expect(await get('/api/warnings/count', cityUser.cookie)).toEqual(open);
  });
});
