/**
 * DATA-02: the 信访 free text of ledger entries (摘要 entry.summary, 处理结果 entry.outcome) is stored sealed
 * (crypto/entry-text.ts) by every writer — the form, the department API, the Excel import — and opened
 * by every reader: warning evidence, eligibility evidence, the entry views. Dedup still works on the
 * plaintext (natural keys), and rows written before encryption (plaintext) read as they are.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_TEXT_PREFIX, entryText, sealEntryText } from '../../src/crypto/entry-text.ts';
import { IntegrityError } from '../../src/crypto/sm.ts';
import { rows } from '../../src/db/client.ts';
import * as entriesRepo from '../../src/repositories/entries.repository.ts';
import { systemActor } from '../../src/context.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

const call: TestContext['call'] = (...a) => ctx.call(...a);
const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const storedOf = async (entryId: string) =>
  (await q<{ summary: string; outcome: string | null }>(sql`select summary, outcome from entry where entry_id = ${entryId}::uuid order by version desc limit 1`))[0]!;
const entryCount = async () => (await q<{ n: number }>(sql`select count(*)::int as n from entry`))[0]!.n;

describe('entry 摘要 and 处理结果 sealed at rest', () => {
  it('the form seals them; warning and eligibility evidence show the plaintext', async () => {
    const cadreId = city.cadres['李四海']!.id;
    const texts = ['群众反映其在征地拆迁中优亲厚友EV-1', '群众反映其收受红包EV-2'];
    const ids: string[] = [];
    for (const [i, summary] of texts.entries()) {
      const r = await call('POST', '/api/entries', sup, {
        kind: 'xfjb', sourceDept: 'xf', cadreId, occurredOn: `2026-0${i + 1}-10`, summary, outcome: `核查中EV-OUT-${i}`,
        details: { channel: '来信', realName: true, status: '核查中' },
      });
      expect(r.statusCode, r.body).toBe(200);
      ids.push(r.json().entryId);
    }
    for (const [i, id] of ids.entries()) {
      const s = await storedOf(id);
      expect(s.summary.startsWith(ENTRY_TEXT_PREFIX)).toBe(true);
      expect(s.summary).not.toContain('EV-');
      expect(s.outcome!.startsWith(ENTRY_TEXT_PREFIX)).toBe(true);
      expect(entryText(ctx.deps.crypto, id, 'summary', s.summary)).toBe(texts[i]);
    }
    const warnings = (await call('GET', `/api/warnings?cadreId=${cadreId}`, sup)).json().items as Array<{ id: string; rule: string }>;
    const w = warnings.find((x) => x.rule === 'petition_cluster')!;
    const detail = (await call('GET', `/api/warnings/${w.id}`, sup)).json();
    expect(detail.evidenceEntries.map((e: { summary: string }) => e.summary)).toEqual(texts);

    const cfwz = await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId, occurredOn: '2026-02-10', summary: '违反中央八项规定精神EV-3', details: { category: '党纪处分', measure: '警告' },
    });
    expect(cfwz.statusCode, cfwz.body).toBe(200);
    const el = (await call('GET', `/api/cadres/${cadreId}/eligibility`, sup)).json();
    const cited = el.reasons.flatMap((r: { evidence: Array<{ summary: string }> }) => r.evidence.map((e) => e.summary));
    expect(cited).toContain('违反中央八项规定精神EV-3');
    expect(cited.some((s: string) => s.includes(ENTRY_TEXT_PREFIX))).toBe(false);
  });

  it('the department API seals them; the same externalId again is a duplicate', async () => {
    const t = await call('POST', '/api/api-tokens', (await ctx.loginAs('sysadmin')).cookie, { name: '信访系统', departmentCode: 'xf', kinds: ['xfjb'], scopeOrgId: city.countyA });
    expect(t.statusCode, t.body).toBe(200);
    const body = { entries: [{
      externalId: 'XF-1', kind: 'xfjb', cadre: { idNumber: city.cadres['张三明']!.idNumber }, occurredOn: '2025-03-15',
      summary: '群众反映其违规操办婚宴PUSH-1', outcome: '已转办PUSH-OUT', details: { channel: '12380', realName: true, status: '核查中' },
    }] };
    const push = (key: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/entries', payload: body, headers: { authorization: `Bearer ${t.json().token}`, 'idempotency-key': key } });
    const r = await push('k-1');
    expect(r.json()).toMatchObject({ created: 1 });
    const id = r.json().results[0].entryId as string;
    const s = await storedOf(id);
    expect(s.summary.startsWith(ENTRY_TEXT_PREFIX) && s.outcome!.startsWith(ENTRY_TEXT_PREFIX)).toBe(true);
    expect((await call('GET', `/api/entries/${id}`, sup)).json().entry).toMatchObject({ summary: '群众反映其违规操办婚宴PUSH-1', outcome: '已转办PUSH-OUT' });
    expect((await push('k-2')).json()).toMatchObject({ created: 0, duplicates: 1 });
  });

  it('the import stages and commits sealed text; importing the same file again adds nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('信访');
    ws.addRow(['身份证号', '来源渠道', '是否实名', '办理状态', '发生日期', '摘要', '处理结果']);
    ws.addRow([city.cadres['王五']!.idNumber, '来信', '否', '受理', '2025-05-05', '来信反映其违规兼职取酬IMP-1', '已转办IMP-OUT']);
    ws.addRow([city.cadres['王五']!.idNumber, '网络', '否', '受理', '2025-06-06', '网络反映其公车私用IMP-2', null]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const importOnce = async (name: string) => {
      const up = await ctx.postFile(`/api/imports?kind=xfjb&source=xf&name=${name}`, sup, file);
      expect(up.statusCode, up.body).toBe(200);
      const id = up.json().batch.id as string;
      expect((await call('POST', `/api/imports/${id}/check`, sup, {})).statusCode).toBe(200);
      await drainJobs();
      expect((await call('POST', `/api/imports/${id}/commit`, sup)).statusCode).toBe(200);
      await drainJobs();
      return (await call('GET', `/api/imports/${id}`, sup)).json();
    };
    const before = await entryCount();
    expect(await importOnce('a.xlsx')).toMatchObject({ status: 'done', imported: 2 });
    expect(await entryCount()).toBe(before + 2);
    const stored = await q<{ entry_id: string; summary: string; outcome: string | null }>(sql`
      select entry_id, summary, outcome from entry where provenance = 'excel' order by occurred_on`);
    expect(stored.every((r) => r.summary.startsWith(ENTRY_TEXT_PREFIX))).toBe(true);
    expect(stored.map((r) => entryText(ctx.deps.crypto, r.entry_id, 'summary', r.summary))).toEqual(['来信反映其违规兼职取酬IMP-1', '网络反映其公车私用IMP-2']);
    expect(stored.map((r) => entryText(ctx.deps.crypto, r.entry_id, 'outcome', r.outcome))).toEqual(['已转办IMP-OUT', null]);
    const again = await importOnce('b.xlsx');
    expect(again.imported ?? 0).toBe(0);
    expect(await entryCount()).toBe(before + 2);
  });

  it('a row written before encryption (plaintext) reads as it is', async () => {
    const id = crypto.randomUUID();
    const cadreId = city.cadres['张三明']!.id;
    const [c] = await q<{ org_id: string; region_code: string }>(sql`select org_id, region_code from cadre where id = ${cadreId}`);
    const actor = systemActor('legacy');
    await ctx.db.tx(async (tx) => {
      await entriesRepo.insertVersion(tx, {
        id, entryId: id, version: 1, action: 'create', kind: 'xfjb', sourceDept: 'xf', cadreId, teamId: null, orgId: c!.org_id, regionCode: c!.region_code,
        occurredOn: '2020-01-01', refNo: null, summary: '旧版明文摘要LEGACY', outcome: '旧版明文结果', details: { channel: '来信', realName: false, status: '办结' },
        impactUntil: null, impactBasis: null, sensitivity: '一般', provenance: 'form', batchId: null, naturalKey: null, reason: null,
        createdBy: null, createdByLogin: actor.login, createdAt: new Date(),
      });
      await entriesRepo.upsertHead(tx, {
        entryId: id, versionId: id, version: 1, status: 'accepted', reviewReason: null, kind: 'xfjb', sourceDept: 'xf',
        cadreId, teamId: null, orgId: c!.org_id, occurredOn: '2020-01-01', updatedAt: new Date(),
      });
    });
    expect((await call('GET', `/api/entries/${id}`, sup)).json().entry).toMatchObject({ summary: '旧版明文摘要LEGACY', outcome: '旧版明文结果' });
  });

  it('a sealed text moved to another entry or column does not open', () => {
    const a = crypto.randomUUID();
    const sealed = sealEntryText(ctx.deps.crypto, a, 'summary', '反映问题');
    expect(sealed.startsWith(ENTRY_TEXT_PREFIX)).toBe(true);
    expect(sealEntryText(ctx.deps.crypto, a, 'outcome', null)).toBeNull();
    expect(entryText(ctx.deps.crypto, a.toUpperCase(), 'summary', sealed)).toBe('反映问题');
    expect(() => entryText(ctx.deps.crypto, crypto.randomUUID(), 'summary', sealed)).toThrow(IntegrityError);
    expect(() => entryText(ctx.deps.crypto, a, 'outcome', sealed)).toThrow(IntegrityError);
  });
});
