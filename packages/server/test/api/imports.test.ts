import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { messyAuditSheet } from '../support/sheets.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let file: Buffer;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  file = await messyAuditSheet(city);
});

const upload = (cookie: string, data: Buffer, query: string) => ctx.postFile(`/api/imports?${query}`, cookie, data);
const call: TestContext['call'] = (...a) => ctx.call(...a);

async function checkAndWait(cookie: string, id: string, body: object = {}) {
  const r = await call('POST', `/api/imports/${id}/check`, cookie, body);
  expect(r.statusCode, r.body).toBe(200);
  await drainJobs();
  return (await call('GET', `/api/imports/${id}`, cookie)).json();
}

const entryCount = async () => (await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from entry`)))[0]!.n;

describe('Excel import of a messy real-world sheet', () => {
  let batchId: string;

  it('finds the header under the title rows, maps synonyms and the two-row header', async () => {
    const r = await upload(sup, file, `kind=${encodeURIComponent('经济责任审计')}&source=${encodeURIComponent('审计局')}&name=${encodeURIComponent('2025审计结果.xlsx')}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    batchId = body.batch.id;
    expect(body.title).toBe('2025年度经济责任审计结果汇总表');
    expect(body.missing).toEqual([]);
    const byKey = Object.fromEntries(body.batch.mapping.columns.filter((c: { key: string | null }) => c.key).map((c: { key: string; header: string }) => [c.key, c.header]));
    expect(byKey).toMatchObject({
      name: '被审计人', idNumber: '身份证号码', orgName: '工作单位', 'd.auditType': '审计类型', 'd.periodFrom': '审计期间·起',
      'd.periodTo': '审计期间·止', 'd.findingsCount': '审计发现问题·数量', 'd.amount': '审计发现问题·金额(万元)', 'd.conclusion': '审计评价', occurredOn: '报告日期',
    });
    expect(body.batch.status).toBe('uploaded');
  });

  it('checks every row and names each problem by Excel row and column, in Chinese', async () => {
    const b = await checkAndWait(sup, batchId);
    expect(b).toMatchObject({ status: 'checked', rows: 6, valid: 2, duplicates: 1, rejected: 3 });
    const issues = (await call('GET', `/api/imports/${batchId}/issues`, sup)).json() as Array<{ row: number; column: string; message: string }>;
    const at = (row: number) => issues.filter((i) => i.row === row);
    expect(at(6)[0]).toMatchObject({ column: '身份证号码', col: 3, message: expect.stringContaining('数字') });
    expect(at(7)[0]).toMatchObject({ column: '审计类型', message: expect.stringContaining('任中审计') });
    expect(at(11)[0]).toMatchObject({ column: '审计发现问题·金额(万元)' });
    expect(issues.every((i) => /[\u4e00-\u9fa5]/u.test(i.message))).toBe(true);
    expect(await entryCount()).toBe(0); // checking writes nothing to the ledger
  });

  it('commits the valid rows in one go; they are ledger entries like any other', async () => {
    const r = await call('POST', `/api/imports/${batchId}/commit`, sup);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'done', imported: 2 });
    const timeline = (await call('GET', `/api/entries?cadreId=${city.cadres['张三明']!.id}`, sup)).json().items;
    expect(timeline[0]).toMatchObject({
      kind: 'jjzrsj', provenance: 'excel', batchId, status: 'accepted', occurredOn: '2025-03-15', sourceDept: 'sj',
      details: expect.objectContaining({ auditType: '任中审计', periodFrom: '2021-01-01', findingsCount: 3, amount: 12.5, conclusion: '较好' }),
    });
    expect(timeline[0].summary).toContain('经济责任审计');
    const zl = (await call('GET', `/api/entries?cadreId=${city.cadres['赵六']!.id}`, sup)).json().items;
    expect(zl).toHaveLength(1); // the duplicate row became one entry
    const ofBatch = (await call('GET', `/api/entries?batchId=${batchId}`, sup)).json().items;
    expect(ofBatch.map((e: { cadreName: string }) => e.cadreName).sort()).toEqual(['张三明', '赵六'].sort());
  });

  it('the rejected rows download as an annotated .xlsx', async () => {
    const r = await call('GET', `/api/imports/${batchId}/rejects.xlsx`, sup);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('任中');
    expect(text).toContain('问题');
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((cell) => { if (cell.type === ExcelJS.ValueType.Formula) formulas++; }));
    expect(formulas).toBe(0);
  });

  it('importing the same file again adds nothing', async () => {
    const before = await entryCount();
    const r = await upload(sup, file, `kind=jjzrsj&source=sj&name=again.xlsx`);
    expect(r.json().previous).toMatchObject({ imported: 2 });
    const id = r.json().batch.id;
    const b = await checkAndWait(sup, id);
    expect(b).toMatchObject({ valid: 0, duplicates: 3, rejected: 3 });
    const done = (await call('POST', `/api/imports/${id}/commit`, sup)).json();
    expect(done).toMatchObject({ status: 'done', imported: 0 });
    expect(await entryCount()).toBe(before);
  });

  it('strict mode writes nothing when any row has a problem', async () => {
    const before = await entryCount();
    const fresh = await createTestContext();
    const c2 = await makeSmallCity(fresh);
    const s2 = (await fresh.loginAs('supervisor', { scopeOrgId: c2.city })).cookie;
    const r = await fresh.app.inject({ method: 'POST', url: '/api/imports?kind=jjzrsj&name=a.xlsx&strict=true', headers: { cookie: s2, 'content-type': 'application/octet-stream' }, payload: await messyAuditSheet(c2) });
    const id = r.json().batch.id;
    await fresh.app.inject({ method: 'POST', url: `/api/imports/${id}/check`, headers: { cookie: s2 }, payload: {} });
    await drainJobs();
    const commit = await fresh.app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: { cookie: s2 } });
    expect(commit.statusCode).toBe(409);
    expect(commit.json().message).toContain('严格模式');
    const n = await fresh.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from entry`));
    expect(n[0]!.n).toBe(0);
    expect(await entryCount()).toBe(before);
  });

  it('a reopened wizard gets the preview again, with manual mappings applied', async () => {
    const r = await upload(sup, file, 'kind=jjzrsj&source=sj&name=reopen.xlsx');
    const id = r.json().batch.id;
    const p = await call('POST', `/api/imports/${id}/preview`, sup, { overrides: { 工作单位: null } });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ title: '2025年度经济责任审计结果汇总表', missing: [], previous: { id: expect.any(String) } });
    expect(p.json().unmapped).toContain('工作单位');
    expect(p.json().sampleRows[0].row).toBe(5);
    await call('POST', `/api/imports/${id}/cancel`, sup);
  });

  it('a manual mapping overrides an unrecognised header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['身份证号', '案件性质', '渠道', '实名', '办理状态', '发生日期', '反映问题']);
    ws.addRow([city.cadres['王五']!.idNumber, '其他', '来信', '否', '受理', '2025-05-05', '反映其子女婚事大操大办']);
    const r = await upload(sup, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=xfjb&source=xf&name=petitions.xlsx');
    expect(r.json().unmapped).toContain('案件性质');
    expect(r.json().batch.mapping.columns.find((c: { header: string }) => c.header === '实名').key).toBe('d.realName');
    const b = await checkAndWait(sup, r.json().batch.id, { overrides: { 案件性质: null, 渠道: 'd.channel' } });
    expect(b).toMatchObject({ status: 'checked', valid: 1, rejected: 0 });
  });

  it('a unit may be written by its short name', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['姓名', '单位', '来源渠道', '是否实名', '办理状态', '受理日期', '反映内容']);
    ws.addRow(['张珊', '青川市委', '来信', '否', '受理', '2025-04-03', '反映其公车私用（全称）']);
    const r = await upload(sup, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=xfjb&source=xf&name=short.xlsx');
    const full = await checkAndWait(sup, r.json().batch.id);
    expect(full).toMatchObject({ valid: 1, rejected: 0 });
    await call('POST', `/api/imports/${full.id}/cancel`, sup);
    // The org was created without a short name in the fixture: give it one, as org records often have.
    await ctx.db.tx((tx) => tx.execute(sql`update org set short_name = '市委' where id = ${city.city}`));
    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('x');
    ws2.addRow(['姓名', '单位', '来源渠道', '是否实名', '办理状态', '受理日期', '反映内容']);
    ws2.addRow(['张珊', '市委', '来信', '否', '受理', '2025-04-04', '反映其公车私用（简称）']);
    const r2 = await upload(sup, Buffer.from(await wb2.xlsx.writeBuffer()), 'kind=xfjb&source=xf&name=short2.xlsx');
    expect(await checkAndWait(sup, r2.json().batch.id)).toMatchObject({ valid: 1, rejected: 0 });
    await call('POST', `/api/imports/${r2.json().batch.id}/cancel`, sup);
  });

  it('a member department imports its own kinds only, as pending submissions', async () => {
    const m = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
    const other = await upload(m, file, 'kind=jjzrsj&name=x.xlsx');
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toContain('不报送');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['姓名', '单位', '来源渠道', '是否实名', '办理状态', '受理日期', '反映内容']);
    ws.addRow(['李四海', '东平县委', '12380', '是', '核查中', '2025-04-01', '反映其违规收受礼金']);
    const r = await upload(m, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=xfjb&name=mine.xlsx');
    const b = await checkAndWait(m, r.json().batch.id);
    expect(b).toMatchObject({ valid: 1 });
    await call('POST', `/api/imports/${b.id}/commit`, m);
    const mine = (await call('GET', '/api/submissions?status=pending', m)).json().items;
    expect(mine.find((e: { provenance: string }) => e.provenance === 'excel')).toMatchObject({ status: 'pending', sourceDept: 'xf' });
    expect((await call('GET', `/api/imports/${b.id}`, sup)).statusCode).toBe(404); // someone else's import
  });

  it('a template per kind: dropdowns, an example row the reader skips, instructions', async () => {
    const r = await call('GET', `/api/imports/template.xlsx?kind=${encodeURIComponent('信访举报')}`, sup);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.some((n) => n.includes('说明'))).toBe(true);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toEqual(expect.arrayContaining(['姓名', '身份证号', '发生日期', '来源渠道', '是否实名', '办理状态']));
    // A template filled in and sent back imports (the example row is not imported).
    const ws = wb.worksheets[0]!;
    const col = (label: string) => (ws.getRow(1).values as unknown[]).indexOf(label);
    const row = ws.getRow(3);
    row.getCell(col('身份证号')).value = city.cadres['张珊']!.idNumber;
    row.getCell(col('发生日期')).value = '2025-02-02';
    row.getCell(col('摘要')).value = '反映其公车私用';
    row.getCell(col('来源渠道')).value = '网络';
    row.getCell(col('是否实名')).value = '否';
    row.getCell(col('办理状态')).value = '受理';
    const up = await upload(sup, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=xfjb&source=xf&name=filled.xlsx');
    const b = await checkAndWait(sup, up.json().batch.id);
    expect(b).toMatchObject({ rows: 1, valid: 1, rejected: 0 });
  });

  it('refuses a file that is not a spreadsheet, with a clear message', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000)]);
    const r = await upload(sup, exe, 'kind=xfjb&source=xf&name=virus.xlsx');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/u);
  });
});
