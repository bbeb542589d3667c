/**
 * Issue 9 points 1, 7 (imports) and 11: size and row limits, the check queue, batches owned by a process
 * (heartbeat), purge and expiry of the work rows and uploads, nothing in plaintext at rest.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs, queueCheck } from '../../src/services/jobs.ts';
import { PROCESS_ID, beat, purgeImports, reclaim } from '../../src/services/imports/keeper.ts';
import { importLimits, setImportLimits } from '../../src/services/imports/limits.ts';
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
afterEach(() => setImportLimits(null));

const SECRET_TEXT = '反映其收受某公司老板所送购物卡九万八千元';
/** A 信访举报 CSV: `n` valid rows about 张三明 (the first one carries the known 信访 text), then `bad` rows nobody matches. */
let files = 0;
function petitions(n: number, bad = 0): Buffer {
  const tag = ++files; // every file's rows are new records (not duplicates of an earlier file's)
  const z = city.cadres['张三明']!;
  const lines = ['姓名,身份证号,单位,发生日期,摘要,来源渠道,是否实名,办理状态'];
  for (let i = 0; i < n; i++) lines.push(`张三明,${z.idNumber},东平县委,2025-03-${String((i % 28) + 1).padStart(2, '0')},${i === 0 ? `${SECRET_TEXT}${tag}` : `反映问题${tag}-${i}`},来信,是,受理`);
  for (let i = 0; i < bad; i++) lines.push(`无此人${i},,东平县委,2025-03-15,${SECRET_TEXT}（问题行${i}）,来信,是,受理`);
  return Buffer.from(lines.join('\n'), 'utf8');
}
const upload = (data: Buffer, name = 'xf.csv', cookie = sup) => ctx.postFile(`/api/imports?kind=xfjb&source=xf&name=${name}`, cookie, data);
const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const statusOf = async (id: string) => (await q<{ status: string; progress: number }>(sql`select status, progress from import_batch where id = ${id}::uuid`))[0]!;
async function drainUntil(ok: () => Promise<boolean>) {
  for (let i = 0; i < 200 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 50));
}
const count = async (table: string, batchId: string) => (await q<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where batch_id = ${batchId}::uuid`))[0]!.n;

describe('limits (FILE-01, INP-01)', () => {
  it('import-limits: a sheet over the row limit is refused at upload with a Chinese message naming the limit', async () => {
    setImportLimits({ maxRows: 5 });
    const r = await upload(petitions(6));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ error: 'too_many_rows' });
    expect(r.json().message).toBe('表格超过 5 行数据的上限，未导入。请拆分成每个不超过 5 行的文件后分批导入');
    expect((await q<{ n: number }>(sql`select count(*)::int as n from import_file_chunk`))[0]!.n).toBe(0);
    const ok = await upload(petitions(5));
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('import-limits: an upload over the size limit is refused with 413 while it streams in, and nothing is kept', async () => {
    setImportLimits({ maxBytes: 2000 });
    const before = (await q<{ n: number }>(sql`select count(*)::int as n from import_batch`))[0]!.n;
    const r = await upload(petitions(100));
    expect(r.statusCode, r.body).toBe(413);
    expect(r.json().message).toContain('文件超过上限 2 KB');
    expect((await q<{ n: number }>(sql`select count(*)::int as n from import_batch`))[0]!.n).toBe(before);
  });

  it('import-queue: a second check of the same account waits (排队中) until the first ends; N per process in all', async () => {
    const me = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    // A check of this account is running (held open by the test) …
    let open!: () => void;
    const held = queueCheck('held-by-test', me.id, () => importLimits().concurrency, { onStart: async () => {} }, () => new Promise<void>((r) => { open = r; }));
    expect(held.queued).toBe(false);
    const b = (await upload(petitions(20), 'b.csv', me.cookie)).json().batch.id as string;
    const rb = await ctx.call('POST', `/api/imports/${b}/check`, me.cookie, {});
    expect(rb.json().status).toBe('queued');
    expect((await ctx.call('GET', `/api/imports/${b}`, me.cookie)).json().status).toBe('queued');
    expect((await ctx.call('POST', `/api/imports/${b}/check`, me.cookie, {})).statusCode).toBe(409);
    // … another account is not held behind it while the process has a free slot …
    const other = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    const c = (await upload(petitions(10), 'c.csv', other.cookie)).json().batch.id as string;
    expect((await ctx.call('POST', `/api/imports/${c}/check`, other.cookie, {})).json().status).toBe('checking');
    await drainUntil(async () => (await statusOf(c)).status === 'checked');
    // … but is when the process's limit is reached.
    setImportLimits({ concurrency: 1 });
    const d = (await upload(petitions(10), 'd.csv', other.cookie)).json().batch.id as string;
    expect((await ctx.call('POST', `/api/imports/${d}/check`, other.cookie, {})).json().status).toBe('queued');
    expect((await statusOf(b)).status).toBe('queued');
    open();
    await held.done;
    await drainJobs();
    expect((await ctx.call('GET', `/api/imports/${b}`, me.cookie)).json()).toMatchObject({ status: 'checked', valid: 20 });
    expect((await ctx.call('GET', `/api/imports/${d}`, other.cookie)).json()).toMatchObject({ status: 'checked', valid: 10 });
  });

  it('import-queue: a queued check can be cancelled', async () => {
    const me = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
    let open!: () => void;
    const held = queueCheck('held-by-test-2', me.id, () => 2, { onStart: async () => {} }, () => new Promise<void>((r) => { open = r; }));
    const b = (await upload(petitions(5), 'b.csv', me.cookie)).json().batch.id as string;
    expect((await ctx.call('POST', `/api/imports/${b}/check`, me.cookie, {})).json().status).toBe('queued');
    expect((await ctx.call('POST', `/api/imports/${b}/cancel`, me.cookie)).json().status).toBe('cancelled');
    open();
    await held.done;
    await drainJobs();
    expect((await statusOf(b)).status).toBe('cancelled');
    expect(await count('import_file_chunk', b)).toBe(0);
  });
});

describe('data at rest (DATA-02, DATA-05)', () => {
  it('import-at-rest: the upload, staged rows and rejected rows hold no plaintext; cancel and commit remove the upload', async () => {
    const id = (await upload(petitions(3, 2))).json().batch.id as string;
    await ctx.call('POST', `/api/imports/${id}/check`, sup, {});
    await drainJobs();
    expect((await ctx.call('GET', `/api/imports/${id}`, sup)).json()).toMatchObject({ status: 'checked', valid: 3, rejected: 2 });
    const idNumber = city.cadres['张三明']!.idNumber;
    const dump = JSON.stringify(await q(sql`select (select json_agg(f) from import_file_chunk f where batch_id = ${id}::uuid) as f,
      (select json_agg(s) from import_staging s where batch_id = ${id}::uuid) as s, (select json_agg(r) from import_reject_chunk r where batch_id = ${id}::uuid) as r,
      (select json_agg(t) from import_staging_text t where batch_id = ${id}::uuid) as t`));
    expect(await count('import_file_chunk', id)).toBeGreaterThan(0);
    expect(await count('import_staging', id)).toBe(3);
    expect(await count('import_staging_text', id)).toBe(1); // the chunk's 文号 and 明细, one sealed blob
    for (const secret of [SECRET_TEXT, idNumber, '张三明']) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
    }
    // the rejects file still has the rows, decrypted
    expect((await ctx.call('GET', `/api/imports/${id}/rejects.xlsx`, sup)).statusCode).toBe(200);
    const commit = await ctx.call('POST', `/api/imports/${id}/commit`, sup);
    expect(commit.json()).toMatchObject({ status: 'done', imported: 3 });
    expect(await count('import_file_chunk', id)).toBe(0);
    expect(await count('import_staging', id)).toBe(0);
    expect(await count('import_staging_text', id)).toBe(0);

    const c = (await upload(petitions(4, 1), 'c2.csv')).json().batch.id as string;
    await ctx.call('POST', `/api/imports/${c}/check`, sup, {});
    await drainJobs();
    expect((await ctx.call('POST', `/api/imports/${c}/cancel`, sup)).json().status).toBe('cancelled');
    for (const t of ['import_file_chunk', 'import_staging', 'import_staging_text', 'import_reject_chunk']) expect(await count(t, c)).toBe(0);
  });

  it('import-expiry: an unfinished import expires after 7 days with its upload; staging of finished batches is purged', async () => {
    const id = (await upload(petitions(3))).json().batch.id as string;
    await ctx.call('POST', `/api/imports/${id}/check`, sup, {});
    await drainJobs();
    // orphans: staging rows of a batch that no longer exists, and of a cancelled one (as killed checks left them)
    const ghost = '00000000-0000-4000-8000-000000000001';
    await q(sql`insert into import_staging (batch_id, row, id, kind, source_dept, org_id, region_code, occurred_on, sensitivity, natural_key)
      select ${ghost}::uuid, g, gen_random_uuid(), 'xfjb', 'xf', ${city.city}::uuid, '519900', '2025-01-01', '一般', 'k' || g from generate_series(1, 50) g`);
    await purgeImports(ctx.deps);
    expect(await count('import_staging', ghost)).toBe(0);
    expect(await count('import_staging', id)).toBe(3); // still open: kept
    ctx.clock.advance(6 * 86_400_000);
    await purgeImports(ctx.deps);
    expect((await statusOf(id)).status).toBe('checked');
    ctx.clock.advance(2 * 86_400_000);
    await purgeImports(ctx.deps);
    ctx.clock.advance(-8 * 86_400_000);
    expect((await statusOf(id)).status).toBe('expired');
    for (const t of ['import_file_chunk', 'import_staging', 'import_reject_chunk']) expect(await count(t, id)).toBe(0);
    sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie; // the clock's jump ended the session
    expect((await ctx.call('POST', `/api/imports/${id}/commit`, sup)).statusCode).toBe(404); // another account's import now
  });
});

describe('several app processes (point 11)', () => {
  it('import-heartbeat: a batch whose owner still beats is not interrupted by another process; a dead owner\'s batch is, and its half-staged rows go', async () => {
    const live = (await upload(petitions(3), 'live.csv')).json().batch.id as string;
    const dead = (await upload(petitions(3), 'dead.csv')).json().batch.id as string;
    const deadCommit = (await upload(petitions(3), 'dc.csv')).json().batch.id as string;
    for (const id of [live, dead, deadCommit]) await ctx.call('POST', `/api/imports/${id}/check`, sup, {});
    await drainJobs();
    const otherLive = '11111111-1111-4111-8111-111111111111';
    const otherDead = '22222222-2222-4222-8222-222222222222';
    const now = ctx.clock.now();
    const old = new Date(now.getTime() - 5 * 60_000);
    await q(sql`update import_batch set status = 'checking', progress = 40, owner = ${otherLive}::uuid, heartbeat_at = ${now.toISOString()}::timestamptz where id = ${live}::uuid`);
    await q(sql`update import_batch set status = 'checking', progress = 40, owner = ${otherDead}::uuid, heartbeat_at = ${old.toISOString()}::timestamptz where id = ${dead}::uuid`);
    await q(sql`update import_batch set status = 'committing', owner = ${otherDead}::uuid, heartbeat_at = ${old.toISOString()}::timestamptz where id = ${deadCommit}::uuid`);

    // This process starts (shared PostgreSQL: not exclusive) — the old code marked all three 已中断.
    const r = await reclaim(ctx.deps, { exclusive: false });
    expect(r).toMatchObject({ checks: 1, commits: 1 });
    const status = statusOf;
    expect((await status(live)).status).toBe('checking');
    expect(await count('import_staging', live)).toBe(3);
    expect(await status(dead)).toMatchObject({ status: 'interrupted', progress: 0 });
    expect(await count('import_staging', dead)).toBe(0);
    expect(await status(deadCommit)).toMatchObject({ status: 'interrupted', progress: 100 });
    expect(await count('import_staging', deadCommit)).toBe(3); // resumable
    expect((await ctx.call('POST', `/api/imports/${deadCommit}/commit`, sup)).json()).toMatchObject({ status: 'done', imported: 3 });
    sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;

    // The live owner keeps beating; once it stops for more than a minute, its batch is taken over too.
    await beat(ctx.deps, otherLive);
    ctx.clock.advance(30_000);
    expect((await reclaim(ctx.deps, { exclusive: false })).checks).toBe(0);
    ctx.clock.advance(61_000);
    expect((await reclaim(ctx.deps, { exclusive: false })).checks).toBe(1);
    expect((await status(live)).status).toBe('interrupted');
    // our own running batches are never reclaimed by ourselves
    await q(sql`update import_batch set status = 'checking', owner = ${PROCESS_ID}::uuid, heartbeat_at = ${old.toISOString()}::timestamptz where id = ${live}::uuid`);
    expect((await reclaim(ctx.deps, { exclusive: false })).checks).toBe(0);
    await q(sql`update import_batch set status = 'interrupted' where id = ${live}::uuid`);
    ctx.clock.advance(-91_000);
  });
});
