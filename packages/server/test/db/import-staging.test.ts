/** Staged import rows survive the trip whole (PGlite stages with COPY text, node-postgres with unnest). */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import * as repo from '../../src/repositories/imports.repository.ts';
import { uuidv7 } from '../../src/lib/uuid.ts';
import { createTestContext } from '../support/app.ts';
import { makeSmallCity } from '../support/fixtures.ts';

it('stages text with tabs, line breaks, backslashes and quotes, nulls and JSON details exactly', async () => {
  const ctx = await createTestContext();
  const city = await makeSmallCity(ctx);
  const batchId = crypto.randomUUID();
  const at = new Date();
  await ctx.db.tx((tx) => repo.insertBatch(tx, { id: batchId, fileSm3: 'x', fileName: 'x.csv', kind: 'jjzrsj', sourceDept: 'sj', status: 'checking', createdAt: at, updatedAt: at }));
  const [org] = await ctx.db.tx((tx) => rows<{ id: string; region_code: string }>(tx, sql`select id, region_code from org where id = ${city.city}::uuid`));
  const nasty = 'a\tb\nc\r\nd\\e\\\\f "g" \'h\' \\N \\t 〔2025〕 ,;|';
  const staged: repo.StagingInsert[] = [
    {
      batchId, row: 5, id: uuidv7(), kind: 'jjzrsj', sourceDept: 'sj', cadreId: city.cadres['张三明']!.id, teamId: null, orgId: org!.id,
      regionCode: org!.region_code, occurredOn: '2025-03-15', refNo: nasty, summary: nasty, outcome: null,
      details: { auditType: '任中审计', note: nasty, list: ['a\\b', 'c\nd'], amount: 12.5, serious: false, nothing: null },
      impactUntil: null, impactBasis: null, sensitivity: '一般', naturalKey: 'x:1',
    },
    {
      batchId, row: 6, id: uuidv7(), kind: 'jjzrsj', sourceDept: 'sj', cadreId: null, teamId: null, orgId: org!.id,
      regionCode: org!.region_code, occurredOn: '2024-01-01', refNo: null, summary: '', outcome: '\\', details: {},
      impactUntil: '2026-01-01', impactBasis: '诫勉', sensitivity: '敏感', naturalKey: 'x:2',
    },
  ];
  await ctx.db.tx((tx) => repo.stageRows(tx, batchId, staged));
  const back = await ctx.db.tx((tx) => rows<Record<string, unknown>>(tx, sql`
    select row, id, cadre_id, team_id, ref_no, summary, outcome, details, occurred_on, impact_until, impact_basis, sensitivity, natural_key
    from import_staging where batch_id = ${batchId}::uuid order by row`));
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  expect(back.map((r) => ({ ...r, details: json(r.details) }))).toEqual(staged.map((s) => ({
    row: s.row, id: s.id, cadre_id: s.cadreId, team_id: s.teamId, ref_no: s.refNo, summary: s.summary, outcome: s.outcome, details: s.details,
    occurred_on: s.occurredOn, impact_until: s.impactUntil, impact_basis: s.impactBasis, sensitivity: s.sensitivity, natural_key: s.naturalKey,
  })));
  expect(await ctx.db.tx((tx) => repo.stagedCount(tx, batchId))).toBe(2);
});

it('commits the staged rows slice by slice in one transaction: every new record once, known ones skipped', async () => {
  const ctx = await createTestContext();
  const city = await makeSmallCity(ctx);
  const batchId = crypto.randomUUID();
  const at = new Date();
  await ctx.db.tx((tx) => repo.insertBatch(tx, { id: batchId, fileSm3: 'y', fileName: 'y.csv', kind: 'jjzrsj', sourceDept: 'sj', status: 'checked', createdAt: at, updatedAt: at }));
  const [org] = await ctx.db.tx((tx) => rows<{ id: string; region_code: string }>(tx, sql`select id, region_code from org where id = ${city.city}::uuid`));
  const row = (n: number, key: string): repo.StagingInsert => ({
    batchId, row: n, id: uuidv7(), kind: 'jjzrsj', sourceDept: 'sj', cadreId: city.cadres['张三明']!.id, teamId: null, orgId: org!.id,
    regionCode: org!.region_code, occurredOn: '2025-03-15', refNo: `青审〔2025〕${n}号`, summary: `第${n}行`, outcome: null,
    details: { auditType: '任中审计' }, impactUntil: null, impactBasis: null, sensitivity: '一般', naturalKey: key,
  });
  await ctx.db.tx((tx) => repo.stageRows(tx, batchId, [2, 3, 5, 8, 13].map((n) => row(n, `x:slice-${n}`))));
  const by = { userId: null, login: 'test' };
  expect(await ctx.db.tx((tx) => repo.commitStaged(tx, batchId, 'accepted', by, at, () => [], 2))).toBe(5);
  // Again, with two rows already in the ledger: only the new one is written.
  await ctx.db.tx((tx) => repo.stageRows(tx, batchId, [row(2, 'x:slice-2'), row(21, 'x:slice-21'), row(34, 'x:slice-8')]));
  expect(await ctx.db.tx((tx) => repo.commitStaged(tx, batchId, 'accepted', by, at, () => [], 2))).toBe(1);
  const got = await ctx.db.tx((tx) => rows<{ summary: string; status: string }>(tx, sql`
    select e.summary, h.status from entry e join entry_head h on h.version_id = e.id where e.batch_id = ${batchId}::uuid order by e.id`));
  expect(got).toEqual(['第2行', '第3行', '第5行', '第8行', '第13行', '第21行'].map((summary) => ({ summary, status: 'accepted' })));
  expect(await ctx.db.tx((tx) => repo.stagedCount(tx, batchId))).toBe(0);
});
