/**
 * The unit of a new cadre read from 现任职务 (issue 11 point 3): a 花名册 with no 单位 column, as an office
 * writes it (examples/花名册-临江县.csv), lands every cadre in its unit and, asked to, creates the tenures;
 * the 单位 column and the default unit; two units named equally is an error naming both; abolished units
 * never match, former names do; a 任免审批表's 工作单位及职务 places its cadre the same way.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { ROSTER_EXAMPLE, makeLinjiang, type Linjiang } from '../support/linjiang.ts';
import { idOf, lrmxBytes, personTexts } from '../support/lrmx.ts';

let ctx: TestContext;
let lj: Linjiang;
let county: string;
let city: string;
beforeAll(async () => {
  ctx = await createTestContext();
  lj = await makeLinjiang(ctx.deps);
  county = (await ctx.loginAs('supervisor', { scopeOrgId: lj.county })).cookie;
  city = (await ctx.loginAs('supervisor', { scopeOrgId: lj.city })).cookie;
});

interface Change { row: number; status: string; cadre: { name: string }; orgName: string | null; orgHow: string | null; tenure: { team: string; title: string; isPrincipal: boolean; startDate: string; startFrom: string } | null; warnings: string[] }

/** Upload → check → the batch, its problems and its rows. */
async function check(cookie: string, data: Buffer, name: string, options = '') {
  const up = await ctx.postFile(`/api/imports?kind=roster&name=${encodeURIComponent(name)}${options}`, cookie, data);
  expect(up.statusCode, up.body).toBe(200);
  const id = up.json().batch.id as string;
  expect((await ctx.call('POST', `/api/imports/${id}/check`, cookie, {})).statusCode).toBe(200);
  await drainJobs();
  const batch = (await ctx.call('GET', `/api/imports/${id}`, cookie)).json();
  const issues = (await ctx.call('GET', `/api/imports/${id}/issues`, cookie)).json() as Array<{ row: number; column: string; message: string }>;
  const changes = (await ctx.call('GET', `/api/imports/${id}/changes?limit=500`, cookie)).json().items as Change[];
  return { id, batch, issues, byName: new Map(changes.map((c) => [c.cadre.name, c])) };
}

const tenures = () => ctx.db.tx((tx) => rows<{ name: string; org: string; title: string; is_principal: boolean; start_date: string }>(tx, sql`
  select c.name, o.name as org, t.title, t.is_principal, t.start_date::text as start_date
  from tenure t join cadre c on c.id = t.cadre_id join team tm on tm.id = t.team_id join org o on o.id = tm.org_id`));
const cadreOrg = async (name: string) => (await ctx.db.tx((tx) => rows<{ org: string }>(tx, sql`select o.name as org from cadre c join org o on o.id = c.org_id where c.name = ${name}`)))[0]?.org;

describe('a 花名册 without a 单位 column (examples/花名册-临江县.csv), county scope, with tenures', () => {
  it('the preview shows each row\'s unit found from 现任职务 and the tenure to create', async () => {
    const r = await check(county, fs.readFileSync(ROSTER_EXAMPLE), '花名册-临江县.csv', '&tenures=true');
    expect(r.issues).toEqual([]);
    expect(r.batch).toMatchObject({ status: 'checked', rows: 21, valid: 21, rejected: 0, options: { orgId: null, tenures: true } });
    const at = (n: string) => r.byName.get(n)!;
    expect(at('陈静')).toMatchObject({ status: 'create', orgName: '临江县财政局', orgHow: 'title', tenure: { team: '临江县财政局', title: '局长', isPrincipal: true, startDate: '2020-05-01', startFrom: 'column' } });
    expect(at('陈立军')).toMatchObject({ orgName: '中共临江县委员会', orgHow: 'title', tenure: { title: '书记', isPrincipal: true } });
    expect(at('周海涛')).toMatchObject({ orgName: '临江县人民政府', orgHow: 'title', tenure: { title: '县长', isPrincipal: true } });
    expect(at('孙丽')).toMatchObject({ orgName: '中共临江县委组织部', orgHow: 'title', tenure: { title: '部长', isPrincipal: true } });
    expect(at('钱伟')).toMatchObject({ orgName: '中共临江县委宣传部', tenure: { title: '部长', isPrincipal: true } });
    expect(at('沈洁')).toMatchObject({ orgName: '临江县人民政府', tenure: { title: '副县长', isPrincipal: false } });
    expect(at('卫东')).toMatchObject({ orgName: '临江县教育局', tenure: { title: '党组书记、局长', isPrincipal: true } });
    expect(at('杨帆')).toMatchObject({ orgName: '城关镇', tenure: { title: '党委副书记、镇长', isPrincipal: false } });
    expect(at('赵明')).toMatchObject({ orgName: '临江县纪委监委', tenure: { title: '书记、主任', isPrincipal: true } });
    expect([...r.byName.values()].every((c) => c.orgHow === 'title' && c.tenure)).toBe(true);
    expect(await tenures()).toEqual([]); // nothing written before the commit
  });

  it('the commit creates the cadres in their units and one tenure each, the 一把手 marked', async () => {
    const r = await check(county, fs.readFileSync(ROSTER_EXAMPLE), '花名册-临江县.csv', '&tenures=true');
    const done = await ctx.call('POST', `/api/imports/${r.id}/commit`, county);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', imported: 21, rejected: 0 });
    expect(await cadreOrg('孙丽')).toBe('中共临江县委组织部');
    const t = await tenures();
    expect(t).toHaveLength(21);
    const of = (n: string) => t.find((x) => x.name === n);
    expect(of('陈静')).toEqual({ name: '陈静', org: '临江县财政局', title: '局长', is_principal: true, start_date: '2020-05-01' });
    expect(of('褚强')).toMatchObject({ org: '临江县财政局', title: '副局长', is_principal: false });
    expect(of('周海涛')).toMatchObject({ org: '临江县人民政府', title: '县长', is_principal: true });
    expect(t.filter((x) => x.is_principal)).toHaveLength(15);
  });

  it('the same 花名册 again: nothing to create, no second tenure', async () => {
    const r = await check(county, fs.readFileSync(ROSTER_EXAMPLE), '花名册-临江县.csv', '&tenures=true');
    expect(r.batch).toMatchObject({ status: 'checked', valid: 0, duplicates: 21 });
    expect(r.byName.size).toBe(0);
  });
});

