/** An import says every problem of a row in one check: a bad cell and an ambiguous name together. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/context.ts';
import { createCadre } from '../../src/services/cadres.service.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeIdNumber, makeSmallCity, type SmallCity } from '../support/fixtures.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  // A second 张珊 in 青川市委: the name alone no longer tells them apart.
  await createCadre(ctx.deps, systemActor('fixture'), { name: '张珊', idNumber: makeIdNumber('519901', '19820202', 88), orgId: city.city, status: '在职' });
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

describe('one check reports all of a row\'s problems', () => {
  it('a bad date and an ambiguous name are both reported in the first check', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['姓名', '单位', '来源渠道', '是否实名', '办理状态', '受理日期', '反映内容']);
    ws.addRow(['张珊', '青川市委', '来信', '否', '受理', '2025-13-45', '反映其公车私用']);
    ws.addRow(['王五', '西岭区委', '来信', '否', '受理', '2025-04-03', '反映其违规吃喝']);
    const up = await ctx.postFile('/api/imports?kind=xfjb&source=xf&name=two-problems.xlsx', sup, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(up.statusCode, up.body).toBe(200);
    const id = up.json().batch.id as string;
    expect((await ctx.call('POST', `/api/imports/${id}/check`, sup, {})).statusCode).toBe(200);
    await drainJobs();
    const b = (await ctx.call('GET', `/api/imports/${id}`, sup)).json();
    expect(b).toMatchObject({ status: 'checked', valid: 1, rejected: 1 });
    const issues = (await ctx.call('GET', `/api/imports/${id}/issues`, sup)).json() as Array<{ row: number; column: string; message: string }>;
    const row2 = issues.filter((i) => i.row === 2);
    expect(row2.map((i) => i.column).sort()).toEqual(['受理日期', '姓名'].sort());
    expect(row2.find((i) => i.column === '姓名')!.message).toContain('2名同名干部');
    expect(issues.filter((i) => i.row === 3)).toEqual([]);
  });

  it('a problem in the subject\'s own cell is said once, not again as "not found"', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['身份证号', '来源渠道', '是否实名', '办理状态', '受理日期', '反映内容']);
    ws.addRow(['51990119700315001', '来信', '否', '受理', '2025-13-45', '反映其公车私用']);
    const up = await ctx.postFile('/api/imports?kind=xfjb&source=xf&name=bad-id.xlsx', sup, Buffer.from(await wb.xlsx.writeBuffer()));
    const id = up.json().batch.id as string;
    await ctx.call('POST', `/api/imports/${id}/check`, sup, {});
    await drainJobs();
    const issues = (await ctx.call('GET', `/api/imports/${id}/issues`, sup)).json() as Array<{ row: number; column: string; message: string }>;
    expect(issues.filter((i) => i.column === '身份证号')).toHaveLength(1);
    expect(issues.some((i) => i.column === '受理日期')).toBe(true);
  });
});
