import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { contentTypes, makeZip } from '../support/zip.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supLogin: string;
let member: string;
let otherCounty: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  const s = await ctx.loginAs('supervisor', { scopeOrgId: city.city });
  sup = s.cookie;
  supLogin = s.login;
  member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
  otherCounty = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
});

const call: TestContext['call'] = (...a) => ctx.call(...a);

const upload = (url: string, cookie: string, body: Buffer, name?: string, headers: Record<string, string> = {}) =>
  ctx.postFile(name === undefined ? url : `${url}?name=${encodeURIComponent(name)}`, cookie, body, headers);

const sm3hex = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');

async function newEntry(cookie = sup, base = '/api/entries', extra: object = {}): Promise<string> {
  const r = await call('POST', base, cookie, {
    kind: 'xfjb', ...(base === '/api/entries' ? { sourceDept: 'xf' } : {}), cadreId: city.cadres['张三明']!.id, occurredOn: '2025-03-15',
    refNo: '青信〔2025〕12号', summary: '群众反映其违规操办婚宴', details: { channel: '12380', realName: true, status: '核查中' }, ...extra,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().entryId;
}

async function auditRows(action: string, objectId: string) {
  return ctx.db.tx((tx) => rows<{ actor_login: string; details: Record<string, unknown>; at: string }>(tx,
    sql`select actor_login, details, at from audit_log where action = ${action} and object_id = ${objectId}`));
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(200)]);
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').addRow(['姓名', '张三明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('upload and download', () => {
  it('round trip: the same bytes and SM3, a safe download, listed with the entry, audited both ways', async () => {
    const entryId = await newEntry();
    const up = await upload(`/api/entries/${entryId}/attachments`, sup, PDF, '核查报告（第1稿）.pdf');
    expect(up.statusCode, up.body).toBe(200);
    const a = up.json();
    expect(a).toMatchObject({ entryId, fileName: '核查报告（第1稿）.pdf', mime: 'application/pdf', size: PDF.length, sm3: sm3hex(PDF) });

    const down = await call('GET', `/api/attachments/${a.id}`, sup);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(sm3hex(down.rawPayload)).toBe(a.sm3);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['cache-control']).toBe('no-store');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="download_1.pdf"; filename*=UTF-8''${encodeURIComponent('核查报告（第1稿）.pdf')}`,
    );

    const view = (await call('GET', `/api/entries/${entryId}`, sup)).json();
    expect(view.entry.attachments).toEqual([{ id: a.id, fileName: '核查报告（第1稿）.pdf', size: PDF.length, mime: 'application/pdf' }]);

    const stored = await ctx.db.tx((tx) => rows<{ sm3: Buffer; data: Buffer; version_id: string }>(tx, sql`select sm3, data, version_id from attachment where id = ${a.id}`));
    expect(Buffer.from(stored[0]!.sm3).toString('hex')).toBe(sm3hex(PDF));
    // At rest: SM4-encrypted (DATA-02), bound to this attachment (AAD), never the plaintext.
    const atRest = Buffer.from(stored[0]!.data);
    expect(atRest.subarray(0, 4).toString('latin1')).toBe('JDB1');
    expect(atRest.includes(PDF.subarray(0, 16))).toBe(false);
    expect(ctx.deps.crypto.decryptBytes(atRest, `attachment:${a.id}`).equals(PDF)).toBe(true);
    expect(() => ctx.deps.crypto.decryptBytes(atRest, `attachment:${entryId}`)).toThrow();

    const ups = await auditRows('attachment.upload', a.id);
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ actor_login: supLogin, details: { entryId, size: PDF.length, sm3: sm3hex(PDF) } });
    expect(await auditRows('attachment.download', a.id)).toHaveLength(1);
  });

  it('the file name may come percent-encoded in X-File-Name; real .xlsx, .docx, .png and text files pass', async () => {
    const entryId = await newEntry();
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('谈话记录')] }] }));
    const cases: Array<[string, Buffer, string]> = [
      ['名单.xlsx', await realXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['谈话记录.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['照片.png', PNG, 'image/png'],
      ['说明.txt', Buffer.from('情况说明：\r\n已核实。\n', 'utf8'), 'text/plain'],
      ['GBK说明.txt', Buffer.from([0xc7, 0xe9, 0xbf, 0xf6, 0xcb, 0xb5, 0xc3, 0xf7, 0x0d, 0x0a]), 'text/plain'],
      ['扫描件.JPG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(32)]), 'image/jpeg'],
      ['公文.ofd', makeZip([{ name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>' }, { name: 'Doc_0/Document.xml', data: '<x/>' }]), 'application/ofd'],
    ];
    for (const [name, body, mime] of cases) {
      const r = await upload(`/api/entries/${entryId}/attachments`, sup, body, undefined, { 'x-file-name': encodeURIComponent(name) });
      expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
      expect(r.json()).toMatchObject({ fileName: name, mime });
    }
  });

  it('a name with path parts is stored as a plain name, one with CR/LF is refused, and the download header stays one safe line', async () => {
    const entryId = await newEntry();
    // Control characters are refused in every parameter (INP-01), naming the field.
    const crlf = await upload(`/api/entries/${entryId}/attachments`, sup, PDF, 'passwd\r\nX-Injected: 1.pdf');
    expect(crlf.statusCode).toBe(400);
    expect(crlf.json().message).toMatch(/name 含有不允许的控制字符/u);
    const r = await upload(`/api/entries/${entryId}/attachments`, sup, PDF, '../../etc/passwdX-Injected: 1";\u202Efdp.exe.pdf');
    expect(r.statusCode, r.body).toBe(200);
    const name = r.json().fileName as string;
    expect(name).not.toMatch(/[/\\\r\n\u202e]/u);
    expect(name).not.toContain('..');
    expect(name).toBe('passwdX-Injected_ 1_;fdp.exe.pdf');
    const d = await call('GET', `/api/attachments/${r.json().id}`, sup);
    const cd = d.headers['content-disposition'] as string;
    expect(cd).not.toMatch(/[\r\n]/u);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x21\x23-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/u);
    expect(d.headers['x-injected']).toBeUndefined();
    const long = await upload(`/api/entries/${entryId}/attachments`, sup, PDF, `${'长'.repeat(300)}.pdf`);
    expect([...long.json().fileName as string]).toHaveLength(200);
    expect(long.json().fileName).toMatch(/\.pdf$/u);
  });
});

describe('file type checks', () => {
  let entryId: string;
  beforeAll(async () => {
    entryId = await newEntry();
  });
  const up = (body: Buffer, name: string) => upload(`/api/entries/${entryId}/attachments`, sup, body, name);

  it('an .exe renamed .pdf is refused with a Chinese message', async () => {
    const r = await up(EXE, '报告.pdf');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('文件内容与扩展名不符');
    expect((await up(EXE, 'setup.exe')).json().message).toContain('不支持“.exe”');
    expect((await up(PDF, '报告')).json().message).toContain('缺少扩展名');
  });

  it('content of another allowed type under the wrong extension is refused', async () => {
    const r = await up(await realXlsx(), '报告.docx');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('文件内容与扩展名不符：文件名为“.docx”，实际内容是Excel 工作簿（.xlsx）');
    expect((await up(PNG, '照片.jpg')).json().message).toContain('实际内容是PNG 图片');
  });

  it('macro workbooks (vbaProject.bin, macroEnabled) are refused, as .xlsm or renamed .xlsx', async () => {
    const xlsm = makeZip([
      { name: '[Content_Types].xml', data: contentTypes('application/vnd.ms-excel.sheet.macroEnabled.main+xml', '/xl/workbook.xml') },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/vbaProject.bin', data: crypto.randomBytes(100) },
    ]);
    const renamed = await up(xlsm, '名单.xlsx');
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().message).toContain('宏');
    expect((await up(xlsm, '名单.xlsm')).statusCode).toBe(400);
    const typesOnly = makeZip([{ name: '[Content_Types].xml', data: contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml', '/word/document.xml') }]);
    expect((await up(typesOnly, '文件.docx')).json().message).toContain('宏');
    const plainZip = makeZip([{ name: 'a.txt', data: 'x' }]);
    expect((await up(plainZip, '文件.docx')).json().message).toContain('不支持压缩包');
  });

  it('a zip bomb (a huge declared size) is refused at once, without inflating', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: contentTypes(XLSX_MAIN, '/xl/workbook.xml') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024), declaredSize: 0xfffffff0 },
    ]);
    const started = Date.now();
    const r = await up(bomb, '炸弹.xlsx');
    expect(Date.now() - started).toBeLessThan(5000); // inflating 4 GB takes far longer; 5 s holds at load 8
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('压缩炸弹');
    const many = makeZip(Array.from({ length: 6000 }, (_, i) => ({ name: `x/${i}.xml`, data: '' })));
    expect((await up(many, '很多.xlsx')).statusCode).toBe(400);
  });

  it('a body over 20 MB is refused with 413; other content types with 415; a missing name with 400', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const r = await up(big, '大文件.txt');
    expect(r.statusCode).toBe(413);
    expect(r.json().message).toContain('20 MB');
    const json = await ctx.app.inject({ method: 'POST', url: `/api/entries/${entryId}/attachments?name=a.txt`, headers: { cookie: sup }, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    expect((await upload(`/api/entries/${entryId}/attachments`, sup, PDF)).json().message).toContain('请提供文件名');
    expect((await up(Buffer.alloc(0), '空.txt')).statusCode).toBe(400);
  });
});

describe('scope', () => {
  it('a member department uploads to and downloads from its own submissions only', async () => {
    const own = await newEntry(member, '/api/submissions');
    const mine = await upload(`/api/submissions/${own}/attachments`, member, PDF, '来信.pdf');
    expect(mine.statusCode, mine.body).toBe(200);
    expect((await call('GET', `/api/submissions/attachments/${mine.json().id}`, member)).statusCode).toBe(200);
    expect((await call('GET', `/api/attachments/${mine.json().id}`, member)).statusCode).toBe(403);

    const jw = await newEntry(sup, '/api/entries', {
      kind: 'cfwz', sourceDept: 'jw', summary: '违反中央八项规定精神', details: { category: '党纪处分', measure: '警告' },
    });
    const theirs = await upload(`/api/entries/${jw}/attachments`, sup, PDF, '处分决定.pdf');
    expect(theirs.statusCode).toBe(200);
    const denied = await call('GET', `/api/submissions/attachments/${theirs.json().id}`, member);
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('处分决定');
    expect((await upload(`/api/submissions/${jw}/attachments`, member, PDF, 'x.pdf')).statusCode).toBe(404);
  });

  it('a supervisor of another county gets 404; a withdrawn entry takes no attachment', async () => {
    const entryId = await newEntry();
    const a = (await upload(`/api/entries/${entryId}/attachments`, sup, PDF, 'a.pdf')).json();
    expect((await call('GET', `/api/attachments/${a.id}`, otherCounty)).statusCode).toBe(404);
    expect((await upload(`/api/entries/${entryId}/attachments`, otherCounty, PDF, 'b.pdf')).statusCode).toBe(404);
    expect((await call('GET', `/api/attachments/${crypto.randomUUID()}`, sup)).statusCode).toBe(404);
    expect((await call('POST', `/api/entries/${entryId}/withdraw`, sup, { baseVersion: 1, reason: '重复录入' })).statusCode).toBe(200);
    expect((await upload(`/api/entries/${entryId}/attachments`, sup, PDF, 'c.pdf')).statusCode).toBe(409);
    // Attachments are append-only, like the versions.
    await expect(ctx.db.tx((tx) => tx.execute(sql`delete from attachment where id = ${a.id}`))).rejects.toThrow();
  });
});
