/**
 * Issue 12.8: a ledger import's warnings. A small import re-evaluates its subjects in the commit; a large one
 * (more subjects than JIANDU_IMPORT_INLINE_SUBJECTS — here set to 1) commits without evaluating and a rule job
 * after it brings the warnings up to date, with progress on the import; a restart mid-job runs it on.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { ENTRY_KIND, ENTRY_KINDS } from '@jiandu/domain';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { setImportLimits } from '../../src/services/imports/limits.ts';
import { resumeAfterRestart } from '../../src/services/supervision/jobs.ts';
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

const KIND = ENTRY_KIND.economicAudit;
const SOURCE = ENTRY_KINDS.find((k) => k.code === KIND)!.departments[0]!;

/** 经济责任审计 of `names`, each with an 整改 deadline long past and 未整改: each raises a yellow 审计问题 warning. */
async function auditSheet(names: string[], tag: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  ws.addRow(['被审计人', '身份证号码', '审计类型', '审计期间起', '审计期间止', '问题数（个）', '审计评价', '整改期限', '整改完成情况', '审计报告日期', '文号']);
  for (const [i, n] of names.entries()) {
    ws.addRow([n, city.cadres[n]!.idNumber, '任中审计', '2021-01-01', '2023-12-31', 2, '较好', '2024-06-30', '未整改', '2024-03-01', `审〔2024〕${tag}${i + 1}号`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Upload, check and commit; returns the commit's answer (the batch view). */
async function importSheet(data: Buffer) {
  const up = await ctx.postFile(`/api/imports?kind=${KIND}&source=${SOURCE}&name=audit.xlsx`, sup, data);
  expect(up.statusCode, up.body).toBe(200);
  const id = up.json().batch.id as string;
  expect((await ctx.call('POST', `/api/imports/${id}/check`, sup, {})).statusCode).toBe(200);
  await drainJobs();
  const done = await ctx.call('POST', `/api/imports/${id}/commit`, sup);
  expect(done.statusCode, done.body).toBe(200);
  return done.json();
}

const auditWarnings = async (name: string) => ((await ctx.call('GET', `/api/warnings?cadreId=${city.cadres[name]!.id}`, sup)).json().items as Array<{ rule: string }>)
  .filter((w) => w.rule === 'audit_issue');

describe('warnings after a ledger import', () => {
  it('a small import re-evaluates its subjects in the commit: the warning is there when the commit answers', async () => {
    const b = await importSheet(await auditSheet(['王五'], 'A'));
    expect(b).toMatchObject({ status: 'done', imported: 1, reevaluation: { status: 'done', progress: 1, total: 1 } });
    expect(b.reevaluation.reason).toContain('随导入完成');
    expect(await auditWarnings('王五')).toHaveLength(1);
  });

  it('a large import commits without evaluating; a job over exactly its subjects brings the warnings up to date', async () => {
    setImportLimits({ inlineSubjects: 1 });
    const b = await importSheet(await auditSheet(['赵六', '李四海'], 'B'));
    expect(b).toMatchObject({ status: 'done', imported: 2, reevaluation: { total: 2 } });
    expect(b.reevaluation.reason).toContain('后台');
    expect(['running', 'done']).toContain(b.reevaluation.status);
    await drainJobs(); // the job, as a user's page would poll it
    const after = (await ctx.call('GET', `/api/imports/${b.id}`, sup)).json();
    expect(after.reevaluation).toMatchObject({ id: b.reevaluation.id, status: 'done', progress: 2, total: 2, error: null });
    expect(after.reevaluation.warningsChanged).toBeGreaterThanOrEqual(2);
    expect(await auditWarnings('赵六')).toHaveLength(1);
    expect(await auditWarnings('李四海')).toHaveLength(1);
    // The job is the import's, not a full re-evaluation: the rules page's latest job is untouched by it.
    const latest = (await ctx.call('GET', '/api/rules/jobs/latest', sup)).json();
    expect(latest?.id ?? null).not.toBe(b.reevaluation.id);
    // The list of the user's imports shows it too.
    const mine = (await ctx.call('GET', '/api/imports', sup)).json() as Array<{ id: string; reevaluation: { status: string } | null }>;
    expect(mine.find((x) => x.id === b.id)?.reevaluation?.status).toBe('done');
  });

  it('a job cut off by a restart runs on at the next start, over the subjects still due', async () => {
    setImportLimits({ inlineSubjects: 1 });
    const b = await importSheet(await auditSheet(['张三明', '王五'], 'C'));
    await drainJobs();
    // As a process that died mid-job leaves it: the job 'running', its subjects still due today.
    const ids = [city.cadres['张三明']!.id, city.cadres['王五']!.id];
    await ctx.db.tx(async (tx) => {
      await tx.execute(sql`update rule_job set status = 'running', progress = 0, finished_at = null where id = ${b.reevaluation.id}`);
      await tx.execute(sql`update rule_subject set next_review = '2000-01-01', evaluated_at = '2000-01-01' where subject_type = 'cadre' and subject_id = any(${sql.param(ids)}::uuid[])`);
    });
    await resumeAfterRestart(ctx.deps);
    await drainJobs();
    const after = (await ctx.call('GET', `/api/imports/${b.id}`, sup)).json();
    expect(after.reevaluation).toMatchObject({ id: b.reevaluation.id, status: 'done', total: 2, progress: 2, error: null });
    const subjects = await ctx.db.tx((tx) => rows<{ next_review: string | null; evaluated_at: Date | string }>(tx, sql`
      select next_review::text, evaluated_at from rule_subject where subject_type = 'cadre' and subject_id = any(${sql.param(ids)}::uuid[])`));
    expect(subjects).toHaveLength(2);
    for (const s of subjects) {
      expect(new Date(s.evaluated_at).getUTCFullYear()).toBeGreaterThan(2000);
      expect(s.next_review === null || s.next_review > '2000-01-01').toBe(true);
    }
  });
});
