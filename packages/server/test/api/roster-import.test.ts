import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { HAN_ID, messyRoster } from '../support/roster.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

const upload = (cookie: string, data: Buffer, query: string) => ctx.postFile(`/api/imports?${query}`, cookie, data);
const call: TestContext['call'] = (...a) => ctx.call(...a);
const cadre = async (name: string) => (await ctx.db.tx((tx) => rows<Record<string, unknown>>(tx, sql`select * from cadre where name = ${name}`)));

describe('干部名册 through the import wizard (kind=roster)', () => {
  let id: string;

  it('upload: finds the header under the title, maps the everyday headers', async () => {
    const r = await upload(sup, await messyRoster(city), `kind=${encodeURIComponent('干部名册')}&name=${encodeURIComponent('东平县干部名册.xlsx')}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    id = body.batch.id;
    expect(body.batch).toMatchObject({ kind: 'roster', kindName: '干部名册', status: 'uploaded' });
    expect(body.title).toBe('2025年东平县科级以上干部名册');
    expect(body.missing).toEqual([]);
    const byKey = Object.fromEntries(body.batch.mapping.columns.filter((c: { key: string | null }) => c.key).map((c: { key: string; header: string }) => [c.key, c.header]));
    expect(byKey).toMatchObject({
      seq: '序号', name: '姓名', idNumber: '身份证号码', fullTimeEducationDegree: '全日制学历学位', fullTimeSchool: '毕业院校及专业',
      currentPost: '现任职务（工作单位及职务）', postSince: '任现职务时间', rank: '职务层次', orgName: '单位', remark: '备注', partyDate: '入党时间',
    });
    expect(body.unmapped).toEqual([]);
  });

  it('check: each row becomes create / update (with its differences) / unchanged / a problem by row and column', async () => {
    expect((await call('POST', `/api/imports/${id}/check`, sup, {})).statusCode).toBe(200);
    await drainJobs();
    const b = (await call('GET', `/api/imports/${id}`, sup)).json();
    expect(b).toMatchObject({ status: 'checked', rows: 9, valid: 3, duplicates: 2, rejected: 4 });
    const issues = (await call('GET', `/api/imports/${id}/issues`, sup)).json() as Array<{ row: number; column: string; col?: number; message: string }>;
    expect(issues.find((i) => i.row === 7)).toMatchObject({ column: '身份证号码', col: 9, message: expect.stringContaining('数字') });
    expect(issues.find((i) => i.row === 8)).toMatchObject({ column: '单位', message: expect.stringContaining('不存在的单位') });
    expect(issues.find((i) => i.row === 9)).toMatchObject({ column: '单位', message: expect.stringContaining('所在单位') });
    expect(issues.find((i) => i.row === 12)).toMatchObject({ column: '性别', message: expect.stringContaining('身份证号表明性别为男') });
    const changes = (await call('GET', `/api/imports/${id}/changes`, sup)).json();
    expect(changes.counts).toEqual({ create: 1, update: 2 });
    const at = (row: number) => changes.items.find((x: { row: number }) => x.row === row);
    expect(at(4)).toMatchObject({ status: 'update', match: 'id', cadre: { id: city.cadres['张三明']!.id, name: '张三明' } });
    const diff4 = Object.fromEntries(at(4).diff.map((d: { field: string; before: string; after: string }) => [d.field, [d.before, d.after]]));
    expect(diff4).toMatchObject({
      XianRenZhiWu: ['', '东平县委书记'], MinZu: ['', '汉族'], RuDangShiJian: ['', '199306'], QuanRiZhiJiaoYu_XueLi: ['', '大学'],
      QuanRiZhiJiaoYu_XueWei: ['', '法学学士'], 职务层次: ['', '正处级'], 任现职务时间: ['', '202106'], CanJiaGongZuoShiJian: ['', '201801'],
    });
    expect(diff4.XingMing).toBeUndefined(); // 张 三 明 = 张三明
    expect(diff4.ChuShengNianYue).toBeUndefined(); // a date cell of 1970-03-15 = the ID's 1970-03
    expect(at(5)).toMatchObject({ status: 'create', match: 'none', cadre: { id: null, name: '韩九' }, orgName: '东平县石桥镇党委' });
    expect(at(5).diff.find((d: { field: string }) => d.field === 'idNumber').after).toMatch(/^5199\*+/u);
    expect(at(5).diff.find((d: { field: string }) => d.field === 'RuDangShiJian').after).toBe('民盟');
    expect(at(11)).toMatchObject({ status: 'update', match: 'name_birth', cadre: { id: city.cadres['王五']!.id } });
    expect(await cadre('韩九')).toHaveLength(0); // nothing written before the commit
    // No 身份证号 in clear in the staged rows.
    const staged = await ctx.db.tx((tx) => rows<{ t: string }>(tx, sql`select details::text as t from import_staging where batch_id = ${id}::uuid`));
    expect(staged.map((s) => s.t).join()).not.toContain(HAN_ID);
  });

  it('commit: creates and updates the cadres in one go; unchanged rows write nothing', async () => {
    const li = (await cadre('李四海'))[0]!;
    const r = await call('POST', `/api/imports/${id}/commit`, sup);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'done', imported: 3, duplicates: 2, rejected: 4 });
    const han = (await cadre('韩九'))[0]!;
    expect(han).toMatchObject({ org_id: city.townA, gender: '女', birth: '1988-08', ethnicity: '回族', native_place: '山东济南', party_date: null, rank: '副科级', education_full_time: '研究生 公共管理硕士' });
    const zhang = (await cadre('张三明'))[0]!;
    expect(zhang).toMatchObject({ version: 2, rank: '正处级', ethnicity: '汉族', party_date: '1993-06', education_full_time: '大学 法学学士' });
    expect((await cadre('李四海'))[0]!.version).toBe(li.version);
    expect((await cadre('王五'))[0]).toMatchObject({ native_place: '四川成都', version: 2 });
    const rec = await ctx.db.tx((tx) => rows<{ fields: Record<string, string>; source_format: string }>(tx, sql`select fields, source_format from cadre_record where cadre_id = ${zhang.id as string}::uuid`));
    expect(rec[0]).toMatchObject({ source_format: 'roster', fields: expect.objectContaining({ XianRenZhiWu: '东平县委书记', 任现职务时间: '202106', XingMing: '张三明' }) });
    const audit = await ctx.db.tx((tx) => rows<{ action: string; n: number }>(tx, sql`select action, count(*)::int as n from audit_log where action like 'cadre.import-%' group by action order by action`));
    expect(audit).toEqual([{ action: 'cadre.import-create', n: 1 }, { action: 'cadre.import-update', n: 2 }]);
    // The exported 任免审批表 of a roster-created cadre carries the roster's texts.
    const x = await call('GET', `/api/cadres/${han.id as string}/lrmx`, sup);
    expect(x.body).toContain('<XianRenZhiWu>东平县石桥镇副镇长</XianRenZhiWu>');
    expect(x.body).toContain(`<ShenFenZheng>${HAN_ID}</ShenFenZheng>`);
  });

  it('the same roster again: every row is unchanged (duplicates), nothing to import', async () => {
    const r = await upload(sup, await messyRoster(city), 'kind=roster&name=again.xlsx');
    const again = r.json().batch.id;
    await call('POST', `/api/imports/${again}/check`, sup, {});
    await drainJobs();
    expect((await call('GET', `/api/imports/${again}`, sup)).json()).toMatchObject({ status: 'checked', valid: 0, duplicates: 5, rejected: 4 });
  });

  it('a cadre changed between check and commit is not overwritten: a problem of its row, the rest imported', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '身份证号', '现任职务', '单位']);
    ws.addRow(['赵六', city.cadres['赵六']!.idNumber, '石桥镇党委书记（兼）', '东平县石桥镇党委']);
    ws.addRow(['张珊', city.cadres['张珊']!.idNumber, '市委秘书长（兼）', '青川市委']);
    const r = await upload(sup, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=roster&name=two.xlsx');
    const bid = r.json().batch.id;
    await call('POST', `/api/imports/${bid}/check`, sup, {});
    await drainJobs();
    expect((await call('GET', `/api/imports/${bid}`, sup)).json()).toMatchObject({ valid: 2 });
    await ctx.app.inject({ method: 'POST', url: `/api/cadres/${city.cadres['赵六']!.id}/photo`, headers: { cookie: sup, 'content-type': 'application/octet-stream' }, payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) });
    const done = (await call('POST', `/api/imports/${bid}/commit`, sup)).json();
    expect(done).toMatchObject({ status: 'done', imported: 1, rejected: 1 });
    const issues = (await call('GET', `/api/imports/${bid}/issues`, sup)).json();
    expect(issues).toEqual([expect.objectContaining({ row: 2, message: expect.stringContaining('已被修改') })]);
  });

  it('the roster template lists the roster columns; member departments may not import rosters', async () => {
    const t = await call('GET', '/api/imports/template.xlsx?kind=roster', sup);
    expect(t.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).toContain('身份证号');
    const member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'sj' })).cookie;
    const r = await upload(member, await messyRoster(city), 'kind=roster&name=x.xlsx');
    expect(r.statusCode).toBe(403);
  });
});