describe('the 单位 column, the default unit, two units equally, abolished and former names (city scope)', () => {
  it('places each row and says how; an ambiguous 职务 is an error naming both units', async () => {
    await ctx.db.tx((tx) => tx.execute(sql`update org set former_names = '{石溪县财政税务局}' where id = ${lj['石溪县财政局']!}::uuid`));
    await ctx.db.tx((tx) => tx.execute(sql`update org set abolished_on = '2025-01-01' where id = ${lj['临江县公安局']!}::uuid`));
    const csv = [
      '姓名,性别,出生年月,现任职务,单位,身份证号',
      `甲一,男,1980.01,县财政局局长,,${idOf('519922', '19800101', 11)}`,
      `乙二,男,1981.02,四级调研员,,${idOf('519922', '19810202', 13)}`,
      `丙三,男,1982.03,石溪县财政税务局副局长,,${idOf('519922', '19820303', 15)}`,
      `丁四,女,1983.04,副局长,临江县教育局,${idOf('519922', '19830404', 16)}`,
      `戊五,男,1984.05,临江县公安局副局长,,${idOf('519922', '19840505', 17)}`,
    ].join('\n');
    // The default unit is the city's: as near to 临江县财政局 as to 石溪县财政局 (a nearer one would tell them apart).
    const r = await check(city, Buffer.from(csv), '名册.csv', `&orgId=${lj.city}`);
    expect(r.batch.options).toEqual({ orgId: lj.city, tenures: false });
    expect(r.issues).toEqual([{ row: 2, column: '现任职务', col: 4, message: '职务“县财政局局长”中的单位可指“临江县财政局”、“石溪县财政局”，请在“单位”列写明' }]);
    expect(r.byName.get('乙二')).toMatchObject({ orgName: '中共江州市委员会', orgHow: 'default', tenure: null });
    expect(r.byName.get('丙三')).toMatchObject({ orgName: '石溪县财政局', orgHow: 'title' });
    expect(r.byName.get('丁四')).toMatchObject({ orgName: '临江县教育局', orgHow: 'column' });
    // 临江县公安局 is abolished: never matched (the default unit takes the row).
    expect(r.byName.get('戊五')).toMatchObject({ orgName: '中共江州市委员会', orgHow: 'default' });
  });

  it('a default unit in one county tells apart the units a 职务 names in two', async () => {
    const csv = ['姓名,出生年月,现任职务', '辛八,1985.08,县委副书记', '壬九,1986.09,县财政局副局长'].join('\n');
    const r = await check(city, Buffer.from(csv), '名册3.csv', `&orgId=${lj['石溪县财政局']!}`);
    expect(r.issues).toEqual([]);
    expect(r.byName.get('辛八')).toMatchObject({ orgName: '中共石溪县委员会', orgHow: 'title' });
    expect(r.byName.get('壬九')).toMatchObject({ orgName: '石溪县财政局', orgHow: 'title' });
  });

  it('without a default unit, a row naming no unit is refused with the reason', async () => {
    const csv = ['姓名,出生年月,现任职务', '己六,1985.06,四级调研员'].join('\n');
    const r = await check(city, Buffer.from(csv), '名册2.csv');
    expect(r.issues).toEqual([{ row: 2, column: '现任职务', col: 3, message: expect.stringContaining('新干部需要所在单位') }]);
  });

  it('a default unit outside the jurisdiction is refused at the upload', async () => {
    const r = await ctx.postFile(`/api/imports?kind=roster&name=x.csv&orgId=${lj['石溪县财政局']!}`, county, Buffer.from('姓名\n某\n'));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('默认单位');
  });
});

describe('a 任免审批表: 工作单位及职务 places a new cadre', () => {
  it('the preview says the unit and how; the commit puts the cadre there', async () => {
    const data = lrmxBytes(personTexts({ XingMing: '江一舟', ShenFenZheng: idOf('519921', '19860707', 31), XianRenZhiWu: '县委常委、县委办公室主任' }));
    const up = await ctx.postFile(`/api/cadre-imports?name=${encodeURIComponent('江一舟.lrmx')}`, county, data);
    expect(up.statusCode, up.body).toBe(200);
    await drainJobs();
    const v = (await ctx.call('GET', `/api/cadre-imports/${up.json().id}`, county)).json();
    expect(v.report[0]).toMatchObject({ status: 'create', errors: [], org: { name: '中共临江县委办公室', how: 'title' } });
    expect((await ctx.call('POST', `/api/cadre-imports/${v.id}/commit`, county)).statusCode).toBe(200);
    expect(await cadreOrg('江一舟')).toBe('中共临江县委办公室');
  });
});
