/**
 * Data at rest (DATA-02, DATA-05, FILE-05): attachments, cadre photos and cadre-import uploads are stored
 * SM4-encrypted; legacy plaintext rows are read and encrypted in place; staged uploads expire; the clamd
 * hook (JIANDU_CLAMD) refuses infected uploads and, fail closed, every upload while clamd is unavailable.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { encryptLegacyFiles, expireStagedUploads } from '../../src/services/housekeeping.ts';
import { purgeImports } from '../../src/services/imports/keeper.ts';
import { clamdScan, parseClamdAddress } from '../../src/lib/clamd.ts';
import { scanUpload } from '../../src/services/virus-scan.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { EICAR, closedPort, startFakeClamd, type FakeClamd } from '../support/clamd.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { FAMILY, idOf, jpegBytes, lrmxBytes, personTexts } from '../support/lrmx.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let clamd: FakeClamd;

beforeAll(async () => {
  ctx = await createTestContext();
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  clamd = await startFakeClamd();
});
afterAll(async () => {
  await clamd.close();
});

const call: TestContext['call'] = (...a) => ctx.call(...a);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest();
const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));
const COUNTS = {
  attachment: sql`select count(*)::int as n from attachment`,
  cadre_photo: sql`select count(*)::int as n from cadre_photo`,
  cadre_import: sql`select count(*)::int as n from cadre_import`,
};
const count = async (table: keyof typeof COUNTS) => (await q<{ n: number }>(COUNTS[table]))[0]!.n;
const audits = (action: string) => q<{ result: string; reason: string | null; details: Record<string, unknown> }>(
  sql`select result, reason, details from audit_log where action = ${action} order by seq`);

async function newEntry(): Promise<string> {
  const r = await call('POST', '/api/entries', sup, {
    kind: 'xfjb', sourceDept: 'xf', cadreId: city.cadres['张三明']!.id, occurredOn: '2025-03-15',
    refNo: `青信〔2025〕${crypto.randomInt(1000, 9999)}号`, summary: '群众反映其违规操办婚宴', details: { channel: '12380', realName: true, status: '核查中' },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().entryId;
}

function withClamd(mode: 'fake' | 'off' | { port: number }, timeoutMs = 5000) {
  const config = ctx.deps.config;
  config.clamd = mode === 'off' ? null : { host: '127.0.0.1', port: mode === 'fake' ? clamd.port : mode.port };
  config.clamdTimeoutMs = timeoutMs;
}

describe('clamd client (INSTREAM)', () => {
  it('parses JIANDU_CLAMD, streams chunks with a zero-length terminator, reads OK / FOUND', async () => {
    expect(parseClamdAddress('127.0.0.1:3310')).toEqual({ host: '127.0.0.1', port: 3310 });
    expect(parseClamdAddress('[::1]:3310')).toEqual({ host: '::1', port: 3310 });
    expect(parseClamdAddress('')).toBeNull();
    expect(() => parseClamdAddress('clamd')).toThrow(/JIANDU_CLAMD/u);
    const addr = { host: '127.0.0.1', port: clamd.port };
    const big = Buffer.concat([crypto.randomBytes(200_000), EICAR, crypto.randomBytes(1000)]);
    expect(await clamdScan(addr, big)).toEqual({ clean: false, signature: 'Win.Test.EICAR_HDB-1' });
    expect(clamd.scans.at(-1)!.equals(big)).toBe(true); // reassembled from several 64 KiB chunks
    async function* stream() {
      yield Buffer.from('hello ');
      yield Buffer.from('world');
    }
    expect(await clamdScan(addr, stream())).toEqual({ clean: true });
    expect(clamd.scans.at(-1)!.toString()).toBe('hello world');
    expect(await scanUpload({ clamd: null }, EICAR)).toEqual({ scanned: false });
  });
});

describe('virus scan hook on uploads (JIANDU_CLAMD)', () => {
  it('an EICAR attachment is refused (400, Chinese message, audited, nothing stored); a clean file passes', async () => {
    withClamd('fake');
    const entryId = await newEntry();
    const before = await count('attachment');
    const bad = await ctx.postFile(`/api/entries/${entryId}/attachments?name=eicar.txt`, sup, EICAR);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'virus_found' });
    expect(bad.json().message).toMatch(/病毒扫描.*Win\.Test\.EICAR_HDB-1/u);
    expect(await count('attachment')).toBe(before);
    const a = await audits('upload.virus-found');
    expect(a.at(-1)).toMatchObject({ result: 'failure', details: { upload: 'attachment', fileName: 'eicar.txt', signature: 'Win.Test.EICAR_HDB-1' } });

    const scansBefore = clamd.scans.length;
    const ok = await ctx.postFile(`/api/entries/${entryId}/attachments?name=report.pdf`, sup, PDF);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(clamd.scans.length).toBe(scansBefore + 1);
    expect(clamd.scans.at(-1)!.equals(PDF)).toBe(true);
  });

  it('clamd down or silent: every upload is refused (503 病毒扫描服务不可用，请稍后再试), audited, nothing stored', async () => {
    const entryId = await newEntry();
    const before = await count('attachment');
    withClamd({ port: await closedPort() });
    const down = await ctx.postFile(`/api/entries/${entryId}/attachments?name=report.pdf`, sup, PDF);
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: 'scan_unavailable', message: '病毒扫描服务不可用，请稍后再试' });
    expect((await audits('upload.scan-unavailable')).at(-1)).toMatchObject({ result: 'failure', details: { upload: 'attachment' } });

    withClamd('fake', 300);
    clamd.mode = 'silent';
    try {
      const silent = await ctx.postFile(`/api/entries/${entryId}/attachments?name=report.pdf`, sup, PDF);
      expect(silent.statusCode).toBe(503);
      expect(silent.json().message).toBe('病毒扫描服务不可用，请稍后再试');
    } finally {
      clamd.mode = 'ok';
    }
    expect(await count('attachment')).toBe(before);
    withClamd('off');
    expect((await ctx.postFile(`/api/entries/${entryId}/attachments?name=report.pdf`, sup, PDF)).statusCode).toBe(200);
  });

  it('photos and 任免审批表 imports are scanned too', async () => {
    withClamd('fake');
    const cadreId = city.cadres['李四海']!.id;
    const infectedPhoto = Buffer.concat([jpegBytes([1, 2, 3]), EICAR]);
    const p = await ctx.postFile(`/api/cadres/${cadreId}/photo`, sup, infectedPhoto);
    expect(p.statusCode).toBe(400);
    expect(p.json().error).toBe('virus_found');
    expect(await count('cadre_photo')).toBe(0);

    const imports = await count('cadre_import');
    const lrmx = lrmxBytes(personTexts({ JianLi: `2000.07--  ${EICAR.toString('latin1')}` }), FAMILY);
    const u = await ctx.postFile(`/api/cadre-imports?name=x.lrmx&orgId=${city.countyA}`, sup, lrmx);
    expect(u.statusCode).toBe(400);
    expect(u.json().error).toBe('virus_found');
    expect(await count('cadre_import')).toBe(imports);
    expect((await audits('upload.virus-found')).map((x) => x.details.upload)).toEqual(expect.arrayContaining(['cadre', 'cadre_import']));
    withClamd('off');
  });
});

describe('files at rest are SM4-encrypted', () => {
  it('a cadre photo: stored encrypted (bound to the cadre), served as uploaded', async () => {
    const cadreId = city.cadres['赵六']!.id;
    const photo = jpegBytes([...Buffer.from('PHOTO-MARKER-7f3a')]);
    const r = await ctx.postFile(`/api/cadres/${cadreId}/photo`, sup, photo);
    expect(r.statusCode, r.body).toBe(200);
    const [row] = await q<{ data: Buffer; sm3: string }>(sql`select data, sm3 from cadre_photo where cadre_id = ${cadreId}::uuid`);
    const atRest = Buffer.from(row!.data);
    expect(atRest.subarray(0, 4).toString('latin1')).toBe('JDB1');
    expect(atRest.includes(Buffer.from('PHOTO-MARKER-7f3a'))).toBe(false);
    expect(row!.sm3).toBe(sm3(photo).toString('hex'));
    expect(ctx.deps.crypto.decryptBytes(atRest, `cadre-photo:${cadreId}`).equals(photo)).toBe(true);
    const back = await call('GET', `/api/cadres/${cadreId}/photo`, sup);
    expect(back.rawPayload.equals(photo)).toBe(true);
  });

  it('a 任免审批表 upload: stored encrypted (no 身份证号 in the bytes), deleted at commit; imported photo encrypted', async () => {
    const idNumber = idOf('330226', '19790416', 3);
    const lrmx = lrmxBytes(personTexts({ XingMing: '周明远', ShenFenZheng: idNumber, ChuShengNianYue: '197904' }), FAMILY, jpegBytes([4, 4, 4]));
    const u = await ctx.postFile(`/api/cadre-imports?name=zhou.lrmx&orgId=${city.countyA}`, sup, lrmx);
    expect(u.statusCode, u.body).toBe(200);
    await drainJobs();
    const id = u.json().id as string;
    const [row] = await q<{ data: Buffer }>(sql`select data from cadre_import where id = ${id}::uuid`);
    const atRest = Buffer.from(row!.data);
    expect(atRest.subarray(0, 4).toString('latin1')).toBe('JDB1');
    expect(atRest.includes(Buffer.from(idNumber))).toBe(false);
    expect(ctx.deps.crypto.decryptBytes(atRest, `cadre-import:${id}:data`).equals(lrmx)).toBe(true);
    expect((await call('GET', `/api/cadre-imports/${id}`, sup)).json().status).toBe('checked');
    const c = await call('POST', `/api/cadre-imports/${id}/commit`, sup);
    expect(c.json()).toMatchObject({ status: 'done', created: 1 });
    expect((await q<{ data: Buffer | null }>(sql`select data from cadre_import where id = ${id}::uuid`))[0]!.data).toBeNull();
    const [cadre] = await q<{ id: string }>(sql`select id from cadre where name = '周明远'`);
    const [photo] = await q<{ data: Buffer }>(sql`select data from cadre_photo where cadre_id = ${cadre!.id}::uuid`);
    expect(Buffer.from(photo!.data).subarray(0, 4).toString('latin1')).toBe('JDB1');
    expect((await call('GET', `/api/cadres/${cadre!.id}/photo`, sup)).rawPayload.equals(jpegBytes([4, 4, 4]))).toBe(true);
  });

  it('an unfinished import\'s upload expires after stagedRetentionDays (default 7): cleared, cancelled, audited', async () => {
    const lrmx = lrmxBytes(personTexts({ XingMing: '钱立新', ShenFenZheng: idOf('330226', '19810101', 5), ChuShengNianYue: '198101' }), []);
    const u = await ctx.postFile(`/api/cadre-imports?name=qian.lrmx&orgId=${city.countyA}`, sup, lrmx);
    expect(u.statusCode, u.body).toBe(200);
    await drainJobs();
    const id = u.json().id as string;
    expect(ctx.deps.config.stagedRetentionDays).toBe(7);
    ctx.clock.advance(6 * 86_400_000);
    expect(await expireStagedUploads(ctx.deps)).toEqual([]);
    ctx.clock.advance(2 * 86_400_000);
    await purgeImports(ctx.deps); // the sheet imports' keeper leaves them to the housekeeping (it used to cancel them unaudited)
    expect(await expireStagedUploads(ctx.deps)).toEqual([id]);
    ctx.clock.advance(-8 * 86_400_000); // back, so the session is still valid
    const [row] = await q<{ data: Buffer | null; status: string }>(sql`select data, status from cadre_import where id = ${id}::uuid`);
    expect(row).toEqual({ data: null, status: 'cancelled' });
    const view = (await call('GET', `/api/cadre-imports/${id}`, sup)).json();
    expect(view).toMatchObject({ status: 'cancelled', error: '上传的文件超过 7 天未导入，已自动清除；如需导入请重新上传' });
    expect((await q<{ object_id: string }>(sql`select object_id from audit_log where action = 'cadre-import.expire'`)).map((x) => x.object_id)).toEqual([id]);
    expect((await call('POST', `/api/cadre-imports/${id}/commit`, sup)).statusCode).toBe(409);
  });
});

describe('files written before encryption (legacy plaintext rows)', () => {
  let attId: string;
  let entryId: string;
  const legacyPdf = Buffer.from('%PDF-1.4\nLEGACY-PLAINTEXT-ATTACHMENT\n%%EOF\n', 'latin1');
  const legacyPhoto = jpegBytes([...Buffer.from('LEGACY-PHOTO')]);
  const cadreId = () => city.cadres['王五']!.id;

  beforeAll(async () => {
    entryId = await newEntry();
    attId = crypto.randomUUID();
    await ctx.db.tx(async (tx) => {
      const [v] = await rows<{ version_id: string }>(tx, sql`select version_id from entry_head where entry_id = ${entryId}::uuid`);
      await tx.execute(sql`insert into attachment (id, entry_id, version_id, file_name, mime, size, sm3, data, created_at)
        values (${attId}::uuid, ${entryId}::uuid, ${v!.version_id}::uuid, 'legacy.pdf', 'application/pdf', ${legacyPdf.length}, ${sm3(legacyPdf)}, ${legacyPdf}, now())`);
      await tx.execute(sql`insert into cadre_photo (cadre_id, mime, data, sm3, updated_at)
        values (${cadreId()}::uuid, 'image/jpeg', ${legacyPhoto}, ${sm3(legacyPhoto).toString('hex')}, now())`);
    });
  });

  it('are read as they are, then encrypted in place by encryptLegacyFiles (idempotent), still read the same', async () => {
    expect((await call('GET', `/api/attachments/${attId}`, sup)).rawPayload.equals(legacyPdf)).toBe(true);
    expect((await call('GET', `/api/cadres/${cadreId()}/photo`, sup)).rawPayload.equals(legacyPhoto)).toBe(true);

    const first = await encryptLegacyFiles(ctx.deps, 2);
    expect(first.attachments).toBeGreaterThanOrEqual(1);
    expect(first.photos).toBeGreaterThanOrEqual(1);
    expect(await encryptLegacyFiles(ctx.deps, 2)).toEqual({ attachments: 0, photos: 0, cadreImports: 0 });
    const [a] = await q<{ data: Buffer }>(sql`select data from attachment where id = ${attId}::uuid`);
    expect(Buffer.from(a!.data).subarray(0, 4).toString('latin1')).toBe('JDB1');
    expect(Buffer.from(a!.data).includes(Buffer.from('LEGACY-PLAINTEXT'))).toBe(false);
    const [p] = await q<{ data: Buffer }>(sql`select data from cadre_photo where cadre_id = ${cadreId()}::uuid`);
    expect(Buffer.from(p!.data).includes(Buffer.from('LEGACY-PHOTO'))).toBe(false);
    expect((await call('GET', `/api/attachments/${attId}`, sup)).rawPayload.equals(legacyPdf)).toBe(true);
    expect((await call('GET', `/api/cadres/${cadreId()}/photo`, sup)).rawPayload.equals(legacyPhoto)).toBe(true);
    expect((await audits('system.encrypt-legacy-files')).at(-1)!.details).toMatchObject({ attachments: first.attachments, photos: first.photos });
  });

  it('the attachment stays append-only: only plaintext → encrypted data is allowed, nothing else', async () => {
    const refused = (s: ReturnType<typeof sql>) => expect(ctx.db.tx((tx) => tx.execute(s))).rejects.toThrow();
    await refused(sql`update attachment set file_name = 'x.pdf' where id = ${attId}::uuid`);
    await refused(sql`update attachment set data = ${Buffer.from('JDB1\x01forged', 'latin1')} where id = ${attId}::uuid`); // already encrypted
    await refused(sql`delete from attachment where id = ${attId}::uuid`);
    const other = await newEntry();
    const up = await ctx.postFile(`/api/entries/${other}/attachments?name=a.pdf`, sup, PDF);
    const id = up.json().id as string;
    await refused(sql`update attachment set data = ${PDF} where id = ${id}::uuid`); // back to plaintext
    // An encrypted blob put in another attachment's place fails its AAD on download.
    const plainId = crypto.randomUUID();
    await ctx.db.tx(async (tx) => {
      const [v] = await rows<{ version_id: string }>(tx, sql`select version_id from entry_head where entry_id = ${other}::uuid`);
      await tx.execute(sql`insert into attachment (id, entry_id, version_id, file_name, mime, size, sm3, data, created_at)
        values (${plainId}::uuid, ${other}::uuid, ${v!.version_id}::uuid, 'p.pdf', 'application/pdf', ${PDF.length}, ${sm3(PDF)}, ${PDF}, now())`);
      await tx.execute(sql`update attachment set data = (select data from attachment where id = ${id}::uuid) where id = ${plainId}::uuid`);
    });
    expect((await call('GET', `/api/attachments/${plainId}`, sup)).statusCode).toBe(409); // IntegrityError
  });
});
