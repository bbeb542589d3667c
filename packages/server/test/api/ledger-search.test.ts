/**
 * The 台账's keyword search (issue 12): `q` matches the subject's 姓名 (or team name), the 文号 and the 摘要.
 * The 摘要 is sealed at rest, so it is searched through its blind index (entry.summary_grams: keyed hashes
 * of its bigrams, crypto/entry-search.ts), filled by every writer — the form, the department API, the
 * import — and by the startup backfill for versions written before it; no plaintext reaches the database.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { gramMac, summaryGrams } from '../../src/crypto/entry-search.ts';
import { rows } from '../../src/db/client.ts';
import * as entriesRepo from '../../src/repositories/entries.repository.ts';
import { backfillSummaryGrams, startSummaryGramsBackfill } from '../../src/services/entry-search.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supA: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supA = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyA, login: 'sup-a' })).cookie;
  const add = async (cadre: string, body: object) => {
    const r = await ctx.call('POST', '/api/entries', sup, {
      kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres[cadre]!.id, details: { channel: '来信', realName: true, status: '核查中' }, ...body,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().entryId as string;
  };
  ids.gift = await add('李四海', { occurredOn: '2026-01-10', refNo: '东纪〔2026〕17号', summary: '群众反映其违规操办婚宴大肆收受礼金', outcome: '已转办核查机关' });
  ids.car = await add('王五', { occurredOn: '2026-02-10', summary: '反映其长期公车私用', outcome: '正在核实线索' });
});
const ids: Record<string, string> = {};

const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const search = async (cookie: string, text: string, extra = ''): Promise<string[]> => {
  const r = await ctx.call('GET', `/api/entries?q=${encodeURIComponent(text)}${extra}`, cookie);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as Array<{ entryId: string }>).map((i) => i.entryId);
};

describe('台账 keyword search', () => {
  it('finds by the subject\'s name, the 文号 and a word inside the 摘要', async () => {
    expect(await search(sup, '李四海')).toEqual([ids.gift]);
    expect(await search(sup, '东纪〔2026〕17')).toEqual([ids.gift]);
    expect(await search(sup, '收受礼金')).toEqual([ids.gift]);
    expect(await search(sup, '公车私用')).toEqual([ids.car]);
    // Every term must match, each in any field; full-width and case fold.
    expect(await search(sup, '李四海 礼金')).toEqual([ids.gift]);
    expect(await search(sup, '王五 礼金')).toEqual([]);
    // Combined with the other filters.
    expect(await search(sup, '礼金', '&kind=cfwz')).toEqual([]);
  });

  it('does not find text that is only in another field (处理结果, details) or in no entry', async () => {
    expect(await search(sup, '核查机关')).toEqual([]);
    expect(await search(sup, '来信')).toEqual([]);
    expect(await search(sup, '礼金婚宴')).toEqual([]);
    expect(await search(sup, '100%_')).toEqual([]);
  });

  it('respects the reader\'s scope', async () => {
    expect(await search(supA, '公车私用')).toEqual([]);
    expect(await search(supA, '王五')).toEqual([]);
    expect(await search(supA, '礼金')).toEqual([ids.gift]);
  });

  it('finds an entry written through the import and one sent by a department system', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('信访');
    ws.addRow(['身份证号', '来源渠道', '是否实名', '办理状态', '发生日期', '摘要']);
    ws.addRow([city.cadres['赵六']!.idNumber, '网络', '否', '受理', '2025-05-05', '网络反映其违规兼职取酬']);
    const up = await ctx.postFile('/api/imports?kind=xfjb&source=xf&name=s.xlsx', sup, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(up.statusCode, up.body).toBe(200);
    const batch = up.json().batch.id as string;
    expect((await ctx.call('POST', `/api/imports/${batch}/check`, sup, {})).statusCode).toBe(200);
    await drainJobs();
    expect((await ctx.call('POST', `/api/imports/${batch}/commit`, sup)).statusCode).toBe(200);
    await drainJobs();
    expect(await search(sup, '兼职取酬')).toHaveLength(1);

    const t = await ctx.call('POST', '/api/api-tokens', (await ctx.loginAs('sysadmin')).cookie, { name: '信访系统', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.city });
    expect(t.statusCode, t.body).toBe(200);
    const pushed = await ctx.app.inject({
      method: 'POST', url: '/api/v1/entries', headers: { authorization: `Bearer ${t.json().token}`, 'idempotency-key': 'k-search' },
      payload: { entries: [{ externalId: 'XF-S', kind: 'xfjb', cadre: { idNumber: city.cadres['张珊']!.idNumber }, occurredOn: '2025-03-15', summary: '反映其插手工程招投标', details: { channel: '12380', realName: true, status: '核查中' } }] },
    });
    expect(pushed.json(), pushed.body).toMatchObject({ created: 1 });
    // A member department's submission is pending: still in the 组织部's list and findable.
    expect(await search(sup, '工程招投标')).toEqual([pushed.json().results[0].entryId]);
  });

  it('a correction is searched by its new 摘要, not the old one', async () => {
    const detail = (await ctx.call('GET', `/api/entries/${ids.car}`, sup)).json().entry;
    const r = await ctx.call('POST', `/api/entries/${ids.car}/correct`, sup, {
      baseVersion: detail.version, reason: '更正摘要', cadreId: city.cadres['王五']!.id, occurredOn: '2026-02-10',
      summary: '反映其违规使用公务用车', details: { channel: '来信', realName: true, status: '核查中' }, sensitivity: detail.sensitivity,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await search(sup, '公车私用')).toEqual([]);
    expect(await search(sup, '公务用车')).toEqual([ids.car]);
  });

  it('stores no plaintext of the 摘要: the grams are keyed hashes', async () => {
    const stored = await q<{ row: string; grams: number[] | null }>(sql`select to_jsonb(e)::text as row, e.summary_grams as grams from entry e where e.entry_id = ${ids.gift}::uuid`);
    expect(stored[0]!.grams).toEqual(summaryGrams(ctx.deps.crypto, '群众反映其违规操办婚宴大肆收受礼金'));
    for (const word of ['礼金', '婚宴', '收受', '群众反映']) expect(stored[0]!.row).not.toContain(word);
    const staged = await q<{ n: number }>(sql`select count(*)::int as n from import_staging`);
    expect(staged[0]!.n).toBe(0);
    // The gram hash is HMAC-SM3 under a key derived from the key file (the precomputed state is the same HMAC).
    const key = ctx.deps.crypto.derivedKey('entry-summary-grams');
    expect(gramMac(ctx.deps.crypto, '礼金')).toEqual(crypto.createHmac('sm3', key).update('礼金').digest());
  });

  it('backfills versions written before the index, and versions stay append-only otherwise', async () => {
    const id = crypto.randomUUID();
    const cadreId = city.cadres['张三明']!.id;
    const [c] = await q<{ org_id: string; region_code: string }>(sql`select org_id, region_code from cadre where id = ${cadreId}`);
    await ctx.db.tx(async (tx) => {
      await entriesRepo.insertVersion(tx, {
        id, entryId: id, version: 1, action: 'create', kind: 'xfjb', sourceDept: 'xf', cadreId, teamId: null, orgId: c!.org_id, regionCode: c!.region_code,
        occurredOn: '2020-01-01', refNo: null, summary: '旧版明文摘要反映其违规经商', outcome: null, details: { channel: '来信', realName: false, status: '办结' },
        impactUntil: null, impactBasis: null, sensitivity: '一般', provenance: 'form', batchId: null, naturalKey: null, reason: null,
        createdBy: null, createdByLogin: 'legacy', createdAt: new Date(),
      });
      await entriesRepo.upsertHead(tx, {
        entryId: id, versionId: id, version: 1, status: 'accepted', reviewReason: null, kind: 'xfjb', sourceDept: 'xf',
        cadreId, teamId: null, orgId: c!.org_id, occurredOn: '2020-01-01', updatedAt: new Date(),
      });
      await tx.execute(sql`delete from setting where key = 'entry.summaryGrams.backfilled'`);
    });
    // Before the background backfill has run, a keyword search says its 摘要 matches may be incomplete.
    expect(await search(sup, '违规经商')).toEqual([]);
    const pending = (await ctx.call('GET', `/api/entries?q=${encodeURIComponent('违规经商')}`, sup)).json();
    expect(pending.searchIncomplete).toBe(true);
    expect((await ctx.call('GET', '/api/entries?limit=5', sup)).json().searchIncomplete).toBeUndefined();
    const log: string[] = [];
    // Stopped before its first batch (a shutdown right after the start): nothing filled, the next start goes on.
    const stopped = startSummaryGramsBackfill(ctx.deps, (l) => log.push(l), 2);
    await stopped.stop();
    expect(await search(sup, '违规经商')).toEqual([]);
    const job = startSummaryGramsBackfill(ctx.deps, (l) => log.push(l), 2);
    expect(await job.done).toBe(1);
    expect(log.filter((l) => l.includes('已补建 1 条'))).toHaveLength(1);
    expect(await search(sup, '违规经商')).toEqual([id]);
    expect((await ctx.call('GET', `/api/entries?q=${encodeURIComponent('违规经商')}`, sup)).json().searchIncomplete).toBeUndefined();
    // Done once: a second start does not scan again.
    expect(await backfillSummaryGrams(ctx.deps, (l) => log.push(l))).toBe(0);
    await expect(ctx.db.tx((tx) => tx.execute(sql`update entry set summary = 'x' where id = ${id}::uuid`))).rejects.toThrow();
    await expect(ctx.db.tx((tx) => tx.execute(sql`update entry set summary_grams = '{1}' where id = ${id}::uuid`))).rejects.toThrow();
  });
});
