import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { parseLrmx } from '../../src/intake/lrmx/index.ts';
import { createCadre } from '../../src/services/cadres.service.ts';
import { systemActor } from '../../src/context.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { FAMILY, idOf, jpegBytes, lrmBytes, lrmxBytes, personTexts } from '../support/lrmx.ts';
import { makeZip } from '../support/zip.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
const LIN_ID = idOf('330226', '19780315', 1);
const photo = jpegBytes([9, 8, 7, 6]);

beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
});

const upload = (cookie: string, data: Buffer, name: string, orgId?: string) =>
  ctx.postFile(`/api/cadre-imports?name=${encodeURIComponent(name)}${orgId ? `&orgId=${orgId}` : ''}`, cookie, data);
const call: TestContext['call'] = (...a) => ctx.call(...a);

type Report = { file: string; status: string; match: string; cadre: { id: string | null; name: string }; diff: Array<{ field: string; label: string; before: string; after: string; members?: unknown[] }>; errors: Array<{ field: string; message: string }>; warnings: unknown[]; written?: boolean };

async function preview(data: Buffer, name: string, orgId?: string, cookie = sup) {
  const r = await upload(cookie, data, name, orgId);
  expect(r.statusCode, r.body).toBe(200);
  await drainJobs();
  const v = (await call('GET', `/api/cadre-imports/${r.json().id}`, cookie)).json();
  expect(v.status).toBe('checked');
  return v as { id: string; report: Report[]; skipped: Array<{ file: string; message: string }>; created: number; updated: number; unchanged: number; failed: number };
}

async function commit(id: string, cookie = sup) {
  const r = await call('POST', `/api/cadre-imports/${id}/commit`, cookie);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { status: string; report: Report[]; created: number; updated: number; unchanged: number; failed: number };
}

const cadreByName = async (name: string) => (await ctx.db.tx((tx) => rows<{ id: string; version: number; org_id: string; birth: string; rank: string | null }>(tx,
  sql`select id, version, org_id, birth, rank from cadre where name = ${name} order by created_at`)));

