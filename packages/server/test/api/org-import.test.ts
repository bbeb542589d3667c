/** 组织机构 (the org tree) through the import wizard (kind=orgs): a county's sheet as an office writes it. */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let county: { cookie: string; login: string };
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  county = await ctx.loginAs('supervisor', { scopeOrgId: city.countyA });
});

/** 东平县's units: a title above the header, children before their parents, the words offices use. */
async function countySheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构名录');
  ws.addRow(['东平县党政机构名录（2025年）']);
  ws.mergeCells('A1:I1');
  ws.addRow(['序号', '单位名称', '上级单位', '简称', '单位类别', '层级', '行政区划代码', '是否设领导班子', '排序']);
  const data: Array<Array<string | number | null>> = [
    ['东平县财政局国库支付中心', '县财政局', null, '事业单位', null, null, '否', null], // row 3: grandchild first
    ['东平县财政局', '县政府', '县财政局', '政府工作部门', null, null, '是', 3], // 4
    ['东平县人民政府', '东平县委', '县政府', '政府', '县处级', '519901', '√', 1], // 5
    ['中共东平县委组织部', '东平县委', '县委组织部', '党委工作部门', null, null, '是', 2], // 6
    ['东平县城关镇', null, null, '镇', '乡科级', null, '有', null], // 7: blank parent = the jurisdiction's root
    ['东平县石桥镇党委', '东平县委', null, '乡镇', '乡级', '519901', '是', null], // 8: already there, unchanged
    ['甲局', '乙局', null, '政府工作部门', null, null, null, null], // 9: cycle
    ['乙局', '甲局', null, '政府工作部门', null, null, null, null], // 10: cycle
    ['东平县审计局', '县审计委员会', null, '政府工作部门', null, null, null, null], // 11: unknown parent
    ['东平县财政局', '县政府', null, '政府部门', null, null, null, null], // 12: duplicate of row 4
    ['东平县教育局', '西岭区委', null, '政府工作部门', null, null, null, null], // 13: outside the jurisdiction
  ];
  data.forEach((d, i) => ws.addRow([i + 1, ...d]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (cookie: string, data: Buffer, name: string) =>
  ctx.postFile(`/api/imports?kind=${encodeURIComponent('组织机构')}&name=${encodeURIComponent(name)}`, cookie, data);
async function checked(cookie: string, id: string) {
  expect((await ctx.call('POST', `/api/imports/${id}/check`, cookie, {})).statusCode).toBe(200);
  await drainJobs();
  return (await ctx.call('GET', `/api/imports/${id}`, cookie)).json();
}
const orgRow = async (name: string) => (await ctx.db.tx((tx) => rows<Record<string, any>>(tx, sql`select o.*, exists (select 1 from team t where t.org_id = o.id) as has_team from org o where name = ${name}`)));

describe('组织机构 through the import wizard (kind=orgs)', () => {
  let id: string;

  it('upload: finds the header under the title and maps every column', async () => {
    const r = await upload(county.cookie, await countySheet(), '东平县机构名录.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    id = body.batch.id;
    expect(body.batch).toMatchObject({ kind: 'orgs', kindName: '组织机构', status: 'uploaded' });
    expect(body.missing).toEqual([]);
    const keys = body.batch.mapping.columns.map((c: { key: string | null }) => c.key);
    expect(keys).toEqual(['seq', 'name', 'parent', 'shortName', 'type', 'level', 'regionCode', 'withTeam', 'sort']);
  });

  it('check: the whole file resolved (parents after children), problems by row and column, the tree to be created', async () => {
    const b = await checked(county.cookie, id);
    expect(b).toMatchObject({ status: 'checked', rows: 11, valid: 5, duplicates: 1, rejected: 5 });
    const issues = (await ctx.call('GET', `/api/imports/${id}/issues`, county.cookie)).json() as Array<{ row: number; column: string; message: string }>;
    const at = (row: number) => issues.filter((i) => i.row === row);
    expect(at(9)).toEqual([expect.objectContaining({ column: '上级单位', message: expect.stringContaining('上级单位形成循环：第9行“甲局” → 第10行“乙局” → 第9行“甲局”') })]);
    expect(at(10)[0]).toMatchObject({ column: '上级单位', message: expect.stringContaining('形成循环') });
    expect(at(11)).toEqual([expect.objectContaining({ column: '上级单位', message: '上级单位“县审计委员会”在表中和系统中（管辖范围内）都找不到' })]);
    expect(at(12)).toEqual([expect.objectContaining({ column: '单位名称', message: expect.stringContaining('与第4行重复') })]);
    // Scope: 西岭区委 is another county's — as if it did not exist.
    expect(at(13)).toEqual([expect.objectContaining({ column: '上级单位', message: '上级单位“西岭区委”在表中和系统中（管辖范围内）都找不到' })]);

    const changes = (await ctx.call('GET', `/api/imports/${id}/changes`, county.cookie)).json();
    expect(changes.counts).toEqual({ create: 5, update: 0 });
    const item = (row: number) => changes.items.find((x: { row: number }) => x.row === row);
    expect(item(5)).toMatchObject({ status: 'create', org: { name: '东平县人民政府' }, parent: { id: city.countyA, row: null, name: '东平县委', isNew: false }, level: '县级', withTeam: true });
    expect(item(4)).toMatchObject({ type: '政府部门', level: '县级', regionCode: '519901', parent: { id: item(5).org.id, row: 5, isNew: true } });
    expect(item(3)).toMatchObject({ type: '事业单位', withTeam: false, parent: { row: 4, isNew: true } });
    expect(item(6)).toMatchObject({ type: '党委部门' });
    expect(item(7)).toMatchObject({ type: '乡镇', level: '乡级', parent: { id: city.countyA } });
    expect(await orgRow('东平县人民政府')).toHaveLength(0); // nothing written before the commit
    // The refused rows (settled at the end of the file) come back as an annotated sheet.
    const rej = await ctx.call('GET', `/api/imports/${id}/rejects.xlsx`, county.cookie);
    expect(rej.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rej.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((r) => names.push(String(r.getCell(2).value ?? '')));
    expect(names).toEqual(expect.arrayContaining(['甲局', '乙局', '东平县审计局', '东平县财政局', '东平县教育局']));
  });

  it('commit: creates the units parents first with their paths, teams, org_change and audit', async () => {
    const r = await ctx.call('POST', `/api/imports/${id}/commit`, county.cookie);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'done', imported: 5, duplicates: 1, rejected: 5 });
    const [root] = await ctx.db.tx((tx) => rows<{ path: string }>(tx, sql`select path from org where id = ${city.countyA}::uuid`));
    const gov = (await orgRow('东平县人民政府'))[0]!;
    const fin = (await orgRow('东平县财政局'))[0]!;
    const pay = (await orgRow('东平县财政局国库支付中心'))[0]!;
    const town = (await orgRow('东平县城关镇'))[0]!;
    expect(gov).toMatchObject({ parent_id: city.countyA, path: `${root!.path}${gov.id}/`, short_name: '县政府', type: '政府', level: '县级', region_code: '519901', sort_order: 1, has_team: true });
    expect(fin).toMatchObject({ parent_id: gov.id, path: `${gov.path}${fin.id}/`, type: '政府部门', sort_order: 3, has_team: true });
    expect(pay).toMatchObject({ parent_id: fin.id, path: `${fin.path}${pay.id}/`, type: '事业单位', level: '县级', region_code: '519901', has_team: false });
    expect(town).toMatchObject({ parent_id: city.countyA, type: '乡镇', level: '乡级', has_team: true });
    const changes = await ctx.db.tx((tx) => rows<{ org_id: string; kind: string; created_by_login: string }>(tx, sql`select org_id, kind, created_by_login from org_change where kind = 'import'`));
    expect(changes).toHaveLength(5);
    expect(changes.every((c) => c.kind === 'import' && c.created_by_login === county.login)).toBe(true);
    const audit = await ctx.db.tx((tx) => rows<{ object_id: string; actor_login: string }>(tx, sql`select object_id, actor_login from audit_log where action = 'org.import'`));
    expect(audit.map((a) => a.object_id).sort()).toEqual([gov.id, fin.id, pay.id, town.id, (await orgRow('中共东平县委组织部'))[0]!.id].sort());
    expect(audit.every((a) => a.actor_login === county.login)).toBe(true);
  });

  it('the same sheet again: every unit unchanged, the same problems, nothing written', async () => {
    const before = (await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from org`)))[0]!.n;
    const r = await upload(county.cookie, await countySheet(), '东平县机构名录.xlsx');
    const b = await checked(county.cookie, r.json().batch.id);
    expect(b).toMatchObject({ rows: 11, valid: 0, duplicates: 6, rejected: 5 });
    const done = (await ctx.call('POST', `/api/imports/${b.id}/commit`, county.cookie)).json();
    expect(done).toMatchObject({ status: 'done', imported: 0 });
    expect((await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from org`)))[0]!.n).toBe(before);
  });

  it('a changed cell updates the unit; a unit named by its former name is matched', async () => {
    await ctx.db.tx((tx) => tx.execute(sql`update org set former_names = '{东平县财政所}' where name = '东平县财政局'`));
    const csv = ['序号,单位名称,上级单位,简称,单位类别,层级,行政区划代码,是否设领导班子,排序', '1,东平县财政所,县政府,县财政局,政府组成部门,,,是,7'].join('\n');
    const r = await upload(county.cookie, Buffer.from(csv), '更新.csv');
    const b = await checked(county.cookie, r.json().batch.id);
    expect(b).toMatchObject({ rows: 1, valid: 1, rejected: 0 });
    const changes = (await ctx.call('GET', `/api/imports/${b.id}/changes`, county.cookie)).json();
    expect(changes.items[0]).toMatchObject({ status: 'update', org: { name: '东平县财政局' }, diff: [{ label: '排序', before: '3', after: '7' }], warnings: [expect.stringContaining('曾用名')] });
    expect((await ctx.call('POST', `/api/imports/${b.id}/commit`, county.cookie)).json()).toMatchObject({ status: 'done', imported: 1 });
    expect((await ctx.call('GET', `/api/imports/${b.id}/issues`, county.cookie)).json()).toEqual([]);
    expect((await orgRow('东平县财政局'))[0]).toMatchObject({ sort_order: 7 });
    const audit = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'org.import-update'`));
    expect(audit[0]!.n).toBe(1);
  });

  it('refused to an account without 维护组织机构; the template has the columns and an example', async () => {
    const member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'sj' })).cookie;
    const r = await upload(member, await countySheet(), 'x.xlsx');
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('没有导入组织机构的权限');
    const t = await ctx.call('GET', `/api/imports/template.xlsx?kind=orgs`, county.cookie);
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-disposition']).toContain(encodeURIComponent('组织机构导入模板'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toEqual(['序号', '单位名称', '上级单位', '简称', '单位类别', '层级', '行政区划代码', '是否设领导班子', '排序', '备注']);
  });

  it('the 系统管理员 imports the org tree through the wizard, and nothing else (no roster, no ledger)', async () => {
    const admin = (await ctx.loginAs('sysadmin', { scopeOrgId: null })).cookie;
    const csv = ['单位名称,上级单位,单位类别,层级,行政区划代码,是否设领导班子', '南湖县,,党委,县级,519931,是', '南湖县财政局,南湖县,政府工作部门,,,是'].join('\n');
    const r = await upload(admin, Buffer.from(csv), '南湖县.csv');
    expect(r.statusCode, r.body).toBe(200);
    const b = await checked(admin, r.json().batch.id);
    expect(b).toMatchObject({ rows: 2, valid: 2, rejected: 0 });
    expect((await ctx.call('POST', `/api/imports/${b.id}/commit`, admin)).json()).toMatchObject({ status: 'done', imported: 2 });
    expect((await orgRow('南湖县财政局'))[0]).toMatchObject({ type: '政府部门', level: '县级', has_team: true });
    const roster = await ctx.postFile(`/api/imports?kind=roster&name=x.csv`, admin, Buffer.from('姓名,身份证号\n张三,\n'));
    expect(roster.statusCode).toBe(403);
    const ledger = await ctx.postFile(`/api/imports?kind=${encodeURIComponent('经济责任审计')}&name=x.csv`, admin, Buffer.from('姓名,发生日期\n张三,2025-01-01\n'));
    expect(ledger.statusCode).toBe(403);
    expect(ledger.json().message).toContain('没有导入台账记录的权限');
  });
});