describe('任免审批表 import: create, update with differences, unchanged', () => {
  let linId: string;

  it('a new cadre: the preview says create and lists the fields; nothing is written before commit', async () => {
    const v = await preview(lrmxBytes(personTexts(), FAMILY, photo), '林晓舟.lrmx', city.countyA);
    expect(v.report).toHaveLength(1);
    const f = v.report[0]!;
    expect(f).toMatchObject({ file: '林晓舟.lrmx', status: 'create', match: 'none', cadre: { id: null, name: '林晓舟' }, errors: [] });
    expect(f.diff.find((d) => d.field === 'XianRenZhiWu')).toMatchObject({ label: '现任职务', before: '', after: '东平县委常委、组织部部长' });
    expect(f.diff.find((d) => d.field === 'idNumber')?.after).toMatch(/^3302\*+\d{3}[\dX]$/u);
    expect(f.diff.find((d) => d.field === 'family')).toMatchObject({ before: '0人', after: '2人', members: [{ change: 'added', relation: '妻子', name: '周雨岚' }, { change: 'added', relation: '父亲', name: '林国平' }] });
    expect(f.diff.find((d) => d.field === 'photo')).toMatchObject({ after: '新增' });
    expect(await cadreByName('林晓舟')).toHaveLength(0);
    const done = await commit(v.id);
    expect(done).toMatchObject({ status: 'done', created: 1, updated: 0, failed: 0 });
    expect(done.report[0]!.written).toBe(true);
    const [c] = await cadreByName('林晓舟');
    linId = c!.id;
    expect(c).toMatchObject({ org_id: city.countyA, birth: '1978-03', version: 1 });
  });

  it('the profile has the photo and the registry columns; the photo is served as imported', async () => {
    const d = (await call('GET', `/api/cadres/${linId}`, sup)).json();
    expect(d).toMatchObject({ name: '林晓舟', gender: '男', birth: '1978-03', ethnicity: '汉族', nativePlace: '浙江宁海', birthPlace: '浙江宁海', partyDate: '2001-06', workDate: '2000-07', educationFullTime: '大学 经济学学士', educationInService: '研究生 公共管理硕士', hasPhoto: true, hasRecord: true });
    const p = await call('GET', `/api/cadres/${linId}/photo`, sup);
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toBe('image/jpeg');
    expect(p.rawPayload.equals(photo)).toBe(true);
    expect((await call('GET', `/api/cadres/${city.cadres['张三明']!.id}/photo`, sup)).statusCode).toBe(404);
  });

  it('family members are stored encrypted: no family name in any column of any table, nor in the audit log', async () => {
    const tables = await ctx.db.tx((tx) => rows<{ table_name: string }>(tx, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`));
    for (const { table_name } of tables) {
      const hit = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table_name)} t
        where t::text like '%周雨岚%' or t::text like ${'%' + Buffer.from('周雨岚').toString('hex') + '%'}`));
      expect(hit[0]!.n, table_name).toBe(0);
    }
    const rec = (await ctx.db.tx((tx) => rows<{ family_count: number; family_enc: Buffer | null }>(tx, sql`select family_count, family_enc from cadre_record where cadre_id = ${linId}::uuid`)))[0]!;
    expect(rec.family_count).toBe(2);
    expect(rec.family_enc).not.toBeNull();
  });

  it('an update shows each changed field before commit, the family by relation and name only; commit bumps the version', async () => {
    const family = [...FAMILY.slice(0, 1), { ...FAMILY[1]!, GongZuoDanWeiJiZhiWu: '已故' }, { ChengWei: '儿子', XingMing: '林小舟', ChuShengRiQi: '200805', ZhengZhiMianMao: '群众', GongZuoDanWeiJiZhiWu: '某某中学学生' }];
    const v = await preview(lrmxBytes(personTexts({ XianRenZhiWu: '东平县委副书记', ChuShengNianYue: '1978.03', MinZu: '汉', TianBiaoShiJian: '20250901' }), family), '林晓舟（新）.lrmx');
    const f = v.report[0]!;
    expect(f).toMatchObject({ status: 'update', match: 'id', cadre: { id: linId, name: '林晓舟' } });
    const fields = f.diff.map((d) => d.field);
    expect(fields).toContain('XianRenZhiWu');
    expect(fields).not.toContain('ChuShengNianYue'); // 1978.03 = 197803
    expect(fields).not.toContain('MinZu'); // 汉 = 汉族
    expect(fields).not.toContain('photo'); // no photo in the file: the cadre keeps it
    expect(f.diff.find((d) => d.field === 'XianRenZhiWu')).toMatchObject({ label: '现任职务', before: '东平县委常委、组织部部长', after: '东平县委副书记' });
    const fam = f.diff.find((d) => d.field === 'family')!;
    expect(fam).toMatchObject({ label: '家庭主要成员及重要社会关系', before: '2人', after: '3人' });
    expect(fam.members).toEqual([{ change: 'changed', relation: '父亲', name: '林国平' }, { change: 'added', relation: '儿子', name: '林小舟' }]);
    expect(JSON.stringify(fam)).not.toContain('已故');
    const done = await commit(v.id);
    expect(done).toMatchObject({ created: 0, updated: 1 });
    expect((await cadreByName('林晓舟'))[0]!.version).toBe(2);
    const audit = await ctx.db.tx((tx) => rows<{ details: Record<string, unknown> }>(tx, sql`select details from audit_log where action = 'cadre.import-update' and object_id = ${linId}`));
    expect(audit).toHaveLength(1);
    expect(String(audit[0]!.details.fields)).toContain('现任职务');
    expect(JSON.stringify(audit)).not.toContain('林小舟');
    expect(JSON.stringify(audit)).not.toContain('副书记');
  });

  it('importing the export of a cadre is unchanged; the export is a complete .lrmx named after the cadre', async () => {
    const r = await call('GET', `/api/cadres/${linId}/lrmx`, sup);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('林晓舟.lrmx'));
    const parsed = parseLrmx(r.rawPayload);
    expect(parsed.errors).toEqual([]);
    expect(parsed.person.idNumber.value).toBe(LIN_ID);
    expect(parsed.person.currentPost.text).toBe('东平县委副书记');
    expect(parsed.family.map((m) => m.name.value)).toEqual(['周雨岚', '林国平', '林小舟']);
    expect(parsed.photo?.bytes.equals(photo)).toBe(true);
    const audit = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'cadre.export-lrmx' and object_id = ${linId}`));
    expect(audit[0]!.n).toBe(1);
    const v = await preview(r.rawPayload, 'again.lrmx');
    expect(v.report[0]).toMatchObject({ status: 'unchanged', match: 'id', diff: [] });
    await commit(v.id);
    expect((await cadreByName('林晓舟'))[0]!.version).toBe(2);
  });

  it('a cadre entered by hand exports from the registry, 现任职务 from the tenures', async () => {
    const r = await call('GET', `/api/cadres/${city.cadres['张三明']!.id}/lrmx`, sup);
    const p = parseLrmx(r.rawPayload);
    expect(p.person.name.text).toBe('张三明');
    expect(p.person.idNumber.value).toBe(city.cadres['张三明']!.idNumber);
    expect(p.person.birth.text).toBe('197003');
    expect(p.person.currentPost.text).toBe('东平县委县委书记');
    expect(p.family).toEqual([]);
  });
});

describe('batches: a .zip of many files; one bad file does not stop the others', () => {
  it('reports per file: good .lrmx, .lrm with its .pic in a nested folder, a broken file, a stray file', async () => {
    const zip = makeZip([
      { name: '东平/县委/陈一.lrmx', data: lrmxBytes(personTexts({ XingMing: '陈一', ShenFenZheng: idOf('519901', '19820101', 31) })) },
      { name: '东平/乡镇/吴二.lrm', data: lrmBytes(personTexts({ XingMing: '吴二', ChuShengNianYue: '1983.02' }), FAMILY) },
      { name: '东平/乡镇/吴二.pic', data: photo },
      { name: '东平/坏文件.lrmx', data: '这不是XML' },
      { name: '东平/日期错.lrmx', data: lrmxBytes(personTexts({ XingMing: '郑三', ChuShengNianYue: '197313', ShenFenZheng: '' })) },
      { name: '说明.txt', data: '任免表' },
    ]);
    const v = await preview(zip, '东平县.zip', city.countyA);
    const by = Object.fromEntries(v.report.map((f) => [f.file, f]));
    expect(Object.keys(by).sort()).toEqual(['东平/乡镇/吴二.lrm', '东平/县委/陈一.lrmx', '东平/坏文件.lrmx', '东平/日期错.lrmx'].sort());
    expect(by['东平/县委/陈一.lrmx']).toMatchObject({ status: 'create' });
    expect(by['东平/乡镇/吴二.lrm']).toMatchObject({ status: 'create', cadre: { name: '吴二' } });
    expect(by['东平/乡镇/吴二.lrm']!.diff.map((d) => d.field)).toContain('photo');
    expect(by['东平/坏文件.lrmx']!.status).toBe('error');
    expect(by['东平/坏文件.lrmx']!.errors[0]!.message).toContain('不是 XML');
    expect(by['东平/日期错.lrmx']).toMatchObject({ status: 'error', errors: [{ field: '出生年月', message: expect.stringContaining('月份13') }] });
    expect(v.skipped).toEqual([{ file: '说明.txt', message: expect.stringContaining('已跳过') }]);
    expect(v).toMatchObject({ created: 2, failed: 2 });
    const done = await commit(v.id);
    expect(done).toMatchObject({ created: 2, failed: 2 });
    const [wu] = await cadreByName('吴二');
    expect(wu!.birth).toBe('1983-02');
    expect((await call('GET', `/api/cadres/${wu!.id}/photo`, sup)).rawPayload.equals(photo)).toBe(true);
    expect(await cadreByName('郑三')).toHaveLength(0);
  });

  it('a zip with ../ or absolute paths is refused whole, before anything is inflated', async () => {
    for (const name of ['../../etc/陈一.lrmx', '/abs/陈一.lrmx', 'ok/../../x.lrmx']) {
      const r = await upload(sup, makeZip([{ name: 'a.lrmx', data: lrmxBytes(personTexts()) }, { name, data: lrmxBytes(personTexts()) }]), 'x.zip', city.countyA);
      expect(r.statusCode, name).toBe(400);
      expect(r.json().message).toContain('内部路径');
    }
    const bomb = await upload(sup, makeZip([{ name: 'big.lrmx', data: Buffer.alloc(30 * 1024 * 1024, 0x20), declaredSize: 30 * 1024 * 1024 }]), 'b.zip', city.countyA);
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().message).toContain('压缩炸弹');
  });

  it('the same person twice in one upload: the second file is an error', async () => {
    const one = lrmxBytes(personTexts({ XingMing: '孙四', ShenFenZheng: idOf('519901', '19840404', 41) }));
    const v = await preview(makeZip([{ name: 'a/孙四.lrmx', data: one }, { name: 'b/孙四.lrmx', data: one }]), 'dup.zip', city.countyA);
    expect(v.report.map((f) => f.status)).toEqual(['create', 'error']);
    expect(v.report[1]!.errors[0]!.message).toContain('a/孙四.lrmx');
  });
});

describe('matching', () => {
  it('without a 身份证号: by name + birth month (the cadre keeps the 身份证号 it has)', async () => {
    const wang = city.cadres['王五']!;
    const v = await preview(lrmxBytes(personTexts({ XingMing: '王五', ChuShengNianYue: '198001', ShenFenZheng: '', XianRenZhiWu: '西岭区委书记' })), '王五.lrmx');
    expect(v.report[0]).toMatchObject({ status: 'update', match: 'name_birth', cadre: { id: wang.id } });
    await commit(v.id);
    const d = (await call('GET', `/api/cadres/${wang.id}`, sup)).json();
    expect(d.idNumberMasked).toBe(`${wang.idNumber.slice(0, 4)}**********${wang.idNumber.slice(-4)}`);
  });

  it('several cadres with the same name and birth month: an error asking for the 身份证号', async () => {
    for (let i = 0; i < 2; i++) await createCadre(ctx.deps, systemActor('t'), { name: '周同名', birth: '1979-09', orgId: city.townA, status: '在职' });
    const v = await preview(lrmxBytes(personTexts({ XingMing: '周同名', ChuShengNianYue: '197909', ShenFenZheng: '' })), '周同名.lrmx', city.countyA);
    expect(v.report[0]).toMatchObject({ status: 'error', errors: [{ message: expect.stringContaining('身份证号') }] });
  });

  it('a cadre outside the jurisdiction is never updated: a clear error', async () => {
    const countySup = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
    const zhang = city.cadres['张三明']!;
    const v = await preview(lrmxBytes(personTexts({ XingMing: '张三明', ShenFenZheng: zhang.idNumber })), '张三明.lrmx', city.countyB, countySup);
    expect(v.report[0]).toMatchObject({ status: 'error', match: 'id', errors: [{ field: '身份证号', message: expect.stringContaining('不在您的管辖范围内') }] });
    // By name + birth a namesake outside the jurisdiction is not seen: a new cadre would be created in scope.
    const other = await preview(lrmxBytes(personTexts({ XingMing: '张三明', ChuShengNianYue: '197003', ShenFenZheng: '' })), '张三明2.lrmx', city.countyB, countySup);
    expect(other.report[0]).toMatchObject({ status: 'create', match: 'none' });
  });

  it('a new cadre needs a unit; choosing one and previewing again makes it importable', async () => {
    // 现任职务 names no unit of the registry (one that does places the cadre: roster-placement.test.ts).
    const r = await upload(sup, lrmxBytes(personTexts({ XingMing: '钱五', ShenFenZheng: idOf('519901', '19850505', 51), XianRenZhiWu: '四级调研员' })), '钱五.lrmx');
    await drainJobs();
    const v = (await call('GET', `/api/cadre-imports/${r.json().id}`, sup)).json();
    expect(v.report[0]).toMatchObject({ status: 'error', errors: [{ field: '所在单位' }] });
    const again = await call('POST', `/api/cadre-imports/${v.id}/preview`, sup, { orgId: city.townA });
    await drainJobs();
    expect(again.statusCode, again.body).toBe(200);
    const v2 = (await call('GET', `/api/cadre-imports/${v.id}`, sup)).json();
    expect(v2).toMatchObject({ status: 'checked', orgName: '东平县石桥镇党委', created: 1 });
  });
});

describe('commit re-checks each file', () => {
  it('a cadre changed after the preview fails that file with a message; the others are written', async () => {
    const zhao = city.cadres['赵六']!;
    const v = await preview(makeZip([
      { name: '赵六.lrmx', data: lrmxBytes(personTexts({ XingMing: '赵六', XingBie: '女', ShenFenZheng: zhao.idNumber, ChuShengNianYue: '198512', XianRenZhiWu: '石桥镇党委书记' })) },
      { name: '冯七.lrmx', data: lrmxBytes(personTexts({ XingMing: '冯七', ShenFenZheng: idOf('519901', '19860606', 61) })) },
    ]), 'two.zip', city.townA);
    expect(v.report.map((f) => f.status)).toEqual(['create', 'update']);
    const ph = await ctx.app.inject({ method: 'POST', url: `/api/cadres/${zhao.id}/photo`, headers: { cookie: sup, 'content-type': 'application/octet-stream' }, payload: photo });
    expect(ph.statusCode, ph.body).toBe(200);
    const done = await commit(v.id);
    expect(done).toMatchObject({ created: 1, updated: 0, failed: 1 });
    const failed = done.report.find((f) => f.file === '赵六.lrmx')!;
    expect(failed).toMatchObject({ status: 'error', written: false });
    expect(failed.errors.at(-1)!.message).toContain('已被修改');
    expect(await cadreByName('冯七')).toHaveLength(1);
    expect((await call('POST', `/api/cadre-imports/${v.id}/commit`, sup)).statusCode).toBe(409);
  });
});

describe('permissions and uploads', () => {
  it('member departments may not import cadres; a photo must be a JPEG or PNG', async () => {
    const member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'sj' })).cookie;
    expect((await upload(member, lrmxBytes(personTexts()), 'x.lrmx')).statusCode).toBe(403);
    expect((await call('GET', '/api/cadre-imports', member)).statusCode).toBe(403);
    const bad = await ctx.app.inject({ method: 'POST', url: `/api/cadres/${city.cadres['李四海']!.id}/photo`, headers: { cookie: sup, 'content-type': 'application/octet-stream' }, payload: Buffer.from('GIF89a....') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('JPG');
    const unsupported = await upload(sup, Buffer.from('hello'), 'x.docx');
    expect(unsupported.statusCode).toBe(400);
  });

  it('another user cannot see my import; cancel clears the upload', async () => {
    const v = await preview(lrmxBytes(personTexts({ XingMing: '褚八', ShenFenZheng: idOf('519901', '19870707', 71) })), '褚八.lrmx', city.countyA);
    const other = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
    expect((await call('GET', `/api/cadre-imports/${v.id}`, other)).statusCode).toBe(404);
    const c = await call('POST', `/api/cadre-imports/${v.id}/cancel`, sup);
    expect(c.json().status).toBe('cancelled');
    const data = await ctx.db.tx((tx) => rows<{ data: Buffer | null }>(tx, sql`select data from cadre_import where id = ${v.id}::uuid`));
    expect(data[0]!.data).toBeNull();
    const list = (await call('GET', '/api/cadre-imports', sup)).json();
    expect(list.find((x: { id: string }) => x.id === v.id)).toMatchObject({ status: 'cancelled', fileName: '褚八.lrmx' });
  });
});
